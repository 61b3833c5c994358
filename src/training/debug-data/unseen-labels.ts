/** A tsnlp check shared by several sections: labels the evaluation data has and the training data lacks. */
import type { Counter } from "./counter.js";
import { formatLabels } from "./format.js";
import type { SectionWriter } from "./report.js";

/** Warn about labels in the dev data that the train data never shows: the model cannot learn them. */
export function unseenInDev(out: SectionWriter, train: Counter, dev: Counter | undefined, where = ""): string[] {
  if (!dev) return [];
  const unseen = dev.keys().filter((label) => !train.has(label));
  if (unseen.length > 0) {
    out.warn(`${unseen.length} label(s) in the dev data${where} not present in the train data: ${formatLabels(unseen)}`);
  }
  return unseen;
}
