/**
 * ROC AUC for one binary label, as spaCy computes it (spacy/scorer.py: ROCAUCScore and
 * _roc_auc_score, adapted there from scikit-learn). The arithmetic follows numpy step by step,
 * including its summation order, so that the results match spaCy's to the last bit.
 */
import { TsnlpError } from "../util/errors.js";

/** Collects (prediction, gold) pairs for one label; `score` is their ROC AUC. */
export class ROCAUCScore {
  readonly golds: number[] = [];
  readonly cands: number[] = [];
  private savedScore = 0;
  private savedScoreAtLength = 0;

  scoreSet(cand: number, gold: number): void {
    this.cands.push(cand);
    this.golds.push(gold);
  }

  /** Whether the gold values hold exactly two distinct values, which ROC AUC needs. */
  isBinary(): boolean {
    return new Set(this.golds).size === 2;
  }

  /** The ROC AUC; throws E_AUC_NOT_BINARY unless isBinary() (spaCy's E165). */
  get score(): number {
    if (!this.isBinary()) throw notBinary(this.golds);
    if (this.golds.length === this.savedScoreAtLength) return this.savedScore;
    this.savedScore = rocAucScore(this.golds, this.cands);
    this.savedScoreAtLength = this.golds.length;
    return this.savedScore;
  }
}

/**
 * The area under the ROC curve of scores `yScore` against gold values `yTrue`. A gold value of
 * exactly 1 is positive and any other value negative, but the golds must hold exactly two
 * distinct values; when neither is 1 the curve has no positives and the area is NaN, as in spaCy.
 */
export function rocAucScore(yTrue: readonly number[], yScore: readonly number[]): number {
  if (new Set(yTrue).size !== 2) throw notBinary(yTrue);
  if (yTrue.length !== yScore.length) {
    throw new RangeError(`ROC AUC needs one score per gold value, but got ${yScore.length} scores for ${yTrue.length} golds.`);
  }
  const [fpr, tpr] = rocCurve(yTrue, yScore);
  return auc(fpr, tpr);
}

/** False and true positive rates at each distinct threshold, starting from (0, 0). */
function rocCurve(yTrue: readonly number[], yScore: readonly number[]): [Float64Array, Float64Array] {
  const { fps, tps } = binaryClfCurve(yTrue, yScore);
  const n = fps.length + 1;
  const lastFp = fps[fps.length - 1]!;
  const lastTp = tps[tps.length - 1]!;
  const fpr = new Float64Array(n);
  const tpr = new Float64Array(n);
  // With no negatives (or no positives) the rate is undefined at every point: numpy's nan.
  for (let i = 0; i < n; i++) {
    const fp = i === 0 ? 0 : fps[i - 1]!;
    const tp = i === 0 ? 0 : tps[i - 1]!;
    fpr[i] = lastFp <= 0 ? Number.NaN : fp / lastFp;
    tpr[i] = lastTp <= 0 ? Number.NaN : tp / lastTp;
  }
  return [fpr, tpr];
}

/**
 * Counts of false and true positives at each distinct score, highest score first. numpy sorts
 * NaN after every number, and np.diff makes NaN (and inf - inf) a new threshold each time.
 */
function binaryClfCurve(yTrue: readonly number[], yScore: readonly number[]): { fps: Float64Array; tps: Float64Array } {
  const order = Array.from(yScore, (_, i) => i);
  // Stable ascending sort then reversed: numpy's argsort(kind="mergesort")[::-1].
  order.sort((a, b) => compareNumpy(yScore[a]!, yScore[b]!));
  order.reverse();
  const scores = order.map((i) => yScore[i]!);
  const thresholds: number[] = [];
  for (let i = 0; i + 1 < scores.length; i++) if (scores[i + 1]! - scores[i]! !== 0) thresholds.push(i);
  thresholds.push(scores.length - 1);
  // The running count of positives is a sum of 0s and 1s, exact in doubles, so numpy's
  // check that its cumulative sum is stable (E163) cannot fail here.
  const cumulative = new Float64Array(scores.length);
  let running = 0;
  order.forEach((index, k) => {
    running += yTrue[index] === 1 ? 1 : 0;
    cumulative[k] = running;
  });
  const tps = Float64Array.from(thresholds, (i) => cumulative[i]!);
  const fps = Float64Array.from(thresholds, (i, k) => 1 + i - tps[k]!);
  return { fps, tps };
}

function compareNumpy(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Trapezoidal area under y(x), for x monotonic in either direction (spaCy's _auc). */
function auc(x: Float64Array, y: Float64Array): number {
  let direction = 1;
  let anyDecrease = false;
  let allNonIncreasing = true;
  for (let i = 0; i + 1 < x.length; i++) {
    const dx = x[i + 1]! - x[i]!;
    if (dx < 0) anyDecrease = true;
    if (!(dx <= 0)) allNonIncreasing = false;
  }
  if (anyDecrease) {
    if (!allNonIncreasing) {
      throw new TsnlpError("E_AUC_NOT_MONOTONIC", `The x values of the curve are neither increasing nor decreasing: [${Array.from(x).join(", ")}].`);
    }
    direction = -1;
  }
  const pieces = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 0; i < pieces.length; i++) pieces[i] = ((x[i + 1]! - x[i]!) * (y[i + 1]! + y[i]!)) / 2.0;
  return direction * pairwiseSum(pieces, 0, pieces.length);
}

/**
 * numpy's float64 sum (pairwise_sum in loops_utils.h): plain below 8 items, eight running
 * sums up to 128, halves above. Rounding differs from a plain loop, so this order matters.
 */
export function pairwiseSum(values: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let sum = -0;
    for (let i = start; i < start + n; i++) sum += values[i]!;
    return sum;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = values[start + j]!;
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = r[j]! + values[start + i + j]!;
    let sum = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < n; i++) sum += values[start + i]!;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}

function notBinary(golds: readonly number[]): TsnlpError {
  const classes = [...new Set(golds)];
  const what =
    classes.length < 2
      ? `Only one class is present in the gold values (${classes.join(", ") || "none"})`
      : `The gold values hold ${classes.length} classes (${classes.join(", ")})`;
  return new TsnlpError("E_AUC_NOT_BINARY", `${what}; ROC AUC is only defined for exactly two.`, {
    hint: "Check isBinary() first: spaCy reports such a label's AUC as null and counts it as 0 in the macro AUC.",
  });
}
