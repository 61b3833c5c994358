import { strict as assert } from "node:assert";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { z } from "zod";
import { parseConfig } from "../../src/config/load.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { Pipe, type Scores } from "../../src/pipes/pipe.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { declareFactory, Registry } from "../../src/registry/index.js";
import { scoreCats } from "../../src/scorer/cats.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import type { Example } from "../../src/tokens/example.js";
import { findThreshold, linspace } from "../../src/training/find-threshold.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { createPrinter } from "../../src/util/printer.js";
import { type TinyPipelineFixture, tinyPipelineFixture } from "../commands/pipeline-commands-fixture.js";

/** Scores LONG as (length - 0.5) / 10 and counts it positive from cfg.threshold on, as textcat_multilabel does. */
class LengthCats extends Pipe {
  cfg: Record<string, unknown>;

  constructor(name: string, factory: string, threshold: number) {
    super(name, factory);
    this.cfg = { threshold };
  }

  override call(doc: Doc): Doc {
    doc.cats = { LONG: (doc.length - 0.5) / 10 };
    return doc;
  }

  override score(examples: readonly Example[]): Scores {
    return scoreCats(examples, "cats", { labels: ["LONG"], multiLabel: true, threshold: this.cfg.threshold as number }) as Scores;
  }
}

function testRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  implementBuiltins(registry);
  for (const name of ["length_cats", "textcat"]) {
    registry.register(declareFactory(name, { description: "test component", args: { threshold: z.number() }, defaultConfig: { threshold: 0.5 } }), {
      override: true,
    });
    registry.implement("factories", name, (args) => new LengthCats(args.name as string, name, args.threshold as number));
  }
  return registry;
}

function pipelineConfig(factory: string) {
  return parseConfig(`[nlp]\nlang = "en"\npipeline = ["cats"]\n\n[components]\n\n[components.cats]\nfactory = "${factory}"\nthreshold = 0.5\n`).tree;
}

describe("findThreshold (tsnlp find-threshold)", function () {
  this.timeout(60_000);
  let fx: TinyPipelineFixture;
  let work: string;
  let registry: Registry;
  let data: string;
  const models: Record<string, string> = {};
  before(async () => {
    fx = await tinyPipelineFixture();
    work = mkdtempSync(join(fx.dir, "threshold-"));
    registry = testRegistry();
    for (const factory of ["length_cats", "textcat"]) {
      models[factory] = join(work, factory);
      Language.fromConfig(pipelineConfig(factory), { registry }).toDisk(models[factory]);
    }
    // Docs of 2 to 9 words; LONG from 6 words on.
    const nlp = Language.fromConfig(pipelineConfig("length_cats"), { registry });
    const docs = [2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
      const doc = new Doc(nlp.vocab, { words: Array.from({ length: n }, () => "word") });
      doc.cats = { LONG: n >= 6 ? 1 : 0 };
      return doc;
    });
    data = join(work, "cats.spacy");
    new DocBin({ docs }).toDisk(data);
  });

  it("numpy.linspace(0, 1, n): evenly spaced, ends included, with numpy's rounding", () => {
    assert.deepEqual(linspace(11), [0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9, 1]);
    assert.deepEqual(linspace(1), [0]);
    assert.deepEqual(linspace(2), [0, 1]);
  });

  it("scores every threshold, set in the component's cfg, and finds the best", async () => {
    const lines: string[] = [];
    const result = await findThreshold(models.length_cats!, data, "cats", "threshold", "cats_micro_f", {
      registry,
      printer: createPrinter((line) => lines.push(line)),
    });
    // With 4 of 8 docs LONG, F at each threshold follows from how many docs reach it.
    const expected = [2 / 3, 2 / 3, 8 / 11, 0.8, 8 / 9, 1, 6 / 7, 2 / 3, 0.4, 0, 0];
    assert.deepEqual(
      result.trials.map((trial) => trial.threshold),
      linspace(11),
    );
    for (const [i, trial] of result.trials.entries()) assert.ok(Math.abs(trial.score - expected[i]!) < 1e-12, `threshold ${trial.threshold}: ${trial.score}`);
    assert.equal(result.bestThreshold, 0.5);
    assert.equal(result.bestScore, 1);
    assert.equal(result.allIdentical, false);
    assert.deepEqual(lines.slice(0, 5), [
      "ℹ Optimizing for cats_micro_f for component 'cats' with 11 trials.",
      "Threshold    cats_micro_f",
      "0.0          0.667",
      "0.1          0.667",
      "0.2          0.727",
    ]);
    assert.equal(lines[7], "0.5          1.0");
    assert.equal(lines.at(-1), "\nBest threshold: 0.5 with cats_micro_f value of 1.0.");
  });

  it("warns that textcat uses no threshold, and that identical scores suggest a setting without effect", async () => {
    const lines: string[] = [];
    const fromTextcat = await findThreshold(models.textcat!, data, "cats", "threshold", "cats_micro_f", {
      nTrials: 3,
      registry,
      printer: createPrinter((line) => lines.push(line)),
    });
    assert.match(lines[0]!, /^⚠ The `textcat` component doesn't use a threshold/);
    assert.equal(fromTextcat.trials.length, 3);
    lines.length = 0;
    const fromTagger = await findThreshold(fx.model, fx.corpus, "tagger", "overwrite", "tag_acc", {
      nTrials: 3,
      printer: createPrinter((line) => lines.push(line)),
    });
    assert.equal(fromTagger.allIdentical, true);
    assert.equal(fromTagger.bestThreshold, 0);
    assert.equal(lines.at(-1), "⚠ All scores are identical. Verify that all settings are correct.");
  });

  it("says which pipe, config key or score is wrong, with what there is instead", async () => {
    const run = (pipe: string, key: string, scores: string) => findThreshold(fx.model, fx.corpus, pipe, key, scores, { nTrials: 2 });
    await assert.rejects(
      run("tagr", "threshold", "tag_acc"),
      (e: TsnlpError) => e.code === "E_PIPE_UNKNOWN" && e.message === "No component 'tagr' found in pipeline. Available names: ['tok2vec', 'tagger']",
    );
    await assert.rejects(run("tok2vec", "threshold", "tag_acc"), (e: TsnlpError) => e.code === "E_THRESHOLD_NO_SCORER");
    await assert.rejects(
      run("tagger", "threshold", "tag_acc"),
      (e: TsnlpError) =>
        e.code === "E_THRESHOLD_KEY" &&
        e.message === "Failed to look up `components.tagger.threshold` in config: sub-key ['threshold'] not found." &&
        /available instead: \['factory', .*'overwrite'/.test(e.hint ?? ""),
    );
    await assert.rejects(
      run("tagger", "overwrite", "cats_macro_f"),
      (e: TsnlpError) => e.code === "E_THRESHOLD_SCORES_KEY" && /available: \[.*'tag_acc'/.test(e.hint ?? ""),
    );
    await assert.rejects(
      findThreshold(models.length_cats!, data, "cats", "threshold", "cats_score_desc", { registry, nTrials: 2 }),
      (e: TsnlpError) => e.code === "E_THRESHOLD_SCORE_TYPE" && /not numeric/.test(e.message),
    );
    await assert.rejects(
      findThreshold(fx.model, join(work, "absent.spacy"), "tagger", "overwrite", "tag_acc"),
      (e: TsnlpError) => e.code === "E_DATA_NOT_FOUND",
    );
  });
});
