import type { Example } from "../tokens/example.js";
import { PRFScore, tupleKey } from "./prf-score.js";
import { getTokenAttr, isMissing, MISSING_VALUES, type TokenAttrGetter } from "./token-values.js";
import { isSpaceText } from "./whitespace.js";

export interface TokenAttrOptions {
  /** Reads the value to compare; by default the attribute of that name (see getTokenAttr). */
  getter?: TokenAttrGetter;
  /** Reference values that mean "not annotated"; such tokens are left out. Default MISSING_VALUES. */
  missingValues?: ReadonlySet<unknown>;
}

/**
 * Accuracy of a token attribute, under `${attr}_acc` (spaCy's Scorer.score_token_attr).
 * Reference tokens with a missing value are left out, and so are predicted tokens aligned to
 * them, to several reference tokens, or to none; predicted whitespace tokens are skipped. The
 * value is the F-score of (reference token, value) pairs, which is the accuracy when the
 * tokenizations agree; null when nothing was scored.
 */
export function scoreTokenAttr(examples: Iterable<Example>, attr: string, options: TokenAttrOptions = {}): Record<string, number | null> {
  const getter = options.getter ?? getTokenAttr;
  const missingValues = options.missingValues ?? MISSING_VALUES;
  const score = new PRFScore();
  for (const example of examples) {
    const x2y = example.alignment.x2y;
    const goldValues = new Set<string>();
    const missing = new Set<number>();
    for (const token of example.reference) {
      const value = getter(token, attr);
      if (isMissing(value, missingValues)) missing.add(token.i);
      else goldValues.add(tupleKey(token.i, value));
    }
    const predValues = new Set<string>();
    for (const token of example.predicted) {
      if (isSpaceText(token.orth) || x2y.lengths[token.i] !== 1) continue;
      const goldI = x2y.get(token.i)[0]!;
      if (!missing.has(goldI)) predValues.add(tupleKey(goldI, getter(token, attr)));
    }
    score.scoreSet(predValues, goldValues);
  }
  return { [`${attr}_acc`]: score.length === 0 ? null : score.fscore };
}
