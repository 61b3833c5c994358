import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { resolveConfig } from "../../src/config/resolve.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { consoleLoggerV1, consoleLoggerV2, consoleLoggerV3, scoreColumns } from "../../src/training/loggers/console.js";
import { jsonFloat, pyFixed, setupTable, tableRow } from "../../src/training/loggers/format.js";
import { registerLoggers } from "../../src/training/loggers/register.js";
import type { LoggerContext, LoggerSetup, TrainingInfo } from "../../src/training/loggers/types.js";
import { TsnlpError } from "../../src/util/errors.js";

/** A stream that keeps what is written to it; `tty` makes it pass for a terminal. */
class Capture extends Writable {
  text = "";
  isTTY: boolean;
  columns = 100;

  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

// The pipeline of the spaCy run the expected text comes from: tok2vec, sentencizer (not
// trainable), tagger, textcat_multilabel.
const CTX: LoggerContext = {
  trainableNames: ["tok2vec", "tagger", "textcat_multilabel"],
  scoreWeights: { tag_acc: 0.3, cats_macro_auc: 0.4, pos_acc: null, speed: 0.0, dep_las_per_type: null, ents_f: 0.3 },
  evalFrequency: 200,
  maxSteps: 1000,
};

const INFOS: TrainingInfo[] = [
  {
    epoch: 0,
    step: 0,
    score: 0.0,
    losses: { tok2vec: 0.0, tagger: 52.125, textcat_multilabel: 1.005 },
    otherScores: { tag_acc: 0.125, cats_macro_auc: 0.5, speed: 12345.678, ents_per_type: { X: { p: 1 } } },
    checkpoints: [[0.0, 0]],
    seconds: 0,
    words: 0,
  },
  {
    epoch: 3,
    step: 200,
    score: 0.8765,
    losses: { tok2vec: 1234.5678, tagger: 9876543.21, textcat_multilabel: 0.1 + 0.2 },
    otherScores: { tag_acc: 0.91234, cats_macro_auc: 2 / 3, ents_f: 0.5, speed: 9876.5 },
    checkpoints: [
      [0.0, 0],
      [0.8765, 200],
    ],
    seconds: 12,
    words: 30000,
  },
  {
    epoch: 12,
    step: 1000,
    score: 1.0,
    losses: { tok2vec: 0.005, tagger: 0.015, textcat_multilabel: 2.675 },
    otherScores: { tag_acc: 1.0, cats_macro_auc: 0.99995, ents_f: 0.0, speed: 100.0 },
    checkpoints: [
      [0.0, 0],
      [0.8765, 200],
      [1.0, 1000],
    ],
    seconds: 60,
    words: 200000,
    wordsPerSecond: 1523.6,
  },
];

// What spaCy 3.5.4's ConsoleLogger.v3 prints for CTX and INFOS (trailing spaces included).
const SPACY_TABLE = [
  "E    #       LOSS TOK2VEC  LOSS TAGGER  LOSS TEXTC...  TAG_ACC  CATS_MACRO...  SPEED   ENTS_F  SCORE ",
  "---  ------  ------------  -----------  -------------  -------  -------------  ------  ------  ------",
  "  0       0          0.00        52.12           1.00    12.50          50.00  12345.68    0.00    0.00",
  "  3     200       1234.57   9876543.21           0.30    91.23          66.67  9876.50   50.00    0.88",
  " 12    1000          0.01         0.01           2.67   100.00         100.00  100.00    0.00    1.00",
];

// The same table with tsnlp's WORDS/S column before SCORE.
const TSNLP_TABLE = [
  "E    #       LOSS TOK2VEC  LOSS TAGGER  LOSS TEXTC...  TAG_ACC  CATS_MACRO...  SPEED   ENTS_F  WORDS/S  SCORE ",
  "---  ------  ------------  -----------  -------------  -------  -------------  ------  ------  -------  ------",
  "  0       0          0.00        52.12           1.00    12.50          50.00  12345.68    0.00        -    0.00",
  "  3     200       1234.57   9876543.21           0.30    91.23          66.67  9876.50   50.00     2500    0.88",
  " 12    1000          0.01         0.01           2.67   100.00         100.00  100.00    0.00     1524    1.00",
];

// What spaCy 3.5.4's ConsoleLogger.v3 writes to output_file for INFOS.
const SPACY_JSONL = [
  '{"epoch":0,"step":0,"losses":{"tok2vec":0.0,"tagger":52.125,"textcat_multilabel":1.005},"scores":{"tag_acc":12.5,"cats_macro_auc":50.0,"speed":12345.678,"ents_f":0.0},"score":0.0}',
  '{"epoch":3,"step":200,"losses":{"tok2vec":1234.5678,"tagger":9876543.2100000009,"textcat_multilabel":0.3},"scores":{"tag_acc":91.234,"cats_macro_auc":66.6666666667,"speed":9876.5,"ents_f":50.0},"score":0.8765}',
  '{"epoch":12,"step":1000,"losses":{"tok2vec":0.005,"tagger":0.015,"textcat_multilabel":2.675},"scores":{"tag_acc":100.0,"cats_macro_auc":99.995,"speed":100.0,"ents_f":0.0},"score":1.0}',
];

/** Runs a logger the way the train loop does: a step without evaluation before each row. */
function run(setup: LoggerSetup, infos = INFOS, ctx = CTX, stderr = new Capture()) {
  const stdout = new Capture();
  const logger = setup(ctx, stdout, stderr);
  for (const info of infos) {
    logger.logStep(null);
    logger.logStep(info);
  }
  logger.finalize();
  return { stdout: stdout.text, stderr: stderr.text };
}

/** Drop the WORDS/S cell: the last 17 characters are "  ", 7 for WORDS/S, "  ", 6 for SCORE. */
const withoutWordsPerSecond = (line: string) => line.slice(0, -17) + line.slice(-8);

describe("training loggers", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-loggers-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe("spacy.ConsoleLogger.v3", () => {
    it("prints spaCy's header, divider and rows, with WORDS/S before SCORE", () => {
      const { stdout, stderr } = run(consoleLoggerV3());
      assert.equal(stdout, `${TSNLP_TABLE.join("\n")}\n`);
      assert.equal(stderr, "");
    });

    it("is spaCy's table character for character once the WORDS/S column is taken out", () => {
      const lines = run(consoleLoggerV3()).stdout.trimEnd().split("\n");
      assert.deepEqual(lines.map(withoutWordsPerSecond), SPACY_TABLE);
    });

    it("writes one JSON line per evaluation with spaCy's fields and spelling", () => {
      const path = join(dir, "logs", "train.jsonl");
      const { stdout } = run(consoleLoggerV3({ outputFile: path }));
      assert.equal(stdout.split("\n")[0], `ℹ Saving results to ${path}`);
      assert.equal(readFileSync(path, "utf8"), `${SPACY_JSONL.join("\n")}\n`);
    });

    it("keeps an existing log file and says so instead of writing it", () => {
      const path = join(dir, "train.jsonl");
      writeFileSync(path, "old\n");
      const { stdout } = run(consoleLoggerV3({ outputFile: path }));
      assert.equal(stdout.split("\n")[0], `⚠ Saving logs is disabled because ${path} already exists.`);
      assert.equal(readFileSync(path, "utf8"), "old\n");
    });

    it("console_output false prints nothing but still writes the log", () => {
      const path = join(dir, "train.jsonl");
      const { stdout, stderr } = run(consoleLoggerV3({ outputFile: path, consoleOutput: false, progressBar: "eval" }), INFOS, CTX, new Capture(true));
      assert.equal(stdout, `ℹ Saving results to ${path}\n`);
      assert.equal(stderr, "");
      assert.equal(readFileSync(path, "utf8").split("\n").length, 4);
    });

    it("draws no progress bar when it is off, even on a terminal", () => {
      const { stderr } = run(consoleLoggerV3({ progressBar: null }), INFOS, CTX, new Capture(true));
      assert.equal(stderr, "");
    });

    it("draws no progress bar when stderr is not a terminal", () => {
      const { stderr } = run(consoleLoggerV3({ progressBar: "eval" }), INFOS, CTX, new Capture(false));
      assert.equal(stderr, "");
    });

    it('on a terminal, the "eval" bar counts the steps to the next evaluation', () => {
      const { stderr } = run(consoleLoggerV3({ progressBar: "eval" }), INFOS.slice(0, 1), CTX, new Capture(true));
      assert.match(stderr, /Epoch 1: +\d+%/);
      assert.match(stderr, /0\/200/);
    });

    it('on a terminal, the "train" bar counts from the evaluated step to max_steps', () => {
      const { stderr } = run(consoleLoggerV3({ progressBar: "train" }), INFOS.slice(1, 2), CTX, new Capture(true));
      assert.match(stderr, /Last Eval Epoch: 3: +20%/);
      assert.match(stderr, /200\/1000/);
    });

    it('without max_steps, the "train" bar counts steps with no total', () => {
      const { stderr } = run(consoleLoggerV3({ progressBar: "train" }), INFOS.slice(1, 2), { ...CTX, maxSteps: 0 }, new Capture(true));
      assert.match(stderr, /Last Eval Epoch: 3: 200 \[/);
      assert.doesNotMatch(stderr, /NaN|Infinity/);
    });

    it("rejects an unknown progress bar kind", () => {
      assert.throws(
        () => consoleLoggerV3({ progressBar: "epoch" as "eval" }),
        (error: unknown) => error instanceof TsnlpError && error.code === "E_LOGGER_PROGRESS_BAR" && /train, eval/.test(error.message),
      );
    });

    it("a score column that holds a table of scores is a clear error, as in spaCy", () => {
      const ctx = { ...CTX, scoreWeights: { ents_per_type: 1.0 } };
      const logger = consoleLoggerV3()(ctx, new Capture(), new Capture());
      assert.throws(
        () => logger.logStep(INFOS[0]!),
        (error: unknown) => error instanceof TsnlpError && error.code === "E_LOGGER_SCORE_TYPE" && /'ents_per_type'/.test(error.message),
      );
    });

    it("shows a null score as '-' and a missing one as 0", () => {
      const ctx: LoggerContext = { trainableNames: [], scoreWeights: { tag_acc: 1, lemma_acc: 0 }, evalFrequency: 10, maxSteps: 0 };
      const info: TrainingInfo = { ...INFOS[0]!, otherScores: { tag_acc: null }, wordsPerSecond: 0 };
      const lines = run(consoleLoggerV3(), [info], ctx).stdout.trimEnd().split("\n");
      assert.equal(lines[2], "  0       0        -       0.00        0    0.00");
    });
  });

  describe("spacy.ConsoleLogger.v2 and v1", () => {
    it("v2 prints the same table and log as v3", () => {
      const path = join(dir, "v2.jsonl");
      assert.equal(run(consoleLoggerV2({ outputFile: path })).stdout, `ℹ Saving results to ${path}\n${TSNLP_TABLE.join("\n")}\n`);
      assert.equal(readFileSync(path, "utf8"), `${SPACY_JSONL.join("\n")}\n`);
    });

    it("v2's progress_bar true is v3's eval bar", () => {
      const { stderr } = run(consoleLoggerV2({ progressBar: true }), INFOS.slice(0, 1), CTX, new Capture(true));
      assert.match(stderr, /Epoch 1:/);
    });

    it("v1 prints the table only", () => {
      assert.equal(run(consoleLoggerV1({ progressBar: false })).stdout, `${TSNLP_TABLE.join("\n")}\n`);
    });
  });

  describe("registry", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    registerLoggers(registry);
    const build = (name: string, args: Record<string, unknown>) => {
      const decl = registry.get("loggers", name) as { build?: (args: Record<string, unknown>, positional: unknown[]) => unknown };
      assert.ok(decl.build, `${name} has an implementation`);
      return decl.build(args, []) as LoggerSetup;
    };

    it("resolves a [training.logger] block, filling the defaults", () => {
      const path = join(dir, "cfg.jsonl");
      const built = resolveConfig({ logger: { "@loggers": "spacy.ConsoleLogger.v3", output_file: path } }, registry) as { logger: LoggerSetup };
      const { stdout } = run(built.logger);
      assert.equal(stdout, `ℹ Saving results to ${path}\n${TSNLP_TABLE.join("\n")}\n`);
    });

    it("builds every console logger from config arguments", () => {
      const path = join(dir, "reg.jsonl");
      assert.equal(run(build("spacy.ConsoleLogger.v1", { progress_bar: false })).stdout, `${TSNLP_TABLE.join("\n")}\n`);
      assert.equal(run(build("spacy.ConsoleLogger.v2", { progress_bar: false, console_output: false, output_file: null })).stdout, "");
      run(build("spacy.ConsoleLogger.v3", { progress_bar: null, console_output: true, output_file: path }));
      assert.equal(readFileSync(path, "utf8"), `${SPACY_JSONL.join("\n")}\n`);
    });
  });

  describe("formatting", () => {
    it("pyFixed rounds like Python's format, ties to even", () => {
      // Python: "{0:.2f}".format(x) for each x.
      const cases: Array<[number, string]> = [
        [0.125, "0.12"],
        [0.375, "0.38"],
        [52.125, "52.12"],
        [2.675, "2.67"],
        [1.005, "1.00"],
        [0.005, "0.01"],
        [-0.125, "-0.12"],
        [0.99995 * 100, "100.00"],
        [Number.NaN, "nan"],
        [Number.POSITIVE_INFINITY, "inf"],
      ];
      for (const [value, expected] of cases) assert.equal(pyFixed(value, 2), expected, String(value));
      assert.equal(pyFixed(2.5, 0), "2");
      assert.equal(pyFixed(3.5, 0), "4");
    });

    it("jsonFloat spells floats as srsly.json_dumps does", () => {
      // srsly 2.4 / ujson output for each value.
      const cases: Array<[number, string]> = [
        [0.123456789012345, "0.123456789"],
        [100, "100.0"],
        [0, "0.0"],
        [1e-5, "0.00001"],
        [0.00012345678901, "0.0001234568"],
        [1e16, "10000000000000000.0"],
        [1e17, "1.000000000000000e+17"],
        [99.99999999999999, "100.0"],
        [1.234e-12, "0.0"],
      ];
      for (const [value, expected] of cases) assert.equal(jsonFloat(value), expected, String(value));
    });

    it("setupTable cuts long headers to 13 characters and tableRow pads without cutting", () => {
      const { header, widths } = setupTable(["Loss textcat_multilabel", "ents_f"], [8, 6]);
      assert.deepEqual(header, ["LOSS TEXTC...", "ENTS_F"]);
      assert.deepEqual(widths, [13, 6]);
      assert.equal(tableRow(["1.00", "12345.68"], widths, 2, ["r", "r"]), "         1.00  12345.68");
    });

    it("score columns are the weights that are not null, in order", () => {
      assert.deepEqual(scoreColumns(CTX.scoreWeights), ["tag_acc", "cats_macro_auc", "speed", "ents_f"]);
    });
  });
});
