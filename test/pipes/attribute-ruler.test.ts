import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { AttributeRuler, type AttributeRulerPattern } from "../../src/pipes/attribute-ruler.js";
import { registerLemmaFactories } from "../../src/pipes/register-lemma.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { TsnlpError } from "../../src/util/errors.js";

implementBuiltins(registry);
registerLemmaFactories(registry);

const WORDS = ["I", "saw", "the", "dogs", "and", "the", "cats", "runs"];
const TAGS = ["PRP", "VBD", "DT", "NNS", "CC", "DT", "NNS", "VBZ"];

/** Rules, a tag map and morph rules, added in this order. */
function ruler(vocab: Vocab): AttributeRuler {
  const ar = new AttributeRuler(vocab);
  ar.add([[{ LOWER: "the" }, { TAG: "NNS" }]], { LEMMA: "THE-PHRASE" }, 0);
  ar.add([[{ LOWER: "the" }, { TAG: "NNS" }]], { LEMMA: "plural-noun" }, -1);
  ar.add([[{ ORTH: "dogs" }]], { LEMMA: "dog", MORPH: "Number=Plur" });
  ar.loadFromTagMap({ NNS: { POS: "NOUN", Number: "plur" }, VBZ: { POS: "VERB", MORPH: "Person=3|Number=Sing" }, DT: { POS: "DET" } });
  ar.loadFromMorphRules({ PRP: { I: { LEMMA: "I", PronType: "Prs", Person: "one" } } });
  return ar;
}

/** What spaCy's AttributeRuler with the same rules sets: [text, tag, pos, morph, lemma] per token. */
const SPACY_TOKENS = [
  ["I", "PRP", "", "Person=one|PronType=Prs", "I"],
  ["saw", "VBD", "", "", ""],
  ["the", "DT", "DET", "", "THE-PHRASE"],
  ["dogs", "NNS", "NOUN", "Number=plur", "dog"],
  ["and", "CC", "", "", ""],
  ["the", "DT", "DET", "", "THE-PHRASE"],
  ["cats", "NNS", "NOUN", "Number=plur", "plural-noun"],
  ["runs", "VBZ", "VERB", "Number=Sing|Person=3", ""],
];

/** spaCy's AttributeRuler.patterns for the same rules. */
const SPACY_PATTERNS: AttributeRulerPattern[] = [
  { patterns: [[{ LOWER: "the" }, { TAG: "NNS" }]], attrs: { LEMMA: "THE-PHRASE" }, index: 0 },
  { patterns: [[{ LOWER: "the" }, { TAG: "NNS" }]], attrs: { LEMMA: "plural-noun" }, index: -1 },
  { patterns: [[{ ORTH: "dogs" }]], attrs: { LEMMA: "dog", MORPH: "Number=Plur" }, index: 0 },
  { patterns: [[{ TAG: "NNS" }]], attrs: { POS: "NOUN", MORPH: "Number=plur" }, index: 0 },
  { patterns: [[{ TAG: "VBZ" }]], attrs: { POS: "VERB", MORPH: "Number=Sing|Person=3" }, index: 0 },
  { patterns: [[{ TAG: "DT" }]], attrs: { POS: "DET", MORPH: "_" }, index: 0 },
  { patterns: [[{ ORTH: "I", TAG: "PRP" }]], attrs: { LEMMA: "I", MORPH: "Person=one|PronType=Prs" }, index: 0 },
];

/** The `patterns` file spaCy's to_disk writes for one rule: [[{"LOWER": "s"}]] -> {"LEMMA": "be", "POS": "AUX"}. */
const SPACY_PATTERNS_FILE = "kYOocGF0dGVybnORkYGlTE9XRVKhc6VhdHRyc4KlTEVNTUGiYmWjUE9To0FVWKVpbmRleAA=";

function annotated(doc: Doc): string[][] {
  return doc.tokens.map((token) => [token.text, token.tag, token.pos, token.morph, token.lemma]);
}

describe("attribute_ruler (AttributeRuler)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-attribute-ruler-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("sets tags, POS, morphology and lemmas as spaCy's does, later rules winning", () => {
    const vocab = new Vocab();
    const doc = ruler(vocab).call(new Doc(vocab, { words: WORDS, tags: TAGS }));
    assert.deepEqual(annotated(doc), SPACY_TOKENS);
  });

  it("lists its rules as spaCy's patterns property does", () => {
    assert.deepEqual(ruler(new Vocab()).patterns, SPACY_PATTERNS);
  });

  it("sets other attributes: NORM, sentence starts, lexeme flags, TAG", () => {
    const vocab = new Vocab();
    const ar = new AttributeRuler(vocab);
    ar.addPatterns([
      { patterns: [[{ LOWER: "u" }]], attrs: { NORM: "you", tag: "PRP", IS_STOP: true } },
      { patterns: [[{ ORTH: "." }, {}]], attrs: { IS_SENT_START: true }, index: 1 },
    ]);
    const doc = ar.call(new Doc(vocab, { words: ["see", "u", ".", "bye"] }));
    assert.equal(doc.token(1).norm, "you");
    assert.equal(doc.token(1).tag, "PRP");
    assert.equal(doc.token(1).isStop, true);
    assert.equal(doc.token(3).sentStart, true);
    assert.equal(doc.token(2).sentStart, null);
  });

  it("loads rules from [initialize.components.NAME] patterns, tag_map and morph_rules", () => {
    const vocab = new Vocab();
    const ar = new AttributeRuler(vocab);
    ar.add([[{ ORTH: "old" }]], { LEMMA: "gone" });
    ar.initialize(() => [], {
      nlp: { vocab } as never,
      settings: {
        patterns: [{ patterns: [[{ ORTH: "dogs" }]], attrs: { LEMMA: "dog" } }],
        tag_map: { NNS: { POS: "NOUN" } },
        morph_rules: { PRP: { I: { LEMMA: "I" } } },
      },
    });
    assert.equal(ar.size, 3);
    const doc = ar.call(new Doc(vocab, { words: ["I", "old", "dogs"], tags: ["PRP", "JJ", "NNS"] }));
    assert.deepEqual([...doc.lemmas], ["I", "", "dog"]);
    assert.deepEqual([...doc.pos], ["", "", "NOUN"]);
    assert.throws(
      () => ar.initialize(() => [], { nlp: { vocab } as never, settings: { patterns: "rules.jsonl" } }),
      (e: TsnlpError) => e.code === "E_ATTRIBUTE_RULER",
    );
  });

  it("reads its rules from a JSONL file named in the config's [initialize] block", () => {
    const file = join(dir, "rules.jsonl");
    writeFileSync(file, `${JSON.stringify({ patterns: [[{ LOWER: "u" }]], attrs: { LEMMA: "you", POS: "PRON" } })}\n`);
    const nlp = Language.fromConfig(
      parseConfig(`
[nlp]
lang = "en"
pipeline = ["attribute_ruler"]

[components]

[components.attribute_ruler]
factory = "attribute_ruler"

[initialize]

[initialize.components]

[initialize.components.attribute_ruler]

[initialize.components.attribute_ruler.patterns]
@readers = "srsly.read_jsonl.v1"
path = "${file}"

[training]

[training.optimizer]
@optimizers = "Adam.v1"
`).tree,
    );
    nlp.initialize(() => []);
    const doc = nlp.call("see u");
    assert.deepEqual([...doc.lemmas], ["", "you"]);
    assert.deepEqual([...doc.pos], ["", "PRON"]);
  });

  it("names the rule and the match when an index falls outside it", () => {
    const vocab = new Vocab();
    const ar = new AttributeRuler(vocab);
    ar.add([[{ ORTH: "a" }, { ORTH: "b" }]], { LEMMA: "x" }, 2);
    assert.doesNotThrow(() => ar.call(new Doc(vocab, { words: ["c"] })));
    assert.throws(
      () => ar.call(new Doc(vocab, { words: ["a", "b"] })),
      (e: TsnlpError) => e.code === "E_ATTRIBUTE_RULER_INDEX" && /Rule 0/.test(e.message) && /"a b"/.test(e.message),
    );
  });

  it("rejects attributes it cannot set, and values of the wrong kind", () => {
    const ar = new AttributeRuler(new Vocab());
    const rejects = (attrs: Record<string, unknown>, pattern: RegExp) =>
      assert.throws(
        () => ar.add([[{ ORTH: "a" }]], attrs),
        (e: TsnlpError) => e.code === "E_ATTRIBUTE_RULER" && pattern.test(e.message),
      );
    rejects({ LEMA: "x" }, /"LEMA".*Did you mean/);
    rejects({ ORTH: "x" }, /"ORTH"/);
    rejects({ POS: "NOUNS" }, /universal POS/);
    rejects({ _: { custom: 1 } }, /extension/);
    rejects({ ENT_IOB: "X" }, /ENT_IOB/);
    rejects({ LEMMA: 3 }, /must be a string/);
    assert.equal(ar.size, 0);
    assert.throws(
      () => ar.addPatterns([{ patterns: [[{ ORTH: "a" }]], attrs: {}, extra: 1 } as never]),
      (e: TsnlpError) => /unknown keys: extra/.test(e.message),
    );
  });

  it("saves its rules as patterns.jsonl and loads them back, through a pipeline too", () => {
    const nlp = Language.fromConfig({ nlp: { lang: "en" } });
    const ar = nlp.addPipe("attribute_ruler") as AttributeRuler;
    ar.addPatterns(SPACY_PATTERNS);
    const path = join(dir, "pipeline");
    nlp.toDisk(path);
    assert.deepEqual(readdirSync(join(path, "attribute_ruler")), ["patterns.jsonl"]);
    assert.equal(
      readFileSync(join(path, "attribute_ruler", "patterns.jsonl"), "utf8")
        .trim()
        .split("\n").length,
      SPACY_PATTERNS.length,
    );
    const loaded = loadPipeline(path).getPipe("attribute_ruler") as AttributeRuler;
    assert.deepEqual(loaded.patterns, SPACY_PATTERNS);
    assert.deepEqual(annotated(loaded.call(new Doc(loaded.vocab, { words: WORDS, tags: TAGS }))), SPACY_TOKENS);
  });

  it("loads the patterns file spaCy writes", () => {
    const folder = join(dir, "from-spacy");
    const ar = new AttributeRuler(new Vocab());
    mkdirSync(folder);
    writeFileSync(join(folder, "patterns"), Buffer.from(SPACY_PATTERNS_FILE, "base64"));
    ar.fromDisk(folder);
    assert.deepEqual(ar.patterns, [{ patterns: [[{ LOWER: "s" }]], attrs: { LEMMA: "be", POS: "AUX" }, index: 0 }]);
  });

  it("scores tag, POS, morphology and lemma accuracy", () => {
    const nlp = Language.fromConfig({ nlp: { lang: "en" } });
    const ar = nlp.addPipe("attribute_ruler") as AttributeRuler;
    ar.add([[{ LOWER: "dogs" }]], { POS: "NOUN", LEMMA: "dog", MORPH: "Number=Plur", TAG: "NNS" });
    const reference = new Doc(nlp.vocab, {
      words: ["dogs", "bark"],
      tags: ["NNS", "VBP"],
      pos: ["NOUN", "VERB"],
      morphs: ["Number=Plur", "Tense=Pres"],
      lemmas: ["dog", "bark"],
    });
    const scores = nlp.evaluate([new Example(nlp.makeDoc("dogs bark"), reference)]);
    for (const key of ["tag_acc", "pos_acc", "morph_acc", "lemma_acc"]) assert.equal(scores[key], 0.5, key);
  });
});
