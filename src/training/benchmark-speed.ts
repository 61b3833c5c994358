/**
 * `tsnlp benchmark speed` as a library function (spacy/cli/benchmark_speed.py, v3.5.4):
 * annotate the corpus's docs `warmup` times over, then time `batches` batches of texts drawn
 * from it (at random, or in order with shuffle off) and report words per second per batch.
 */
import type { Language } from "../language.js";
import { loadPipeline } from "../language/disk.js";
import { selectBackend } from "../ml/backend.js";
import type { Registry } from "../registry/index.js";
import type { Doc } from "../tokens/doc.js";
import { TsnlpError } from "../util/errors.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { random } from "../util/random.js";
import { formatMeanWithInterval, formatOutliers, type MeanWithInterval, meanWithInterval, type OutlierShares, outlierShares } from "./benchmark-speed-stats.js";
import { createCorpusReader } from "./corpus.js";

export interface BenchmarkSpeedOptions {
  /** Docs per batch; the pipeline's [nlp] batch_size by default. */
  batchSize?: number;
  /** Draw the benchmark texts at random (the default), or cycle through the corpus in order. */
  shuffle?: boolean;
  gpuId?: number;
  /** Batches timed (default 50; the command asks for at least 30). */
  batches?: number;
  /** Passes over the corpus before timing (default 3). */
  warmup?: number;
  registry?: Registry;
  /** Prints spaCy's lines; silent when absent. */
  printer?: Printer;
  /** Called after each batch of the warm-up and of the benchmark. */
  onProgress?: (phase: "warmup" | "benchmark", done: number, total: number) => void;
}

export interface BenchmarkSpeedResult {
  /** Words per second of each timed batch. */
  wordsPerSecond: number[];
  interval: MeanWithInterval;
  outliers: OutlierShares;
  batchSize: number;
}

const SILENT = createPrinter(() => {});

export async function benchmarkSpeed(model: string, dataPath: string, options: BenchmarkSpeedOptions = {}): Promise<BenchmarkSpeedResult> {
  const printer = options.printer ?? SILENT;
  const batches = options.batches ?? 50;
  const warmupEpochs = options.warmup ?? 3;
  requireWhole("The number of batches", batches, 1);
  requireWhole("The number of warm-up passes", warmupEpochs, 0);
  if (options.batchSize !== undefined) requireWhole("The batch size", options.batchSize, 1);
  const backend = await selectBackend({ gpuId: options.gpuId ?? -1 });
  printer.info(backend.gpu ? `Using GPU: ${options.gpuId}` : `Using CPU (TensorFlow.js backend '${backend.name}')`);
  const nlp = loadPipeline(model, { registry: options.registry });
  const batchSize = options.batchSize ?? nlp.batchSize;
  const docs: Doc[] = [];
  for await (const eg of createCorpusReader(dataPath)(nlp)) docs.push(eg.predicted);
  if (docs.length === 0) {
    throw new TsnlpError("E_EMPTY_CORPUS", "Cannot benchmark speed using an empty corpus.", {
      file: dataPath,
      hint: "Give a .spacy file (from `tsnlp convert`) with documents.",
    });
  }

  printer.text(`Warming up for ${warmupEpochs} epochs...`);
  const warmupDocs = Array.from({ length: warmupEpochs }, () => docs).flat();
  annotate(nlp, warmupDocs, batchSize, (done) => options.onProgress?.("warmup", done, warmupDocs.length));

  printer.text("");
  printer.text(`Benchmarking ${batches} batches...`);
  const count = batches * batchSize;
  const shuffle = options.shuffle ?? true;
  const benchDocs = Array.from({ length: count }, (_, i) => nlp.makeDoc(docs[shuffle ? Math.floor(random() * docs.length) : i % docs.length]!.text));
  const wordsPerSecond = annotate(nlp, benchDocs, batchSize, (done) => options.onProgress?.("benchmark", done, count));

  printer.text("");
  const outliers = outlierShares(wordsPerSecond);
  const interval = meanWithInterval(wordsPerSecond);
  printer.text(formatOutliers(outliers));
  printer.text(formatMeanWithInterval(interval));
  return { wordsPerSecond, interval, outliers, batchSize };
}

/** Words per second of each batch, timed as the batch is pulled through nlp.pipe. */
export function annotate(nlp: Language, docs: readonly Doc[], batchSize: number, onBatch?: (done: number) => void): number[] {
  const stream = nlp.pipe(docs, { batchSize });
  const wordsPerSecond: number[] = [];
  let done = 0;
  for (;;) {
    const start = performance.now();
    const batch: Doc[] = [];
    while (batch.length < batchSize) {
      const next = stream.next();
      if (next.done) break;
      batch.push(next.value);
    }
    const seconds = (performance.now() - start) / 1000;
    if (batch.length === 0) break;
    const words = batch.reduce((sum, doc) => sum + doc.length, 0);
    // A timer too coarse to see the batch would give infinity; count it as one microsecond.
    wordsPerSecond.push(words / Math.max(seconds, 1e-6));
    done += batch.length;
    onBatch?.(done);
  }
  return wordsPerSecond;
}

function requireWhole(what: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new TsnlpError("E_BENCHMARK_OPTION", `${what} must be a whole number of at least ${min}, not ${value}.`);
}
