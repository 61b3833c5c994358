export type ScoreWeights = Record<string, number | null>;

/**
 * Combine the components' default score weights with the config's own, and normalize the
 * weights that are set so they sum to 1, rounded to 2 places (spacy.util.combine_score_weights).
 * A null weight is shown in the table but does not count.
 */
export function combineScoreWeights(weights: ScoreWeights[], overrides: ScoreWeights = {}): ScoreWeights {
  const result: ScoreWeights = {};
  for (const entry of weights) Object.assign(result, entry);
  Object.assign(result, overrides);
  const sum = Object.values(result).reduce<number>((total, value) => total + (typeof value === "number" ? value : 0), 0);
  for (const [key, value] of Object.entries(result)) {
    if (typeof value === "number" && value !== 0 && sum > 0) result[key] = pythonRound2(value / sum);
  }
  return result;
}

/**
 * Python's round(x, 2): the nearest of the exact binary value, ties to even. Only values
 * that are exact multiples of 1/8 can tie at two places, so only those need the tie rule.
 */
export function pythonRound2(x: number): number {
  const eighths = x * 8;
  if (Number.isInteger(eighths) && !Number.isInteger(x * 4)) {
    const hundredths = x * 100;
    const floor = Math.floor(hundredths);
    return (floor % 2 === 0 ? floor : floor + 1) / 100;
  }
  return Number(x.toFixed(2));
}
