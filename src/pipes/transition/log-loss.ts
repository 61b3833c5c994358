/**
 * Choosing moves from scores and the loss that teaches them (arg_max_if_valid, arg_max_if_gold
 * and cpu_log_loss in spacy/ml/parser_model.pyx), on one state's row of a host score array.
 */

/** The best-scoring valid move of row `at` (n moves), or -1 when none is valid. */
export function argMaxIfValid(scores: ArrayLike<number>, at: number, valid: Uint8Array, n: number): number {
  let best = -1;
  for (let i = 0; i < n; i++) {
    if (valid[i] && (best === -1 || scores[at + i]! > scores[at + best]!)) best = i;
  }
  return best;
}

/**
 * The best-scoring move among the valid moves of least cost, where that cost is below 1 (or
 * exactly 1, when no valid move is cheaper); -1 when every valid move costs more.
 */
export function argMaxIfGold(scores: ArrayLike<number>, at: number, costs: Float32Array, valid: Uint8Array, n: number): number {
  let cost = 1;
  for (let i = 0; i < n; i++) if (valid[i] && costs[i]! < cost) cost = costs[i]!;
  let best = -1;
  for (let i = 0; i < n; i++) {
    if (valid[i] && costs[i]! <= cost && (best === -1 || scores[at + i]! > scores[at + best]!)) best = i;
  }
  return best;
}

/**
 * The gradient of the state's loss with respect to its scores, written to dScores[at .. at + n):
 * softmax over all moves minus softmax over the moves as cheap as the best gold move (spaCy's
 * cpu_log_loss). Leaves the row untouched when no move can be supervised.
 */
export function logLossGradient(dScores: Float32Array, scores: ArrayLike<number>, at: number, costs: Float32Array, valid: Uint8Array, n: number): void {
  const best = argMaxIfGold(scores, at, costs, valid, n);
  if (best === -1 || n === 0) return;
  let max = scores[at]!;
  for (let i = 1; i < n; i++) if (scores[at + i]! > max) max = scores[at + i]!;
  const goldMax = scores[at + best]!;
  const goldCost = costs[best]!;
  let Z = 1e-10;
  let gZ = 1e-10;
  for (let i = 0; i < n; i++) {
    Z += Math.exp(scores[at + i]! - max);
    if (costs[i]! <= goldCost) gZ += Math.exp(scores[at + i]! - goldMax);
  }
  for (let i = 0; i < n; i++) {
    const p = Math.exp(scores[at + i]! - max) / Z;
    dScores[at + i] = costs[i]! <= goldCost ? p - Math.exp(scores[at + i]! - goldMax) / gZ : p;
  }
}
