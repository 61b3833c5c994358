import { strict as assert } from "node:assert";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { DocBin } from "../../src/tokens/docbin.js";
import { benchmarkSpeed } from "../../src/training/benchmark-speed.js";
import {
  bootstrapMeans,
  formatMeanWithInterval,
  formatOutliers,
  meanWithInterval,
  outlierShares,
  quantile,
  quartiles,
} from "../../src/training/benchmark-speed-stats.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { createPrinter } from "../../src/util/printer.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { type TinyPipelineFixture, tinyPipelineFixture } from "../commands/pipeline-commands-fixture.js";

describe("benchmark speed statistics", () => {
  const sample = [120.0, 95.5, 101.25, 99.0, 250.0, 98.0, 102.0, 97.5, 10.0, 100.0];

  it("quartiles interpolate linearly between ranks, as numpy.quantile does", () => {
    // numpy.quantile(sample, [0.25, 0.5, 0.75]) gives 97.625, 99.5 and 101.8125.
    assert.deepEqual(quartiles(sample), { q1: 97.625, q2: 99.5, q3: 101.8125, iqr: 101.8125 - 97.625 });
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 100, -50, 3.5], 0.25), 2.75);
    assert.equal(quantile([7], 0.75), 7);
  });

  it("counts outliers beyond 1.5 and 3 inter-quartile ranges and prints them as spaCy does", () => {
    // spaCy's print_outliers prints these two lines for the two samples.
    assert.equal(formatOutliers(outlierShares(sample)), "Outliers: 30.0%, extreme outliers: 30.0%");
    assert.equal(formatOutliers(outlierShares([1, 2, 3, 4, 5, 6, 7, 8, 9, 100, -50, 3.5])), "Outliers: 16.7%, extreme outliers: 16.666666666666668%");
  });

  it("bootstraps the mean: the interval holds the mean, a constant sample has none, and a seed repeats it", () => {
    fixRandomSeed(5);
    const first = meanWithInterval(sample, 2000);
    fixRandomSeed(5);
    assert.deepEqual(meanWithInterval(sample, 2000), first);
    assert.ok(first.low < first.mean && first.mean < first.high, JSON.stringify(first));
    assert.equal(first.mean, 107.325);
    const means = bootstrapMeans([4, 4, 4], 50);
    assert.ok(means.every((m) => m === 4));
    assert.equal(formatMeanWithInterval({ mean: 1000, low: 987.75, high: 1012.25 }), "Mean: 1000.0 words/s (95% CI: -12.2 +12.2)");
  });
});

describe("benchmarkSpeed (tsnlp benchmark speed)", function () {
  this.timeout(60_000);
  let fx: TinyPipelineFixture;
  before(async () => {
    fx = await tinyPipelineFixture();
  });

  it("warms up, times the asked number of batches and prints spaCy's summary", async () => {
    const lines: string[] = [];
    const progress: string[] = [];
    const result = await benchmarkSpeed(fx.model, fx.corpus, {
      batchSize: 2,
      batches: 6,
      warmup: 1,
      printer: createPrinter((line) => lines.push(line)),
      onProgress: (phase, done, total) => progress.push(`${phase} ${done}/${total}`),
    });
    assert.equal(result.wordsPerSecond.length, 6);
    assert.ok(result.wordsPerSecond.every((wps) => Number.isFinite(wps) && wps > 0));
    assert.equal(result.batchSize, 2);
    assert.ok(result.interval.low <= result.interval.mean && result.interval.mean <= result.interval.high);
    assert.ok(lines.includes("Warming up for 1 epochs..."));
    assert.ok(lines.includes("Benchmarking 6 batches..."));
    assert.match(lines.at(-2)!, /^Outliers: \d+\.\d%, extreme outliers: [\d.e-]+%$/);
    assert.match(lines.at(-1)!, /^Mean: \d+\.\d words\/s \(95% CI: -?\d+\.\d \+\d+\.\d\)$/);
    // The corpus has 6 docs: one warm-up pass in batches of 2, then 6 batches of 2.
    assert.deepEqual(progress.slice(0, 3), ["warmup 2/6", "warmup 4/6", "warmup 6/6"]);
    assert.equal(progress.at(-1), "benchmark 12/12");
  });

  it("uses the pipeline's batch size by default, and refuses an empty corpus", async () => {
    const empty = join(fx.dir, "empty.spacy");
    new DocBin().toDisk(empty);
    await assert.rejects(
      benchmarkSpeed(fx.model, empty, { batches: 1, warmup: 0 }),
      (e: TsnlpError) => e.code === "E_EMPTY_CORPUS" && e.message === "Cannot benchmark speed using an empty corpus.",
    );
    const result = await benchmarkSpeed(fx.model, fx.corpus, { batches: 1, warmup: 0, shuffle: false });
    assert.equal(result.batchSize, 1000);
    assert.equal(result.wordsPerSecond.length, 1);
  });
});
