import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { englishLemmaTables } from "../../src/lang/en/lemma-rules.js";
import { Lemmatizer } from "../../src/pipes/lemmatizer.js";
import { EnglishLemmatizer } from "../../src/pipes/lemmatizer-en.js";
import { Lookups, loadLookups } from "../../src/pipes/lemmatizer-lookups.js";
import type { PipelineContext } from "../../src/pipes/pipe.js";
import { registerLemmaFactories } from "../../src/pipes/register-lemma.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { TsnlpError } from "../../src/util/errors.js";

implementBuiltins(registry);
registerLemmaFactories(registry);

const RULE_TABLES = {
  lemma_rules: {
    noun: [
      ["s", ""],
      ["ies", "y"],
      ["ves", "f"],
    ],
    verb: [
      ["ing", ""],
      ["ing", "e"],
      ["ed", ""],
      ["ed", "e"],
      ["s", ""],
    ],
    adj: [
      ["er", ""],
      ["est", ""],
    ],
  },
  lemma_index: { verb: ["make", "walk"], noun: ["leaf"] },
  lemma_exc: { verb: { went: ["go"], saw: ["see", "saw"] }, noun: { mice: ["mouse"] } },
};

/** Tokens with POS and FEATS, and every lemma spaCy's rule_lemmatize gives each with RULE_TABLES. */
const RULE_CASES: Array<[string, string, string, string[], string[]]> = [
  // word, POS, FEATS, spaCy's Lemmatizer, spaCy's EnglishLemmatizer
  ["Cities", "NOUN", "", ["citie", "city"], ["citie", "city"]],
  ["leaves", "NOUN", "", ["leaf"], ["leaf"]],
  ["mice", "NOUN", "", ["mouse"], ["mouse"]],
  ["making", "VERB", "", ["make"], ["make"]],
  ["walked", "VERB", "", ["walk"], ["walk"]],
  ["hoped", "VERB", "", ["hop", "hope"], ["hop", "hope"]],
  ["went", "VERB", "", ["go"], ["go"]],
  ["saw", "VERB", "", ["saw", "see"], ["saw", "see"]],
  ["Bigger", "ADJ", "", ["bigg"], ["bigg"]],
  ["London", "PROPN", "", ["London"], ["London"]],
  ["THE", "DET", "", ["the"], ["the"]],
  ["dogs", "NOUN", "Number=Sing", ["dog"], ["dogs"]],
  ["x2s", "NOUN", "", ["x2"], ["x2"]],
  ["s", "NOUN", "", ["s"], ["s"]],
  ["ran", "VERB", "", ["ran"], ["ran"]],
  ["word", "", "", ["word"], ["word"]],
];

function ruleDoc(vocab: Vocab): Doc {
  return new Doc(vocab, { words: RULE_CASES.map(([word]) => word), pos: RULE_CASES.map(([, pos]) => pos), morphs: RULE_CASES.map(([, , feats]) => feats) });
}

function context(vocab: Vocab, lang = "en"): PipelineContext {
  return { vocab, lang, components: [], pipeline: [], makeDoc: (text: string) => new Doc(vocab, { words: text.split(" ") }) };
}

/** Lemmas of space-separated "word/POS/FEATS" tokens through the English lemmatizer and its bundled tables. */
function english(tokens: string): string[] {
  const vocab = new Vocab({ lang: "en" });
  const lemmatizer = new EnglishLemmatizer(vocab, "lemmatizer", { mode: "rule" });
  lemmatizer.initialize(() => [], { nlp: context(vocab) });
  const parts = tokens.split(" ").map((token) => token.split("/"));
  const doc = new Doc(vocab, { words: parts.map(([word]) => word!), pos: parts.map(([, pos]) => pos!), morphs: parts.map(([, , feats]) => feats ?? "") });
  return [...lemmatizer.call(doc).lemmas];
}

describe("lemmatizer (rule and lookup modes)", () => {
  let dir: string;
  // Warnings are collected here rather than printed among the test results.
  const warnings: Array<string | undefined> = [];
  const emitWarning = process.emitWarning;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-lemmatizer-"));
    process.emitWarning = ((_warning: string, options?: { code?: string }) => {
      warnings.push(options?.code);
    }) as typeof process.emitWarning;
  });
  after(() => {
    process.emitWarning = emitWarning;
    rmSync(dir, { recursive: true, force: true });
  });

  it("rule mode gives every candidate spaCy's Lemmatizer gives, in its order", () => {
    const vocab = new Vocab({ lang: "xx" });
    const lemmatizer = new Lemmatizer(vocab, "lemmatizer", { mode: "rule" });
    lemmatizer.initialize(() => [], { nlp: context(vocab, "xx"), settings: { lookups: RULE_TABLES } });
    const doc = ruleDoc(vocab);
    assert.deepEqual(
      doc.tokens.map((token) => lemmatizer.lemmatize(token)),
      RULE_CASES.map(([, , , lemmas]) => lemmas),
    );
    assert.deepEqual(
      [...lemmatizer.call(doc).lemmas],
      RULE_CASES.map(([, , , lemmas]) => lemmas[0]),
    );
  });

  it("the English lemmatizer leaves base forms (by POS and morphology) alone, as spaCy's does", () => {
    const vocab = new Vocab({ lang: "en" });
    const lemmatizer = new EnglishLemmatizer(vocab, "lemmatizer", { mode: "rule" });
    lemmatizer.initialize(() => [], { nlp: context(vocab), settings: { lookups: RULE_TABLES } });
    assert.deepEqual(
      ruleDoc(vocab).tokens.map((token) => lemmatizer.lemmatize(token)),
      RULE_CASES.map(([, , , , lemmas]) => lemmas),
    );
    const base = (pos: string, feats: string) => lemmatizer.isBaseForm(new Doc(vocab, { words: ["x"], pos: [pos], morphs: [feats] }).token(0));
    assert.equal(base("VERB", "VerbForm=Inf"), true);
    assert.equal(base("VERB", "Tense=Pres|VerbForm=Fin"), true);
    assert.equal(base("VERB", "Number=Sing|Tense=Pres|VerbForm=Fin"), false);
    assert.equal(base("ADJ", "Degree=Pos"), true);
    assert.equal(base("ADJ", "Degree=Cmp"), false);
    assert.equal(base("NOUN", "Number=Plur"), false);
  });

  it("lookup mode maps the text through lemma_lookup and keeps unknown words, as spaCy's does", () => {
    const vocab = new Vocab();
    const lemmatizer = new Lemmatizer(vocab, "lemmatizer", { mode: "lookup" });
    lemmatizer.initialize(() => [], {
      nlp: context(vocab, "xx"),
      settings: { lookups: { lemma_lookup: { went: "go", Mice: "mouse", feet: ["foot", "feet"] } } },
    });
    const doc = new Doc(vocab, { words: ["went", "Mice", "mice", "feet", "cats"] });
    // spaCy's lookup_lemmatize gives [go], [mouse], [mice], [foot, feet], [cats].
    assert.deepEqual(
      doc.tokens.map((token) => lemmatizer.lemmatize(token)),
      [["go"], ["mouse"], ["mice"], ["foot", "feet"], ["cats"]],
    );
    assert.deepEqual([...lemmatizer.call(doc).lemmas], ["go", "mouse", "mice", "foot", "cats"]);
  });

  it("leaves lemmas that are set unless overwrite is on", () => {
    for (const overwrite of [false, true]) {
      const vocab = new Vocab();
      const lemmatizer = new Lemmatizer(vocab, "lemmatizer", { mode: "lookup", overwrite });
      lemmatizer.setLookups(new Lookups({ lemma_lookup: { went: "go" } }));
      const doc = new Doc(vocab, { words: ["went", "went"], lemmas: ["walk", ""] });
      assert.deepEqual([...lemmatizer.call(doc).lemmas], overwrite ? ["go", "go"] : ["walk", "go"]);
    }
  });

  it("reads tables from a JSON file, or from a folder of table files as spacy-lookups-data names them", () => {
    const file = join(dir, "tables.json");
    writeFileSync(file, JSON.stringify({ lemma_lookup: { went: "go" } }));
    assert.deepEqual(loadLookups(file, { where: "test" }).get("lemma_lookup"), { went: "go" });
    const folder = join(dir, "data");
    mkdirSync(folder);
    writeFileSync(join(folder, "en_lemma_rules.json"), JSON.stringify(RULE_TABLES.lemma_rules));
    writeFileSync(join(folder, "en_lemma_exc.json.gz"), gzipSync(JSON.stringify(RULE_TABLES.lemma_exc)));
    writeFileSync(join(folder, "de_lemma_lookup.json"), "{}");
    writeFileSync(join(folder, "lemma_index.json"), JSON.stringify(RULE_TABLES.lemma_index));
    const lookups = loadLookups(folder, { where: "test", lang: "en", tables: ["lemma_rules", "lemma_exc", "lemma_index"] });
    assert.deepEqual(lookups.tableNames.sort(), ["lemma_exc", "lemma_index", "lemma_rules"]);
    assert.deepEqual(lookups.get("lemma_exc"), RULE_TABLES.lemma_exc);
    const vocab = new Vocab({ lang: "en" });
    const lemmatizer = new Lemmatizer(vocab, "lemmatizer", { mode: "rule" });
    lemmatizer.initialize(() => [], { nlp: context(vocab), settings: { lookups: folder } });
    assert.deepEqual(
      [...lemmatizer.call(ruleDoc(vocab)).lemmas],
      RULE_CASES.map(([, , , lemmas]) => lemmas[0]),
    );
  });

  it("says which tables a mode needs and how to give them", () => {
    const vocab = new Vocab({ lang: "xx" });
    const lookup = new Lemmatizer(vocab, "lemmatizer", { mode: "lookup" });
    assert.throws(
      () => lookup.initialize(() => [], { nlp: context(vocab, "xx") }),
      (e: TsnlpError) => e.code === "E_LEMMATIZER_TABLES" && /lemma_lookup/.test(e.message) && /initialize\.components\.lemmatizer\] lookups/.test(e.hint!),
    );
    assert.throws(
      () => lookup.call(new Doc(vocab, { words: ["a"] })),
      (e: TsnlpError) => e.code === "E_LEMMATIZER_TABLES",
    );
    const rule = new Lemmatizer(vocab, "lemmatizer", { mode: "rule" });
    assert.throws(
      () => rule.initialize(() => [], { nlp: context(vocab, "xx"), settings: { lookups: { lemma_exc: {} } } }),
      (e: TsnlpError) => e.code === "E_LEMMATIZER_TABLES" && /lemma_rules/.test(e.message) && /has lemma_exc/.test(e.message),
    );
    assert.throws(
      () => rule.initialize(() => [], { nlp: context(vocab, "xx"), settings: { lookups: join(dir, "missing.json") } }),
      (e: TsnlpError) => e.code === "E_LOOKUPS",
    );
    assert.throws(
      () => new Lemmatizer(vocab, "lemmatizer", { mode: "pos_lookup" }),
      (e: TsnlpError) => e.code === "E_LEMMATIZER_MODE",
    );
  });

  it("warns once when rule mode meets tokens without POS, and lowercases them", () => {
    const vocab = new Vocab({ lang: "en" });
    const lemmatizer = new Lemmatizer(vocab, "lemmatizer", { mode: "rule" });
    lemmatizer.setLookups(new Lookups(RULE_TABLES));
    warnings.length = 0;
    assert.deepEqual([...lemmatizer.call(new Doc(vocab, { words: ["Dogs", "Cats"] })).lemmas], ["dogs", "cats"]);
    lemmatizer.call(new Doc(vocab, { words: ["Birds"] }));
    assert.deepEqual(warnings, ["W108"]);
  });

  it("bundles English rule tables that handle regular and irregular forms", () => {
    assert.deepEqual(english("cities/NOUN boxes/NOUN women/NOUN children/NOUN shoes/NOUN knives/NOUN houses/NOUN"), [
      "city",
      "box",
      "woman",
      "child",
      "shoe",
      "knife",
      "house",
    ]);
    assert.deepEqual(english("running/VERB making/VERB walked/VERB used/VERB stopped/VERB created/VERB went/VERB studies/VERB"), [
      "run",
      "make",
      "walk",
      "use",
      "stop",
      "create",
      "go",
      "study",
    ]);
    assert.deepEqual(english("bigger/ADJ happiest/ADJ better/ADJ larger/ADJ/Degree=Cmp"), ["big", "happy", "good", "large"]);
    assert.deepEqual(english("was/AUX 's/AUX n't/PART me/PRON an/DET London/PROPN Dogs/NOUN/Number=Sing need/VERB/Number=Sing|Tense=Pres|VerbForm=Fin"), [
      "be",
      "be",
      "not",
      "I",
      "a",
      "London",
      "dogs",
      "need",
    ]);
    const tables = englishLemmaTables();
    assert.ok(Array.isArray((tables.lemma_rules as Record<string, unknown>).noun));
    (tables.lemma_rules as Record<string, unknown>).noun = [];
    assert.notDeepEqual(englishLemmaTables().lemma_rules, tables.lemma_rules, "each call gives a fresh copy");
  });

  it('is the "lemmatizer" of an English pipeline, and saves and loads its tables', () => {
    const nlp = Language.fromConfig({ nlp: { lang: "en" } });
    const lemmatizer = nlp.addPipe("lemmatizer");
    assert.ok(lemmatizer instanceof EnglishLemmatizer);
    assert.equal((lemmatizer as EnglishLemmatizer).mode, "rule");
    nlp.initialize(() => []);
    const doc = nlp.makeDoc("The mice were running");
    doc.pos.splice(0, 4, "DET", "NOUN", "AUX", "VERB");
    assert.deepEqual([...nlp.getPipe("lemmatizer").call(doc).lemmas], ["the", "mouse", "be", "run"]);
    const path = join(dir, "pipeline");
    nlp.toDisk(path);
    assert.deepEqual(readdirSync(join(path, "lemmatizer")), ["lookups.json"]);
    const loaded = loadPipeline(path);
    const again = nlp.makeDoc("The mice were running");
    again.pos.splice(0, 4, "DET", "NOUN", "AUX", "VERB");
    assert.deepEqual([...loaded.getPipe("lemmatizer").call(again).lemmas], ["the", "mouse", "be", "run"]);
  });

  it("reads its tables from [initialize.components.NAME] lookups in a config", () => {
    const tables = join(dir, "config-lookup.json");
    writeFileSync(tables, JSON.stringify({ lemma_lookup: { went: "go" } }));
    const config = parseConfig(`
[nlp]
lang = "xx"
pipeline = ["lemmatizer"]

[components]

[components.lemmatizer]
factory = "lemmatizer"
mode = "lookup"

[initialize]

[initialize.components]

[initialize.components.lemmatizer]
lookups = "${tables}"

[training]

[training.optimizer]
@optimizers = "Adam.v1"
`).tree;
    const nlp = Language.fromConfig(config);
    nlp.initialize(() => []);
    assert.deepEqual([...nlp.call("we went").lemmas], ["we", "go"]);
  });

  it("scores lemma_acc with its scorer", () => {
    const nlp = Language.fromConfig({ nlp: { lang: "xx" } });
    nlp.addPipe("lemmatizer", { config: { mode: "lookup" } });
    const tables = join(dir, "lookup.json");
    writeFileSync(tables, JSON.stringify({ lemma_lookup: { went: "go", saw: "see" } }));
    (nlp.getPipe("lemmatizer") as Lemmatizer).initialize(() => [], { nlp, settings: { lookups: tables } });
    const reference = new Doc(nlp.vocab, { words: ["I", "went", "saw"], lemmas: ["I", "go", "saw"] });
    const scores = nlp.evaluate([new Example(nlp.makeDoc("I went saw"), reference)]);
    assert.equal(scores.lemma_acc, 2 / 3);
  });
});
