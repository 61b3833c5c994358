/**
 * spaCy's ProgressTracker and _smart_round (spacy/training/pretrain.py, v3.5.4): running loss
 * and word counts, and a table row each time `frequency` more words have been trained on.
 */
import { pyFixed } from "../loggers/format.js";

/** A row of the pretraining table: #, # Words, Total Loss, Loss, w/s. */
export type ProgressRow = [epoch: string, words: string, totalLoss: string, loss: string, wordsPerSecond: string];

export class ProgressTracker {
  /** Loss summed over the whole run. */
  loss = 0;
  /** Loss summed over the current epoch; the loop resets it. */
  epochLoss = 0;
  nrWord = 0;
  private prevLoss = 0;
  private lastUpdate = 0;
  private lastTime: number;

  constructor(
    readonly frequency = 1_000_000,
    private readonly now: () => number = () => performance.now() / 1000,
  ) {
    this.lastTime = now();
  }

  /** Count a batch; a row when `frequency` words have passed since the last one, else null. */
  update(epoch: number, loss: number, words: number): ProgressRow | null {
    this.loss += loss;
    this.epochLoss += loss;
    this.nrWord += words;
    const wordsSinceUpdate = this.nrWord - this.lastUpdate;
    if (wordsSinceUpdate < this.frequency) return null;
    const time = this.now();
    const wps = wordsSinceUpdate / Math.max(time - this.lastTime, 1e-9);
    this.lastUpdate = this.nrWord;
    this.lastTime = time;
    // spaCy calls it loss per word, but it is the loss since the previous row.
    const lossSinceRow = this.loss - this.prevLoss;
    this.prevLoss = this.loss;
    return [String(epoch), String(this.nrWord), smartRound(this.loss, 10), smartRound(lossSinceRow, 6), String(Math.trunc(wps))];
  }

  /** Words since the last row (the progress bar's position). */
  get wordsSinceRow(): number {
    return this.nrWord - this.lastUpdate;
  }
}

/** Large numbers as integers, smaller ones with as many decimals (up to maxDecimal) as fit in `width`. */
export function smartRound(figure: number, width = 10, maxDecimal = 4): string {
  const integer = String(Math.trunc(figure));
  const decimals = width - (integer.length + 1);
  if (decimals <= 1) return integer;
  return pyFixed(figure, Math.min(decimals, maxDecimal));
}
