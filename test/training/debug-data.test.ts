import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "mocha";
import { selectBackend } from "../../src/ml/backend.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Span } from "../../src/tokens/span.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { convertText } from "../../src/training/convert.js";
import { Counter } from "../../src/training/debug-data/counter.js";
import { fixed, pythonRound } from "../../src/training/debug-data/format.js";
import { type DebugDataReport, debugData, hasErrors, messagesAt, printReport } from "../../src/training/debug-data/index.js";
import type { Table } from "../../src/training/debug-data/report.js";
import { filterSpanLengthFreqs, geometricMean, spanCharacteristics, spanLengthFreqs } from "../../src/training/debug-data/span-characteristics.js";
import { collectSpancatStats } from "../../src/training/debug-data/stats-spancat.js";
import { Example } from "../../src/tokens/example.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TAGGED, TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";
import { SHARED } from "../helpers/shared.js";

/** [paths] and [corpora] as `spacy init config` writes them, so that --paths.train and --paths.dev apply. */
const CORPORA = `
[paths]
train = null
dev = null

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = \${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = \${paths.dev}
`;

/** A pipeline of one component with its factory's defaults. */
function componentConfig(factory: string, settings = ""): string {
  return `${CORPORA}
[nlp]
lang = "en"
pipeline = ["${factory}"]

[components]

[components.${factory}]
factory = "${factory}"
${settings}
`;
}

const vocab = new Vocab({ lang: "en" });

function doc(text: string, init: Partial<ConstructorParameters<typeof Doc>[1]> = {}): Doc {
  const words = text.split(" ");
  return new Doc(vocab, { words, spaces: words.map((_, i) => i < words.length - 1), ...init });
}

function taggedDoc(line: string): Doc {
  const pairs = line.split(" ").map((pair) => pair.split("/") as [string, string]);
  return new Doc(vocab, { words: pairs.map(([word]) => word), tags: pairs.map(([, tag]) => tag) });
}

function catsDoc(text: string, cats: Record<string, number>): Doc {
  const made = doc(text);
  made.cats = cats;
  return made;
}

function spansDoc(text: string, spans: Array<[number, number, string]>, key = "sc"): Doc {
  const made = doc(text);
  made.spans.set(
    key,
    spans.map(([start, end, label]) => new Span(made, start, end, { label })),
  );
  return made;
}

describe("debug data", function () {
  this.timeout(20_000);
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-debug-data-"));
  let serial = 0;

  /** Write the config and both corpora, and run debug data on them. */
  async function run(config: string, train: Doc[], dev: Doc[]): Promise<DebugDataReport> {
    const name = `case${serial++}`;
    const configPath = join(dir, `${name}.cfg`);
    writeFileSync(configPath, config);
    new DocBin({ docs: train }).toDisk(join(dir, `${name}-train.spacy`));
    new DocBin({ docs: dev }).toDisk(join(dir, `${name}-dev.spacy`));
    return debugData(configPath, { overrides: { "paths.train": join(dir, `${name}-train.spacy`), "paths.dev": join(dir, `${name}-dev.spacy`) } });
  }

  const texts = (report: DebugDataReport, section?: string) => messagesAt(report, "text", section);
  const tableIn = (report: DebugDataReport, section: string, index = 0) =>
    report.sections.find((s) => s.title === section)!.entries.filter((entry): entry is Table => entry.kind === "table")[index]!;

  before(async () => {
    await selectBackend({ prefer: "wasm" });
    fixRandomSeed(0);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("training stats and tagging", () => {
    let report: DebugDataReport;

    before(async () => {
      const dev = [taggedDoc("I/PRP like/VBP cats/NNS !/UH"), taggedDoc(TAGGED[0]!)];
      report = await run(CORPORA + TINY_TAGGER_CONFIG, TAGGED.map(taggedDoc), dev);
    });

    it("lays out spaCy's sections in spaCy's order", () => {
      assert.deepEqual(
        report.sections.map((section) => section.title),
        ["Data file validation", "Training stats", "Vocab & Vectors", "Part-of-speech Tagging"],
      );
    });

    it("initializes the pipeline on the training data and loads both corpora", () => {
      assert.deepEqual(messagesAt(report, "good", "Data file validation"), ["Pipeline can be initialized with data", "Corpus is loadable"]);
    });

    it("counts docs, words and distinct words", () => {
      assert.deepEqual(texts(report, "Training stats"), [
        "Language: en",
        "Training pipeline: tok2vec, tagger",
        "6 training docs",
        "2 evaluation docs",
        "It's recommended to use at least 2000 examples (minimum 100)",
      ]);
      // TAGGED has 6 sentences of 5 tokens; '.' is in each, the other 24 words once.
      assert.deepEqual(messagesAt(report, "info", "Vocab & Vectors"), ["30 total word(s) in the data (25 unique)", "No word vectors present in the package"]);
      assert.match(texts(report, "Vocab & Vectors")[0]!, /^10 most common words: '\.' \(6\), 'I' \(1\), 'like' \(1\)/);
    });

    it("finds the training doc that is also in the evaluation data", () => {
      assert.deepEqual(messagesAt(report, "warn", "Training stats"), ["1 training examples also in evaluation data"]);
    });

    it("fails a corpus under BLANK_MODEL_MIN_THRESHOLD (100) examples", () => {
      assert.deepEqual(messagesAt(report, "fail"), ["Low number of examples to train a new pipeline (6)"]);
    });

    it("counts the tags and names the dev tags the train data lacks", () => {
      assert.deepEqual(messagesAt(report, "info", "Part-of-speech Tagging"), ["9 label(s) in train data"]);
      assert.deepEqual(texts(report, "Part-of-speech Tagging"), [
        "'.' (6), 'PRP' (4), 'VBP' (4), 'JJ' (4), 'NNS' (4), 'DT' (2), 'NN' (2), 'VBZ' (2), 'RB' (2)",
      ]);
      assert.deepEqual(messagesAt(report, "warn", "Part-of-speech Tagging"), ["1 label(s) in the dev data not present in the train data: 'UH'"]);
    });

    it("sums the checks passed, warnings and errors", () => {
      assert.deepEqual(report.counts, { good: 2, warn: 2, fail: 1 });
      assert.ok(hasErrors(report));
    });
  });

  it("counts misaligned tokens and repeated training texts", async () => {
    // "Helloworld" is one token for the tokenizer and two in the reference.
    const glued = new Doc(vocab, { words: ["Hello", "world", "!"], spaces: [false, false, false], tags: ["UH", "NN", "."] });
    const report = await run(CORPORA + TINY_TAGGER_CONFIG, [glued, taggedDoc(TAGGED[0]!), taggedDoc(TAGGED[0]!)], [glued]);
    assert.ok(messagesAt(report, "warn", "Vocab & Vectors").includes("1 misaligned tokens in the training data"));
    assert.ok(messagesAt(report, "warn", "Vocab & Vectors").includes("1 misaligned tokens in the dev data"));
    assert.ok(messagesAt(report, "info", "Training stats").includes("1 training docs repeat the text of an earlier training doc"));
    assert.ok(messagesAt(report, "warn", "Training stats").includes("1 training examples also in evaluation data"));
  });

  describe("named entities", () => {
    let report: DebugDataReport;
    const section = "Named Entity Recognition";

    before(async () => {
      const apple = () => doc("Apple is in California .", { ents: ["U-ORG", "O", "O", "U-GPE", "O"] });
      // The second token is a space: the entity starts with whitespace.
      const spaced = new Doc(vocab, { words: ["Visit", " ", "Paris", "today"], spaces: [true, false, true, false], ents: ["O", "B-GPE", "L-GPE", "O"] });
      const crossing = new Doc(vocab, {
        words: ["He", "met", "John", ".", "Smith", "left", "."],
        spaces: [true, true, false, true, true, false, false],
        sentStarts: [true, false, false, false, true, false, false],
        ents: ["O", "O", "B-PERSON", "I-PERSON", "L-PERSON", "O", "O"],
      });
      const quoted = new Doc(vocab, { words: ['"', "Acme", '"', "rocks"], spaces: [false, false, true, false], ents: ["B-ORG", "I-ORG", "L-ORG", "O"] });
      const unannotated = doc("Nothing here");
      const train = [apple(), spaced, crossing, quoted, unannotated];
      report = await run(componentConfig("ner"), train, [apple(), doc("The Olympics began", { ents: ["O", "U-EVENT", "O"] })]);
    });

    it("counts labels, missing and outside tokens", () => {
      assert.ok(messagesAt(report, "info", section).includes("3 label(s)"));
      assert.deepEqual(texts(report, section).slice(0, 3), [
        "2 missing value(s) (tokens with '-' label)",
        "Labels in train data: 'ORG' (2), 'GPE' (2), 'PERSON' (1)",
        "10 token(s) outside entities ('O' label)",
      ]);
    });

    it("fails entities that start with whitespace and warns about sentence-crossing and punctuation-edged ones", () => {
      assert.deepEqual(messagesAt(report, "fail", section), ["1 invalid whitespace entity spans"]);
      const warnings = messagesAt(report, "warn", section);
      assert.ok(warnings.includes("1 entity span(s) crossing sentence boundaries"));
      assert.ok(warnings.includes("1 entity span(s) starting or ending with punctuation"));
      assert.ok(texts(report, section).includes("Entity spans consisting of or starting/ending with whitespace characters are considered invalid."));
    });

    it("warns about labels under NEW_LABEL_THRESHOLD (50) and labels only the dev data has", () => {
      const warnings = messagesAt(report, "warn", section);
      for (const line of [
        "Low number of examples for label 'ORG' (2)",
        "Low number of examples for label 'GPE' (2)",
        "Low number of examples for label 'PERSON' (1)",
      ]) {
        assert.ok(warnings.includes(line), line);
      }
      assert.ok(warnings.includes("1 label(s) in the dev data not present in the train data: 'EVENT'"));
      assert.ok(messagesAt(report, "good", section).includes("Examples without occurrences available for all labels"));
      assert.ok(!messagesAt(report, "good", section).includes("Good amount of examples for all labels"));
    });

    it("warns when every training doc has the label", async () => {
      const everywhere = [doc("Apple rocks", { ents: ["U-ORG", "O"] }), doc("Acme rolls", { ents: ["U-ORG", "O"] })];
      const all = await run(componentConfig("ner"), everywhere, everywhere);
      assert.ok(messagesAt(all, "warn", section).includes("No examples for texts WITHOUT new label 'ORG'"));
      assert.ok(messagesAt(all, "good", section).includes("No entities consisting of or starting/ending with whitespace"));
      assert.ok(messagesAt(all, "good", section).includes("No entities crossing sentence boundaries"));
    });
  });

  describe("text classification", () => {
    const exclusive = "Text Classification (Exclusive Classes)";

    it("reports labels, bad values, docs without cats, non-exclusive docs, a train/dev mismatch and class imbalance", async () => {
      const train = [
        ...Array.from({ length: 20 }, (_, i) => catsDoc(`good thing number ${i}`, { POS: 1, NEG: 0 })),
        catsDoc("bad thing", { POS: 0, NEG: 1 }),
        catsDoc("no cats here", {}),
        catsDoc("half and half", { POS: 0.5, NEG: 0.5 }),
      ];
      const dev = [catsDoc("good", { POS: 1, NEG: 0 }), catsDoc("meh", { POS: 0, NEG: 0, NEUTRAL: 1 })];
      const report = await run(componentConfig("textcat"), train, dev);
      assert.ok(messagesAt(report, "info", exclusive).includes("Text Classification: 2 label(s)"));
      const warnings = messagesAt(report, "warn", exclusive);
      assert.ok(
        warnings.includes(
          "Potential train/dev mismatch: the train and dev labels are not the same. Train labels: 'POS', 'NEG'. Dev labels: 'POS', 'NEG', 'NEUTRAL'.",
        ),
      );
      assert.ok(warnings.includes("1 training doc(s) without cats"));
      assert.ok(warnings.includes("Class imbalance: 'NEG' (1.5) has at most 1/10 of the positive examples of 'POS' (20.5)"), warnings.join("\n"));
      const failures = messagesAt(report, "fail", exclusive);
      assert.ok(failures.includes("Unsupported values for cats: the supported values are 1.0/True and 0.0/False."));
      assert.ok(
        failures.includes("The train data contains instances without mutually-exclusive classes. Use the component 'textcat_multilabel' instead of 'textcat'."),
      );
      assert.ok(!failures.some((line) => line.startsWith("The model does not have enough labels")));
    });

    it("fails a single exclusive label and stays quiet on balanced, consistent data", async () => {
      const one = await run(componentConfig("textcat"), [catsDoc("yes", { YES: 1 }), catsDoc("also yes", { YES: 1 })], [catsDoc("yes", { YES: 1 })]);
      assert.ok(
        messagesAt(one, "fail", exclusive).some((line) => line.startsWith("The model does not have enough labels. 'textcat' requires at least two labels")),
      );
      const balanced = [catsDoc("good", { POS: 1, NEG: 0 }), catsDoc("bad", { POS: 0, NEG: 1 })];
      const fine = await run(componentConfig("textcat"), balanced, balanced);
      assert.deepEqual(messagesAt(fine, "warn", exclusive), []);
      assert.deepEqual(messagesAt(fine, "fail", exclusive), []);
    });

    it("checks multilabel consistency between train and dev", async () => {
      const section = "Text Classification (Multilabel)";
      const onlyExclusive = [catsDoc("sport", { SPORT: 1, POLITICS: 0 }), catsDoc("politics", { SPORT: 0, POLITICS: 1 })];
      const report = await run(componentConfig("textcat_multilabel"), onlyExclusive, [catsDoc("both", { SPORT: 1, POLITICS: 1 })]);
      assert.ok(
        messagesAt(report, "warn", section).includes(
          "The train data contains only instances with mutually-exclusive classes. You can potentially use the component 'textcat' instead of 'textcat_multilabel'.",
        ),
      );
      assert.ok(
        messagesAt(report, "fail", section).includes(
          "Train/dev mismatch: the dev data contains instances without mutually-exclusive classes while the train data contains only instances with mutually-exclusive classes.",
        ),
      );
    });
  });

  describe("span categorization", () => {
    const section = "Span Categorization";
    const train = () => [
      spansDoc("I bought fresh green apples at the market today", [
        [2, 5, "FOOD"],
        [7, 8, "PLACE"],
      ]),
      spansDoc("We ate apples and sweet bread at home", [
        [2, 3, "FOOD"],
        [4, 6, "FOOD"],
        [7, 8, "PLACE"],
      ]),
      spansDoc("The market sells bread", [
        [1, 2, "PLACE"],
        [3, 4, "FOOD"],
      ]),
      spansDoc("Nothing to see here", []),
      spansDoc("They walked to the old town market", [[4, 7, "PLACE"]]),
    ];

    it("computes spaCy's span characteristics", () => {
      const examples = train().map((reference) => new Example(new Doc(vocab, { words: reference.words, spaces: [...reference.spaces] }), reference));
      const stats = collectSpancatStats(examples);
      const chars = spanCharacteristics(stats.keys.get("sc")!, stats.corpusTokens);
      // What spaCy computes (_get_span_characteristics) for this corpus.
      const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);
      close(chars.sd.get("FOOD")!, 1.5198257537444129);
      close(chars.sd.get("PLACE")!, 1.6739764335716711);
      close(chars.bd.get("FOOD")!, 1.7178678053329688);
      close(chars.bd.get("PLACE")!, 1.558451903478347);
      close(chars.lengths.get("FOOD")!, 1.5650845800732873);
      close(chars.lengths.get("PLACE")!, 1.3160740129524926);
      close(chars.avgSd, 1.5969010936580421);
      close(chars.avgBd, 1.638159854405658);
      close(chars.avgLength, 1.4405792965128899);
      assert.deepEqual([chars.minLength, chars.maxLength], [1, 3]);
      assert.deepEqual(
        [...spanLengthFreqs(stats.keys.get("sc")!.lengths)],
        [
          [1, 62.5],
          [3, 25],
          [2, 12.5],
        ],
      );
    });

    it("reports labels per key, low counts, the characteristics table and span lengths", async () => {
      const report = await run(componentConfig("spancat"), train(), [spansDoc("I love cheese", [[2, 3, "FOOD"]]), spansDoc("Paris is nice", [[0, 1, "CITY"]])]);
      assert.deepEqual(tableIn(report, section, 0).rows, [["sc", "'FOOD', 'PLACE'"]]);
      const characteristics = tableIn(report, section, 1);
      assert.deepEqual(characteristics.rows, [
        ["FOOD", "1.57", "1.52", "1.72", "4"],
        ["PLACE", "1.32", "1.67", "1.56", "4"],
      ]);
      assert.deepEqual(characteristics.footer, ["Wgt. Average", "1.44", "1.60", "1.64", "-"]);
      const infos = messagesAt(report, "info", section);
      assert.ok(
        infos.includes(
          "Over 90% of spans have lengths of 1 -- 3 (min=1, max=3). The most common span lengths are: 1 (62.5%), 2 (12.5%), 3 (25.0%). If you are using the n-gram suggester, note that omitting infrequent n-gram lengths can greatly improve speed and memory usage.",
        ),
      );
      const warnings = messagesAt(report, "warn", section);
      assert.ok(warnings.includes("Low number of examples for label 'FOOD' in key 'sc' (4)"));
      assert.ok(warnings.includes("1 label(s) in the dev data in key 'sc' not present in the train data: 'CITY'"));
      assert.deepEqual(messagesAt(report, "good", section), [
        "Spans are distinct from the rest of the corpus",
        "Boundary tokens are distinct from the rest of the corpus",
        "Examples without occurrences available for all labels",
      ]);
      assert.ok(texts(report, section).includes("10 most common span tokens: 'market', 'apples', 'bread', 'home', 'old', 'town', 'fresh', 'green', 'sweet'"));
    });

    it("fails a spans key the training data never uses", async () => {
      const report = await run(componentConfig("spancat", 'spans_key = "things"'), train(), train());
      assert.ok(messagesAt(report, "fail", section).includes("No spans in key 'things' in the training data"));
    });
  });

  describe("corpora that cannot be used", () => {
    it("fails an empty training corpus and an empty evaluation corpus", async () => {
      const report = await run(CORPORA + TINY_TAGGER_CONFIG, [], []);
      const failures = messagesAt(report, "fail");
      assert.ok(
        failures.some((line) => line.startsWith("Pipeline can't be initialized with data: ")),
        failures.join("\n"),
      );
      assert.ok(failures.includes("No training docs"));
      assert.ok(failures.includes("No evaluation docs"));
      assert.ok(!report.sections.some((section) => section.title === "Part-of-speech Tagging"));
      assert.ok(hasErrors(report));
    });

    it("fails a corpus path that does not exist, naming the path", async () => {
      const configPath = join(dir, "missing.cfg");
      writeFileSync(configPath, CORPORA + TINY_TAGGER_CONFIG);
      const missing = join(dir, "nowhere.spacy");
      const report = await debugData(configPath, { overrides: { "paths.train": missing, "paths.dev": missing } });
      assert.deepEqual(
        report.sections.map((section) => section.title),
        ["Data file validation"],
      );
      assert.deepEqual(messagesAt(report, "fail"), [
        `Can't load the training corpus (corpora.train): The corpus ${missing} does not exist.`,
        `Can't load the evaluation corpus (corpora.dev): The corpus ${missing} does not exist.`,
      ]);
      assert.ok(hasErrors(report));
    });

    it("fails a corpus without a path", async () => {
      const configPath = join(dir, "nopath.cfg");
      writeFileSync(configPath, CORPORA + TINY_TAGGER_CONFIG);
      const report = await debugData(configPath);
      assert.match(messagesAt(report, "fail")[0]!, /^Can't load the training corpus \(corpora\.train\): The corpus has no path/);
    });
  });

  describe("printing", () => {
    let report: DebugDataReport;
    const print = (options: Parameters<typeof printReport>[1] = {}) => {
      const lines: string[] = [];
      printReport(report, { ...options, write: (line) => lines.push(line) });
      return lines.join("\n");
    };

    before(async () => {
      report = await run(CORPORA + TINY_TAGGER_CONFIG, TAGGED.map(taggedDoc), [taggedDoc("I/PRP like/VBP cats/NNS !/UH")]);
    });

    it("prints dividers, icons and spaCy's summary", () => {
      const text = print();
      assert.match(text, /^\n=+ Data file validation =+$/m);
      assert.match(text, /^✔ Pipeline can be initialized with data$/m);
      assert.match(text, /^ℹ 9 label\(s\) in train data$/m);
      assert.match(text, /\n=+ Summary =+\n✔ 3 checks passed\n⚠ 1 warning\n✘ 1 error$/);
      assert.doesNotMatch(text, /It's recommended/);
    });

    it("shows verbose lines with verbose, and hides warnings (still counted) with ignoreWarnings", () => {
      assert.match(print({ verbose: true }), /^It's recommended to use at least 2000 examples \(minimum 100\)$/m);
      const quiet = print({ ignoreWarnings: true });
      assert.doesNotMatch(quiet, /⚠/);
      assert.match(quiet, /✔ 3 checks passed\n✘ 1 error$/);
    });

    it("prints plain lines with noFormat", () => {
      const plain = print({ noFormat: true });
      assert.doesNotMatch(plain, /[✔✘⚠ℹ]|====/);
      assert.match(plain, /^Data file validation\nPipeline can be initialized with data$/m);
      assert.match(plain, /Summary\n3 checks passed\n1 warning\n1 error$/);
    });

    it("wraps long messages at 80 columns as wasabi does", () => {
      const lines = print({ verbose: true }).split("\n");
      assert.ok(lines.every((line) => line.length <= 80));
      assert.ok(lines.includes("10 most common words: '.' (6), 'I' (1), 'like' (1), 'green' (1), 'eggs' (1),"));
    });
  });

  describe("formatting and counting", () => {
    it("formats like Python: ties to even, shortest floats", () => {
      assert.deepEqual(
        [fixed(0.125, 2), fixed(0.375, 2), fixed(2.675, 2), fixed(2.5, 0), fixed(1.005, 2), fixed(100 / 3, 2)],
        ["0.12", "0.38", "2.67", "2", "1.00", "33.33"],
      );
      assert.equal(pythonRound(100 / 8 / 100, 2), 0.12);
    });

    it("keeps first-seen order among equal counts, as Python's Counter", () => {
      const counter = new Counter();
      counter.addAll(["b", "a", "c", "a", "c"]);
      assert.deepEqual(counter.mostCommon(), [
        ["a", 2],
        ["c", 2],
        ["b", 1],
      ]);
    });

    it("keeps the most common span lengths up to the threshold", () => {
      const freqs = new Map([
        [1, 70],
        [2, 15],
        [3, 10],
        [4, 5],
      ]);
      assert.deepEqual([...filterSpanLengthFreqs(freqs, 90).keys()], [1, 2, 3]);
      assert.ok(Math.abs(geometricMean([1, 2, 4]) - 2) < 1e-12);
    });
  });

  describe("on the shared corpora, when ../shared/data has them", () => {
    /** The report as the command prints it, indented under the test's name. */
    const show = (report: DebugDataReport) => {
      const lines: string[] = [];
      printReport(report, { write: (line) => lines.push(line) });
      console.log(lines.map((line) => `      ${line}`).join("\n"));
    };
    const needFile = (context: Mocha.Context, path: string) => {
      if (existsSync(path)) return;
      console.log(`      (skipped: this check needs ${path}, which is absent in this checkout)`);
      context.skip();
    };

    it("UD English-EWT dev, split in two, under a tagger: spaCy's counts", async function () {
      const conllu = join(SHARED, "data/ud_en_ewt/en_ewt-ud-dev.conllu");
      needFile(this, conllu);
      this.timeout(60_000);
      const docs = convertText(readFileSync(conllu, "utf8"), { converter: "conllu", nSents: 10 });
      const report = await run(CORPORA + TINY_TAGGER_CONFIG, docs.slice(0, 100), docs.slice(100));
      show(report);
      // What spaCy's debug data prints for the same two .spacy files (spaCy 3.8.16, whose code for these lines is 3.5.4's).
      assert.deepEqual(texts(report, "Training stats").slice(2, 4), ["100 training docs", "101 evaluation docs"]);
      assert.deepEqual(messagesAt(report, "info", "Vocab & Vectors")[0], "14063 total word(s) in the data (3686 unique)");
      assert.deepEqual(messagesAt(report, "warn", "Vocab & Vectors"), ["49 misaligned tokens in the training data", "79 misaligned tokens in the dev data"]);
      assert.deepEqual(messagesAt(report, "warn", "Training stats"), ["Low number of examples to train a new pipeline (100)"]);
      assert.deepEqual(messagesAt(report, "info", "Part-of-speech Tagging"), ["48 label(s) in train data"]);
    });

    it("WNUT-17 train and dev under an entity recognizer: spaCy's counts", async function () {
      const trainFile = join(SHARED, "data/ner_wnut17/wnut17train.conll");
      const devFile = join(SHARED, "data/ner_wnut17/emerging.dev.conll");
      needFile(this, trainFile);
      this.timeout(60_000);
      const read = (path: string) => convertText(readFileSync(path, "utf8"), { converter: "ner", nSents: 10 });
      const report = await run(componentConfig("ner"), read(trainFile), read(devFile));
      show(report);
      // What spaCy's debug data prints for the same two .spacy files (spaCy 3.8.16, whose code for these lines is 3.5.4's).
      assert.deepEqual(texts(report, "Training stats").slice(2, 4), ["340 training docs", "101 evaluation docs"]);
      assert.deepEqual(messagesAt(report, "info", "Vocab & Vectors")[0], "62730 total word(s) in the data (14878 unique)");
      const ner = "Named Entity Recognition";
      assert.deepEqual(messagesAt(report, "info", ner), ["6 label(s)"]);
      assert.ok(
        texts(report, ner).includes(
          "Labels in train data: 'person' (660), 'location' (548), 'group' (264), 'corporation' (221), 'product' (142), 'creative-work' (140)",
        ),
      );
      assert.deepEqual(messagesAt(report, "good", ner), [
        "Good amount of examples for all labels",
        "Examples without occurrences available for all labels",
        "No entities consisting of or starting/ending with whitespace",
        "No entities crossing sentence boundaries",
      ]);
    });
  });
});
