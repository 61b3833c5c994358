/**
 * What `tsnlp pretrain` writes into its output folder (spacy/training/pretrain.py, v3.5.4):
 * the tok2vec's weights (with the optimizer's averaged parameters when it keeps them) as
 * model{epoch}.bin, model{epoch}.temp.bin or model-last.bin, and after each save one line of
 * log.jsonl: {"nr_word", "loss", "epoch_loss", "epoch"}.
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import type { AnyModel } from "../../ml/model.js";
import type { Tensor } from "../../ml/tf.js";
import { writeFileAtomic } from "../../util/io.js";
import { jsonFloat, jsonObject } from "../loggers/format.js";

export type SaveKind = "epoch" | "temp" | "last";

export const LOG_FILE = "log.jsonl";

export function weightsFileName(epoch: number, kind: SaveKind): string {
  if (kind === "last") return "model-last.bin";
  return kind === "temp" ? `model${epoch}.temp.bin` : `model${epoch}.bin`;
}

/** The tok2vec's bytes (Model.toBytes), taken with the averaged parameters swapped in. */
export function saveWeights(tok2vec: AnyModel, averages: ReadonlyMap<string, Tensor> | undefined, path: string): void {
  const bytes = averages && averages.size > 0 ? tok2vec.useParams(averages, () => tok2vec.toBytes()) : tok2vec.toBytes();
  writeFileAtomic(path, bytes);
}

export interface LogEntry {
  nrWord: number;
  loss: number;
  epochLoss: number;
  epoch: number;
}

/** One line as srsly.json_dumps writes spaCy's: no spaces, floats with a point. */
export function logLine(entry: LogEntry): string {
  return jsonObject([
    ["nr_word", String(entry.nrWord)],
    ["loss", jsonFloat(entry.loss)],
    ["epoch_loss", jsonFloat(entry.epochLoss)],
    ["epoch", String(entry.epoch)],
  ]);
}

export function appendLog(outputDir: string, entry: LogEntry): void {
  appendFileSync(join(outputDir, LOG_FILE), `${logLine(entry)}\n`);
}
