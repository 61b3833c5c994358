/**
 * The pretraining loop (spacy/training/pretrain.py `pretrain` and `make_update`, v3.5.4):
 * epoch after epoch over the raw-text corpus, one update of the objective's model per batch,
 * a table row every `rowFrequency` words, the tok2vec's weights saved after each epoch (or
 * every n_save_epoch epochs), every n_save_every batches as a .temp file, and as model-last at
 * the end, also when the loop fails or is stopped.
 */
import { join } from "node:path";
import { type AnyModel, type Optimizer, withScope } from "../../ml/model.js";
import type { PretrainLoss, PretrainModel } from "../../ml/models/pretrain.js";
import type { GradientOptimizer } from "../../ml/optimizers/index.js";
import type { Doc } from "../../tokens/doc.js";
import type { Example } from "../../tokens/example.js";
import { TsnlpError } from "../../util/errors.js";
import type { Batcher } from "../batchers.js";
import type { Reader, ReaderNlp } from "../reader-types.js";
import type { PretrainTable } from "./table.js";
import { ProgressTracker } from "./tracker.js";
import { appendLog, type SaveKind, saveWeights, weightsFileName } from "./weights.js";

/** Docs read before batching: the corpus is streamed, a chunk at a time, as spaCy streams it. */
const CHUNK_DOCS = 10_000;

export interface PretrainLoopParts {
  nlp: ReaderNlp;
  model: PretrainModel;
  /** The layer whose weights are saved (a ref inside `model`). */
  tok2vec: AnyModel;
  optimizer: Optimizer;
  loss: PretrainLoss;
  corpus: Reader;
  batcher: Batcher<Example>;
  table: PretrainTable;
  shouldStop?: () => boolean;
}

export interface PretrainLoopSettings {
  outputDir: string;
  maxEpochs: number;
  nSaveEvery: number | null;
  nSaveEpoch: number | null;
  startEpoch: number;
  skipLast: boolean;
  /** Words between table rows (spaCy: 10,000). */
  rowFrequency: number;
  /** The corpus's config path, for messages. */
  corpusName: string;
}

export interface EpochSummary {
  epoch: number;
  words: number;
  batches: number;
  /** The summed loss of the epoch's batches. */
  loss: number;
  /** Wall-clock seconds, and seconds of this process's CPU time (a fairer speed on a busy machine). */
  seconds: number;
  cpuSeconds: number;
}

export interface PretrainLoopResult {
  epochs: EpochSummary[];
  words: number;
  loss: number;
  /** Paths written, in order. */
  saved: string[];
  /** True when shouldStop ended the run early. */
  stopped: boolean;
}

export async function pretrainLoop(parts: PretrainLoopParts, settings: PretrainLoopSettings): Promise<PretrainLoopResult> {
  const { model, tok2vec, optimizer, table } = parts;
  const tracker = new ProgressTracker(settings.rowFrequency);
  const averages = (optimizer as Partial<GradientOptimizer>).averages;
  const epochs: EpochSummary[] = [];
  const saved: string[] = [];
  let stopped = false;
  const save = (epoch: number, kind: SaveKind) => {
    const path = join(settings.outputDir, weightsFileName(epoch, kind));
    saveWeights(tok2vec, averages, path);
    appendLog(settings.outputDir, { nrWord: tracker.nrWord, loss: tracker.loss, epochLoss: tracker.epochLoss, epoch });
    saved.push(path);
  };
  let failure: { error: unknown } | null = null;
  try {
    for (let epoch = settings.startEpoch; epoch < settings.maxEpochs && !stopped; epoch++) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      const wordsBefore = tracker.nrWord;
      let batchId = 0;
      for await (const batch of epochBatches(parts, CHUNK_DOCS)) {
        const docs = batch.map((eg) => eg.reference);
        const words = docs.reduce((sum, doc) => sum + doc.length, 0);
        if (words === 0) continue;
        const loss = makeUpdate(model, docs, optimizer, parts.loss);
        const row = tracker.update(epoch, loss, words);
        if (row) table.row(row);
        else table.progress(epoch, tracker.wordsSinceRow, settings.rowFrequency);
        if (settings.nSaveEvery && batchId % settings.nSaveEvery === 0) save(epoch, "temp");
        batchId++;
        if (parts.shouldStop?.()) {
          stopped = true;
          break;
        }
      }
      if (batchId === 0) throw emptyCorpus(settings.corpusName);
      if (stopped) break;
      if (!settings.nSaveEpoch || epoch % settings.nSaveEpoch === 0 || epoch === settings.maxEpochs - 1) save(epoch, "epoch");
      const cpu = process.cpuUsage(cpuStarted);
      const seconds = (performance.now() - started) / 1000;
      epochs.push({
        epoch,
        words: tracker.nrWord - wordsBefore,
        batches: batchId,
        loss: tracker.epochLoss,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      });
      tracker.epochLoss = 0;
    }
  } catch (error) {
    failure = { error };
  }
  table.close();
  if (!settings.skipLast) {
    try {
      save(settings.maxEpochs, "last");
    } catch (error) {
      // A failure to save must not hide the failure that ended the loop.
      if (failure === null) throw error;
    }
  }
  if (failure !== null) throw failure.error;
  return { epochs, words: tracker.nrWord, loss: tracker.loss, saved, stopped };
}

/** One batch: forward on the (masked) docs, the loss against the originals, backprop, optimizer step. */
export function makeUpdate(model: PretrainModel, docs: Doc[], optimizer: Optimizer, loss: PretrainLoss): number {
  const value = withScope(() => {
    const [prediction, backprop] = model.beginUpdate(docs);
    const [lossValue, gradient] = loss(docs, prediction);
    backprop(gradient);
    model.finishUpdate(optimizer);
    return lossValue;
  });
  // spaCy's pretraining never advances the optimizer's schedules, so a scheduled learn rate
  // would stay at its first value; tsnlp steps them once per batch, as training does.
  (optimizer as Partial<GradientOptimizer>).stepSchedules?.();
  return value;
}

async function* epochBatches(parts: PretrainLoopParts, chunkDocs: number): AsyncGenerator<Example[]> {
  let chunk: Example[] = [];
  for await (const eg of parts.corpus(parts.nlp)) {
    chunk.push(eg);
    if (chunk.length >= chunkDocs) {
      yield* parts.batcher(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield* parts.batcher(chunk);
}

function emptyCorpus(corpusName: string): TsnlpError {
  return new TsnlpError("E_EMPTY_CORPUS", `The pretraining corpus (${corpusName}) gave no documents with words.`, {
    hint: `Check [paths] raw_text (or --paths.raw_text) and the length limits of [${corpusName}] (min_length, max_length): documents shorter than min_length tokens are skipped.`,
  });
}
