import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { registerRuleFactories } from "../../src/pipes/register-rules.js";
import { DEFAULT_PUNCT_CHARS, Sentencizer } from "../../src/pipes/sentencizer.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import type { TsnlpError } from "../../src/util/errors.js";

const vocab = createVocab("en");
const tokenizer = createTokenizer(vocab, "en");
const starts = (doc: Doc) => doc.tokens.flatMap((token) => (token.sentStart ? [token.i] : []));

// Words, sentence starts and sentences that spaCy's sentencizer gives for each text.
const SPACY_CASES: Array<{ text: string; words: string[]; starts: number[]; sents: string[] }> = [
  {
    text: 'He said "Hi!" Then he left. Really?! Yes... (Maybe.) "No." End',
    words: ["He", "said", '"', "Hi", "!", '"', "Then", "he", "left", ".", "Really", "?", "!", "Yes", "...", "(", "Maybe", ".", ")", '"', "No", ".", '"', "End"],
    starts: [0, 6, 10, 13, 20, 23],
    sents: ['He said "Hi!"', "Then he left.", "Really?!", 'Yes... (Maybe.) "', 'No."', "End"],
  },
  {
    text: "First sentence. Second one! Third? ",
    words: ["First", "sentence", ".", "Second", "one", "!", "Third", "?"],
    starts: [0, 3, 6],
    sents: ["First sentence.", "Second one!", "Third?"],
  },
  { text: "No final punctuation here", words: ["No", "final", "punctuation", "here"], starts: [0], sents: ["No final punctuation here"] },
  {
    text: "Wait... what?? 'Quoted.' [Bracketed!] done",
    words: ["Wait", "...", "what", "?", "?", "'", "Quoted", ".", "'", "[", "Bracketed", "!", "]", "done"],
    starts: [0, 6, 10, 13],
    sents: ["Wait... what?? '", "Quoted.' [", "Bracketed!]", "done"],
  },
  {
    text: "Dr. Smith arrived at 5 p.m. today. He was late.",
    words: ["Dr.", "Smith", "arrived", "at", "5", "p.m.", "today", ".", "He", "was", "late", "."],
    starts: [0, 8],
    sents: ["Dr. Smith arrived at 5 p.m. today.", "He was late."],
  },
  { text: "Hello!!! World?", words: ["Hello", "!", "!", "!", "World", "?"], starts: [0, 4], sents: ["Hello!!!", "World?"] },
];

describe("Sentencizer", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-sentencizer-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("has spaCy's default punctuation characters", () => {
    assert.equal(DEFAULT_PUNCT_CHARS.length, 128);
    assert.deepEqual(DEFAULT_PUNCT_CHARS.slice(0, 4), ["!", ".", "?", "։"]);
    assert.deepEqual(DEFAULT_PUNCT_CHARS.slice(-3), ["𝪈", "｡", "。"]);
    assert.equal(new Set(DEFAULT_PUNCT_CHARS).size, 128);
  });

  describe("splits as spaCy does", () => {
    for (const c of SPACY_CASES) {
      it(c.text, () => {
        const doc = new Sentencizer().call(tokenizer.call(c.text));
        assert.deepEqual(doc.words, c.words);
        assert.deepEqual(starts(doc), c.starts);
        assert.deepEqual(
          doc.sents.map((sent) => sent.text),
          c.sents,
        );
        assert.ok(
          doc.tokens.every((token) => token.sentStart !== null),
          "every token is annotated",
        );
      });
    }
  });

  it("uses custom punctuation characters when given, and the defaults for an empty list", () => {
    const custom = new Sentencizer("sentencizer", { punctChars: [";", "!"] });
    // spaCy with punct_chars [";", "!"]: "a ; b ! c. d" starts at a, b and c.
    assert.deepEqual(starts(custom.call(tokenizer.call("a; b! c. d"))), [0, 2, 4]);
    assert.deepEqual(starts(custom.call(tokenizer.call("x ;; y"))), [0, 3]);
    assert.equal(new Sentencizer("s", { punctChars: [] }).punctChars.size, 128);
  });

  it("keeps sentence starts already set unless overwrite is on", () => {
    const make = () => new Doc(vocab, { words: ["A", "b", ".", "C", "d", ".", "E"], sentStarts: [true, true, null, null, false, null, null] });
    // spaCy: [1, 1, -1, 1, -1, -1, 1] without overwrite, [1, -1, -1, 1, -1, -1, 1] with it.
    assert.deepEqual(Array.from(new Sentencizer().call(make()).sentStarts), [1, 1, -1, 1, -1, -1, 1]);
    assert.deepEqual(Array.from(new Sentencizer("s", { overwrite: true }).call(make()).sentStarts), [1, -1, -1, 1, -1, -1, 1]);
  });

  it("handles empty docs and batches", () => {
    const sentencizer = new Sentencizer();
    assert.deepEqual(sentencizer.predict([new Doc(vocab, { words: [] }), tokenizer.call("Yes. No")]), [[], [true, false, true]]);
    const docs = [...sentencizer.pipe([tokenizer.call("One. Two."), tokenizer.call("Three")])];
    assert.deepEqual(docs.map(starts), [[0, 2], [0]]);
  });

  it("saves and loads its settings, and reads the NAME.json file spaCy writes", () => {
    const saved = join(dir, "sentencizer");
    mkdirSync(saved);
    new Sentencizer("sentencizer", { punctChars: [".", "!"], overwrite: true }).toDisk(saved);
    // spaCy's srsly.write_json layout.
    assert.equal(readFileSync(join(saved, "cfg"), "utf8"), '{\n  "punct_chars":[\n    ".",\n    "!"\n  ],\n  "overwrite":true\n}');
    const loaded = new Sentencizer().fromDisk(saved);
    assert.deepEqual([...loaded.punctChars], [".", "!"]);
    assert.equal(loaded.overwrite, true);
    // spaCy saves the component as sentencizer.json beside the folder it was given.
    const spacyDir = join(dir, "spacy-model");
    mkdirSync(spacyDir);
    writeFileSync(join(spacyDir, "sentencizer.json"), '{\n  "punct_chars":[\n    ";"\n  ],\n  "overwrite":false\n}');
    assert.deepEqual([...new Sentencizer().fromDisk(join(spacyDir, "sentencizer")).punctChars], [";"]);
    assert.throws(
      () => new Sentencizer().fromDisk(join(dir, "nothing")),
      (error: TsnlpError) => error.code === "E_SENTENCIZER_LOAD",
    );
    const broken = join(dir, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "cfg"), '{"punct_chars": "."}');
    assert.throws(() => new Sentencizer().fromDisk(broken), /must be a list of strings/);
  });

  it("scores with its scorer, and gives {} without one", () => {
    const doc = tokenizer.call("a. b");
    const examples = [new Example(doc, doc)];
    assert.deepEqual(new Sentencizer("s", { scorer: (egs) => ({ sents_f: egs.length }) }).score(examples), { sents_f: 1 });
    assert.deepEqual(new Sentencizer().score(examples), {});
  });

  it("is built by the sentencizer factory from its config settings", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    registerRuleFactories(registry);
    const build = registry.get("factories", "sentencizer").build!;
    const sentencizer = build({ punct_chars: ["|"], overwrite: true, scorer: null, name: "splitter" }) as Sentencizer;
    assert.ok(sentencizer instanceof Sentencizer);
    assert.equal(sentencizer.name, "splitter");
    assert.deepEqual([...sentencizer.punctChars], ["|"]);
    assert.equal(sentencizer.overwrite, true);
    assert.deepEqual(starts(sentencizer.call(tokenizer.call("a | b"))), [0, 2]);
    assert.ok(registry.get("readers", "srsly.read_jsonl.v1").build, "the JSONL reader is declared and implemented");
    assert.equal(typeof registry.get("misc", "spacy.levenshtein_compare.v1").build, "function");
  });
});
