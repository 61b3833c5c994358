import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectBackend } from "../../src/ml/backend.js";
import { registerParserFactory } from "../../src/pipes/register-parser.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { checkParser } from "../../src/training/debug-data/check-parser.js";
import type { CheckContext } from "../../src/training/debug-data/context.js";
import type { GoldStats } from "../../src/training/debug-data/gold-stats.js";
import { debugData, messagesAt } from "../../src/training/debug-data/index.js";
import { type Message, SectionWriter } from "../../src/training/debug-data/report.js";
import { COMPONENT_SECTIONS } from "../../src/training/debug-data/sections.js";
import type { DebugDataSetup } from "../../src/training/debug-data/setup.js";
import { collectCorpusStats } from "../../src/training/debug-data/stats-corpus.js";
import { collectParserStats } from "../../src/training/debug-data/stats-parser.js";
import { implementBuiltins } from "../../src/implementations.js";

const vocab = new Vocab({ lang: "en" });

function parsed(text: string, heads: number[], deps: string[]): Doc {
  const words = text.split(" ");
  return new Doc(vocab, { words, spaces: words.map((_, i) => i < words.length - 1), heads, deps });
}

const TRAIN = () => [
  parsed("I like green eggs .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "amod", "dobj", "punct"]),
  // spaCy's non-projective test tree, whose root is labelled "root".
  parsed("a b c d e f g h i", [1, 2, 2, 4, 5, 2, 7, 4, 2], ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl", "punct"]),
  parsed("We run . You sit .", [1, 1, 1, 4, 4, 4], ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"]),
];
const DEV = () => [parsed("They eat .", [1, 1, 1], ["nsubj", "ROOT", "punct"]), parsed("x y", [1, 1], ["iobj", "ROOT"])];

const examples = (docs: Doc[]) => docs.map((doc) => new Example(new Doc(vocab, { words: doc.words, spaces: doc.spaces }), doc));

function gold(docs: Doc[]): GoldStats {
  const egs = examples(docs);
  return { corpus: collectCorpusStats(egs), parser: collectParserStats(egs) } as GoldStats;
}

function check(train: Doc[], dev: Doc[]): SectionWriter {
  const ctx: CheckContext = { setup: {} as DebugDataSetup, train: gold(train), dev: gold(dev), initialized: false };
  const out = new SectionWriter("Dependency Parsing");
  checkParser(ctx, out);
  return out;
}

const messages = (out: SectionWriter, level: Message["level"]) =>
  out.section.entries.filter((entry): entry is Message => entry.kind === "message" && entry.level === level);

describe("debug data: dependency parsing", () => {
  it("counts labels before and after projectivizing, roots, sentences and non-projective trees", () => {
    const stats = collectParserStats(examples(TRAIN()));
    assert.deepEqual(stats.depsUnprojectivized.entries(), [
      ["nsubj", 5],
      ["ROOT", 3],
      ["amod", 1],
      ["dobj", 2],
      ["punct", 4],
      ["det", 2],
      ["root", 1],
      ["aux", 1],
      ["acl", 1],
    ]);
    assert.deepEqual(stats.deps.keys(), ["nsubj", "ROOT", "amod", "dobj", "punct", "det", "root", "aux", "acl||dobj"]);
    assert.deepEqual(stats.roots.entries(), [
      ["ROOT", 3],
      ["root", 1],
    ]);
    assert.equal(stats.nSents, 4);
    assert.equal(stats.nNonproj, 1);
    assert.equal(stats.nNonprojProjectivized, 0);
    assert.equal(stats.nCycles, 0);
  });

  it("leaves out unannotated tokens and counts cycles instead of failing on them", () => {
    const partial = new Doc(vocab, { words: ["I", "like", "London", "."], heads: [1, 1, 1, 3], deps: ["nsubj", "ROOT", "dobj", ""] });
    const cyclic = parsed("a b c", [1, 2, 0], ["x", "y", "z"]);
    const stats = collectParserStats(examples([partial, cyclic]));
    assert.deepEqual(stats.depsUnprojectivized.keys(), ["nsubj", "ROOT", "dobj", "x", "y", "z"]);
    assert.equal(stats.nSents, 1);
    assert.equal(stats.nCycles, 1);
    const out = check([partial, cyclic], DEV());
    assert.deepEqual(
      messages(out, "fail").map((m) => m.title),
      ["Found 1 projectivized train sentence(s) with cycles"],
    );
  });

  it("reports spaCy's checks in spaCy's order", () => {
    const out = check(TRAIN(), DEV());
    assert.deepEqual(
      messages(out, "info").map((m) => m.title),
      [
        "Found 4 sentence(s) with an average length of 5.0 words.",
        "Found 1 nonprojective train sentence(s)",
        "9 label(s) in train data",
        "9 label(s) in projectivized train data",
      ],
    );
    const warnings = messages(out, "warn");
    assert.deepEqual(
      warnings.filter((m) => !m.verboseOnly).map((m) => m.title),
      [
        "Low number of examples for label 'nsubj' (5)",
        "Low number of examples for label 'ROOT' (3)",
        "Low number of examples for label 'amod' (1)",
        "Low number of examples for label 'dobj' (2)",
        "Low number of examples for label 'punct' (4)",
        "Low number of examples for label 'det' (2)",
        "Low number of examples for label 'root' (1)",
        "Low number of examples for label 'aux' (1)",
        "Low number of examples for label 'acl' (1)",
        "Low number of examples for 1 label(s) in the projectivized dependency trees used for training. You may want to projectivize labels such as punct before training in order to improve parser performance.",
        "Multiple root labels (ROOT, root) found in training data. The parser uses a single root label ROOT so this distinction will not be available.",
      ],
    );
    assert.deepEqual(
      warnings.filter((m) => m.verboseOnly).map((m) => [m.title, m.text]),
      [
        ["Projectivized labels with low numbers of examples: ", "acl||dobj: 1"],
        ["The following labels were found only in the train data:", "amod, dobj, det, root, aux, acl||dobj"],
        ["The following labels were found only in the dev data:", "iobj"],
      ],
    );
    assert.deepEqual(
      out.section.entries.filter((entry) => entry.kind === "message" && entry.level === "text").map((entry) => (entry as Message).title),
      [
        "'nsubj' (5), 'punct' (4), 'ROOT' (3), 'dobj' (2), 'det' (2), 'amod' (1), 'root' (1), 'aux' (1), 'acl' (1)",
        "To train a parser, your data should include at least 20 instances of each label.",
      ],
    );
    assert.deepEqual(messages(out, "fail"), []);
  });

  it("warns when documents hold about one sentence each, and reports non-projective dev trees", () => {
    const single = [parsed("I run .", [1, 1, 1], ["nsubj", "ROOT", "punct"]), parsed("You sit .", [1, 1, 1], ["nsubj", "ROOT", "punct"])];
    const dev = [parsed("a b c d e f g h i", [1, 2, 2, 4, 5, 2, 7, 4, 2], ["det", "nsubj", "ROOT", "det", "dobj", "aux", "nsubj", "acl", "punct"])];
    const out = check(single, dev);
    assert.ok(
      messages(out, "warn").some((m) => m.title.startsWith("The training data contains 1.00 sentences per document.")),
      JSON.stringify(out.section.entries),
    );
    assert.ok(messages(out, "info").some((m) => m.title === "Found 1 nonprojective dev sentence(s)"));
    assert.ok(!messages(out, "warn").some((m) => m.title.startsWith("Multiple root labels")));
  });

  it("is the check of the Dependency Parsing section", () => {
    const section = COMPONENT_SECTIONS.find((s) => s.kind === "parser")!;
    assert.equal(section.title, "Dependency Parsing");
    assert.equal(section.check, checkParser);
  });

  it("shows in `debug data` for a parser pipeline", async function () {
    this.timeout(20_000);
    await selectBackend({ prefer: "wasm" });
    implementBuiltins(registry);
    registerParserFactory(registry);
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-debug-parser-"));
    try {
      const config = join(dir, "config.cfg");
      writeFileSync(
        config,
        `[paths]
train = null
dev = null

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = \${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = \${paths.dev}

[nlp]
lang = "en"
pipeline = ["parser"]

[components]

[components.parser]
factory = "parser"
`,
      );
      new DocBin({ docs: TRAIN() }).toDisk(join(dir, "train.spacy"));
      new DocBin({ docs: DEV() }).toDisk(join(dir, "dev.spacy"));
      const report = await debugData(config, { overrides: { "paths.train": join(dir, "train.spacy"), "paths.dev": join(dir, "dev.spacy") } });
      assert.ok(report.sections.some((section) => section.title === "Dependency Parsing"));
      if (messagesAt(report, "info", "Dependency Parsing").length === 0) {
        assert.fail("debug data printed no parse counts");
      }
      assert.deepEqual(messagesAt(report, "info", "Dependency Parsing").slice(0, 2), [
        "Found 4 sentence(s) with an average length of 5.0 words.",
        "Found 1 nonprojective train sentence(s)",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
