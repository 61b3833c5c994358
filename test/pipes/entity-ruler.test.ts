import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load.js";
import { implementBuiltins } from "../../src/implementations.js";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { EntityRuler, type EntityPattern, readPatternsFile } from "../../src/pipes/entity-ruler.js";
import { Pipe, type PipelineContext } from "../../src/pipes/pipe.js";
import { registerRuleFactories } from "../../src/pipes/register-rules.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import type { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Span } from "../../src/tokens/span.js";
import type { TsnlpError } from "../../src/util/errors.js";

const vocab = createVocab("en");
const tokenizer = createTokenizer(vocab, "en");
const context = (components: Array<[string, Pipe]> = []): PipelineContext => ({ vocab, lang: "en", components, pipeline: components, makeDoc: (text) => tokenizer.call(text) });

const TEXT = "Apple Inc sold an Apple Watch in San Francisco Bay for 300 400 dollars , apple said";
const PATTERNS: EntityPattern[] = [
  { label: "ORG", pattern: "Apple" },
  { label: "ORG", pattern: "Apple Inc", id: "apple" },
  { label: "PRODUCT", pattern: "Apple Watch" },
  { label: "GPE", pattern: [{ LOWER: "san" }, { LOWER: "francisco" }], id: "sf" },
  { label: "GPE", pattern: [{ LOWER: "francisco" }, { LOWER: "bay" }] },
  { label: "CITY", pattern: [{ LOWER: "san" }, { LOWER: "francisco" }, { LOWER: "bay" }] },
  { label: "GPE", pattern: "Francisco", id: "sf" },
  { label: "NUM", pattern: [{ LIKE_NUM: true, OP: "+" }] },
];

const ents = (doc: Doc) => doc.ents.map((ent) => [ent.start, ent.end, ent.label, ent.id, ent.kbId]);
const iob = (doc: Doc) => Array.from(doc.entIob, (code) => ["", "I", "O", "B"][code]);

describe("EntityRuler", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-ruler-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // The expected values in these tests are what spaCy's EntityRuler gives for the same patterns and text.
  it("keeps the longest, then earliest, matches and sets labels and entity ids as spaCy does", () => {
    const ruler = new EntityRuler(context(), "entity_ruler", { patterns: PATTERNS });
    const doc = ruler.call(tokenizer.call(TEXT));
    assert.deepEqual(ents(doc), [
      [0, 2, "ORG", "apple", ""],
      [4, 6, "PRODUCT", "", ""],
      [7, 10, "CITY", "", ""],
      [11, 13, "NUM", "", ""],
    ]);
    assert.deepEqual(iob(doc), ["B", "I", "O", "O", "B", "I", "O", "B", "I", "I", "O", "B", "I", "O", "O", "O", "O"]);
    assert.deepEqual(doc.entIds.slice(0, 3), ["apple", "apple", ""]);
    assert.deepEqual(ruler.match(tokenizer.call(TEXT)), [
      ["CITY", 7, 10],
      ["ORG||apple", 0, 2],
      ["PRODUCT", 4, 6],
      ["GPE||sf", 7, 9],
      ["GPE", 8, 10],
      ["NUM", 11, 13],
      ["ORG", 0, 1],
      ["ORG", 4, 5],
      ["GPE||sf", 8, 9],
      ["NUM", 11, 12],
      ["NUM", 12, 13],
    ]);
  });

  it("lists labels, ids and patterns (token patterns first) as spaCy does", () => {
    const ruler = new EntityRuler(context(), "entity_ruler", { patterns: PATTERNS });
    assert.deepEqual(ruler.labels, ["CITY", "GPE", "NUM", "ORG", "PRODUCT"]);
    assert.deepEqual(ruler.entIds, ["apple", "sf"]);
    assert.equal(ruler.size, 8);
    assert.ok(ruler.has("GPE||sf") && ruler.has("CITY") && !ruler.has("LOC"));
    assert.deepEqual(ruler.patterns, [
      { label: "GPE", pattern: [{ LOWER: "san" }, { LOWER: "francisco" }], id: "sf" },
      { label: "GPE", pattern: [{ LOWER: "francisco" }, { LOWER: "bay" }] },
      { label: "CITY", pattern: [{ LOWER: "san" }, { LOWER: "francisco" }, { LOWER: "bay" }] },
      { label: "NUM", pattern: [{ LIKE_NUM: true, OP: "+" }] },
      { label: "ORG", pattern: "Apple" },
      { label: "ORG", pattern: "Apple Inc", id: "apple" },
      { label: "PRODUCT", pattern: "Apple Watch" },
      { label: "GPE", pattern: "Francisco", id: "sf" },
    ]);
  });

  it("leaves existing entities alone, or replaces the ones it overlaps with overwriteEnts", () => {
    const withExisting = () => {
      const doc = tokenizer.call(TEXT);
      doc.ents = [new Span(doc, 1, 2, { label: "X" }), new Span(doc, 6, 8, { label: "LOC", kbId: "Q62" }), new Span(doc, 13, 14, { label: "CUR" })];
      return doc;
    };
    const kept = new EntityRuler(context(), "entity_ruler", { patterns: PATTERNS }).call(withExisting());
    assert.deepEqual(ents(kept), [
      [0, 1, "ORG", "", ""],
      [1, 2, "X", "", ""],
      [4, 6, "PRODUCT", "", ""],
      [6, 8, "LOC", "", "Q62"],
      [8, 10, "GPE", "", ""],
      [11, 13, "NUM", "", ""],
      [13, 14, "CUR", "", ""],
    ]);
    assert.deepEqual(iob(kept), ["B", "B", "O", "O", "B", "I", "B", "I", "B", "I", "O", "B", "I", "B", "O", "O", "O"]);
    const replaced = new EntityRuler(context(), "entity_ruler", { patterns: PATTERNS, overwriteEnts: true }).call(withExisting());
    assert.deepEqual(ents(replaced), [
      [0, 2, "ORG", "apple", ""],
      [4, 6, "PRODUCT", "", ""],
      [7, 10, "CITY", "", ""],
      [11, 13, "NUM", "", ""],
      [13, 14, "CUR", "", ""],
    ]);
  });

  it("matches phrases on LOWER, splits ids at the last separator, and removes patterns by id", () => {
    const ruler = new EntityRuler(context(), "entity_ruler", { phraseMatcherAttr: "LOWER", entIdSep: "::" });
    ruler.addPatterns([
      { label: "ORG", pattern: "APPLE", id: "apple" },
      { label: "ORG", pattern: "apple watch", id: "watch" },
      { label: "A::B", pattern: "dollars" },
    ]);
    assert.deepEqual(ents(ruler.call(tokenizer.call(TEXT))), [
      [0, 1, "ORG", "apple", ""],
      [4, 6, "ORG", "watch", ""],
      [13, 14, "A::B", "", ""],
      [15, 16, "ORG", "apple", ""],
    ]);
    assert.deepEqual(ruler.labels, ["A", "ORG"]);
    assert.deepEqual(ruler.entIds, ["B", "apple", "watch"]);
    ruler.remove("apple");
    assert.deepEqual(ents(ruler.call(tokenizer.call(TEXT))), [
      [4, 6, "ORG", "watch", ""],
      [13, 14, "A::B", "", ""],
    ]);
    assert.deepEqual(ruler.patterns, [
      { label: "ORG", pattern: "apple watch", id: "watch" },
      { label: "A", pattern: "dollars", id: "B" },
    ]);
    assert.throws(
      () => ruler.remove("apple"),
      (error: TsnlpError) => error.code === "E_RULER_UNKNOWN_ID" && /Known ids: B, watch/.test(error.hint ?? ""),
    );
  });

  it("runs phrase patterns through the enabled components before it, so they can match on POS", () => {
    class FakeTagger extends Pipe {
      calls = 0;
      call(doc: Doc): Doc {
        this.calls++;
        doc.tokens.forEach((token) => {
          token.pos = /^[A-Z]/.test(token.text) ? "PROPN" : "NOUN";
        });
        return doc;
      }
    }
    const tagger = new FakeTagger("tagger", "fake");
    const components: Array<[string, Pipe]> = [["tagger", tagger]];
    const ruler = new EntityRuler(context(components), "entity_ruler", { phraseMatcherAttr: "POS" });
    components.push(["entity_ruler", ruler]);
    ruler.addPatterns([{ label: "NAME", pattern: "Ann Lee" }]);
    assert.equal(tagger.calls, 1);
    const doc = tagger.call(tokenizer.call("call Bob Smith now"));
    assert.deepEqual(ents(ruler.call(doc)), [[1, 3, "NAME", "", ""]]);
    const untagged = new EntityRuler(context(), "entity_ruler", { phraseMatcherAttr: "POS" });
    assert.throws(
      () =>
        untagged.addPatterns([
          { label: "ANY", pattern: [{}] },
          { label: "NAME", pattern: "Ann Lee" },
        ]),
      (error: TsnlpError) =>
        error.code === "E_MATCH_MISSING_ANNOTATION" &&
        /^Pattern 1 of the entity ruler 'entity_ruler': Phrase 0 for 'NAME' has no POS annotation/.test(error.message),
    );
    assert.equal(untagged.size, 0, "the token pattern before the bad phrase is not added either");
  });

  it("replaces its patterns on initialize with those of the settings", () => {
    const ruler = new EntityRuler(context(), "entity_ruler", { patterns: PATTERNS });
    ruler.initialize(() => [], { nlp: context(), settings: { patterns: [{ label: "FRUIT", pattern: "apple" }] } });
    assert.deepEqual(ruler.labels, ["FRUIT"]);
    ruler.initialize(() => [], { nlp: context() });
    assert.equal(ruler.size, 0);
    assert.throws(
      () => ruler.initialize(() => [], { nlp: context(), settings: { patterns: "patterns.jsonl" } }),
      (error: TsnlpError) => error.code === "E_RULER_PATTERNS" && /srsly\.read_jsonl\.v1/.test(error.hint ?? ""),
    );
  });

  it("refuses malformed pattern entries, naming the entry", () => {
    const ruler = new EntityRuler(context());
    assert.throws(
      () => ruler.addPatterns([{ label: "A", pattern: "a" }, { pattern: "b" } as never]),
      /pattern 1 of the entity ruler 'entity_ruler' needs a non-empty string "label"/,
    );
    assert.throws(() => ruler.addPatterns([{ label: "A", pattern: 3 } as never]), /needs a "pattern" that is a string/);
    assert.throws(
      () =>
        ruler.addPatterns([
          { label: "A", pattern: "a" },
          { label: "C", pattern: [{ LOWER: "c" }] },
          { label: "B", pattern: [{ LOWR: "b" }] },
        ]),
      (error: TsnlpError) =>
        error.code === "E_MATCH_PATTERN" &&
        /^Pattern 2 of the entity ruler 'entity_ruler': Invalid token pattern for 'B' \(pattern 0, token 0\): unknown attribute 'LOWR'/.test(error.message),
    );
    assert.equal(ruler.size, 0, "a list with a bad token pattern adds none of its patterns");
  });

  it("writes an entity_ruler folder byte for byte as spaCy does, and reads it back", () => {
    const ruler = new EntityRuler(context());
    ruler.addPatterns([
      { label: "ORG", pattern: "Apple", id: "apple" },
      { label: "GPE", pattern: [{ LOWER: "san" }, { LOWER: "francisco" }] },
      { label: "PER", pattern: "Zoë / Ann" },
    ]);
    const saved = join(dir, "saved");
    mkdirSync(saved);
    ruler.toDisk(saved);
    // spaCy's nlp.to_disk writes these two files for the same patterns.
    assert.equal(readFileSync(join(saved, "cfg"), "utf8"), '{\n  "overwrite":false,\n  "phrase_matcher_attr":null,\n  "ent_id_sep":"||"\n}');
    assert.equal(
      readFileSync(join(saved, "patterns.jsonl"), "utf8"),
      '{"label":"GPE","pattern":[{"LOWER":"san"},{"LOWER":"francisco"}]}\n{"label":"ORG","pattern":"Apple","id":"apple"}\n{"label":"PER","pattern":"Zo\\u00eb / Ann"}\n',
    );
    const loaded = new EntityRuler(context(), "entity_ruler", { overwriteEnts: true, phraseMatcherAttr: "LOWER" }).fromDisk(saved);
    assert.equal(loaded.overwrite, false);
    assert.equal(loaded.phraseMatcherAttr, null);
    assert.deepEqual(loaded.patterns, ruler.patterns);
    assert.deepEqual(ents(loaded.call(tokenizer.call("Zoë / Ann met Apple in San Francisco"))), [
      [0, 3, "PER", "", ""],
      [4, 5, "ORG", "apple", ""],
      [6, 8, "GPE", "", ""],
    ]);
    const fromJsonl = new EntityRuler(context()).fromDisk(join(saved, "patterns.jsonl"));
    assert.equal(fromJsonl.size, 3);
    assert.throws(
      () => new EntityRuler(context()).fromDisk(join(dir, "missing")),
      (error: TsnlpError) => error.code === "E_RULER_LOAD",
    );
  });

  it("reads pattern files with errors that give the file and line", () => {
    const path = join(dir, "patterns.jsonl");
    writeFileSync(path, '{"label": "ORG", "pattern": "Apple"}\n\n{"label": "GPE", "pattern": [{"LOWER": "paris"}], "id": 7}\n');
    assert.deepEqual(readPatternsFile(path), [
      { label: "ORG", pattern: "Apple" },
      { label: "GPE", pattern: [{ LOWER: "paris" }], id: "7" },
    ]);
    const bad = (content: string) => {
      writeFileSync(path, content);
      try {
        readPatternsFile(path);
      } catch (error) {
        return error as TsnlpError;
      }
      assert.fail("the file was accepted");
    };
    const notJson = bad('{"label": "ORG", "pattern": "Apple"}\n{"label": "GPE", pattern: "Paris"}\n');
    assert.equal(notJson.code, "E_JSONL_LINE");
    assert.equal(notJson.line, 2);
    assert.equal(notJson.file, path);
    assert.match(notJson.message, /Line 2 of the patterns file .*patterns\.jsonl is not valid JSON/);
    const noLabel = bad('\n{"label": "ORG", "pattern": "Apple"}\n{"pattern": "Paris"}\n');
    assert.equal(noLabel.code, "E_RULER_PATTERN");
    assert.equal(noLabel.line, 3);
    assert.equal(noLabel.location, `${path}:3`);
    assert.match(noLabel.message, /line 3 of the patterns file .* needs a non-empty string "label"/);
    assert.equal(bad("[1, 2]\n").code, "E_RULER_PATTERN");
    assert.throws(
      () => readPatternsFile(join(dir, "nope.jsonl")),
      (error: TsnlpError) => error.code === "E_FILE_NOT_FOUND",
    );
  });

  it("scores with its scorer, and gives {} without one", () => {
    const calls: unknown[] = [];
    const ruler = new EntityRuler(context(), "entity_ruler", {
      scorer: (examples, options) => {
        calls.push([examples.length, options]);
        return { ents_f: 0.5 };
      },
    });
    const doc = tokenizer.call("a");
    const examples = [new Example(doc, doc)];
    assert.deepEqual(ruler.score(examples, { extra: 1 }), { ents_f: 0.5 });
    assert.deepEqual(calls, [[1, { extra: 1 }]]);
    assert.deepEqual(new EntityRuler(context()).score(examples), {});
  });

  it("builds from a config, loads patterns with srsly.read_jsonl.v1 on initialize, and survives a save and load", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    implementBuiltins(registry);
    registerRuleFactories(registry);
    const patterns = join(dir, "config-patterns.jsonl");
    writeFileSync(patterns, '{"label":"ORG","pattern":"Apple"}\n{"label":"GPE","pattern":[{"LOWER":"san"},{"LOWER":"francisco"}],"id":"sf"}\n');
    const config = parseConfig(
      [
        "[nlp]",
        'lang = "en"',
        'pipeline = ["entity_ruler"]',
        "[components]",
        "[components.entity_ruler]",
        'factory = "entity_ruler"',
        'phrase_matcher_attr = "LOWER"',
        "[initialize]",
        "[initialize.components]",
        "[initialize.components.entity_ruler]",
        "[initialize.components.entity_ruler.patterns]",
        '@readers = "srsly.read_jsonl.v1"',
        `path = ${JSON.stringify(patterns)}`,
      ].join("\n"),
      { file: "inline.cfg" },
    );
    const nlp = Language.fromConfig(config.tree, { registry });
    nlp.initialize(() => []);
    const found = (language: Language) => language.call("apple opened in San Francisco").ents.map((ent) => [ent.text, ent.label, ent.id]);
    assert.deepEqual(found(nlp), [
      ["apple", "ORG", ""],
      ["San Francisco", "GPE", "sf"],
    ]);
    nlp.toDisk(join(dir, "pipeline"));
    assert.deepEqual(found(loadPipeline(join(dir, "pipeline"), { registry })), found(nlp));
  });
});
