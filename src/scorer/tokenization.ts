import type { Example } from "../tokens/example.js";
import { PRFScore, tupleKey } from "./prf-score.js";
import { isSpaceText } from "./whitespace.js";

export type TokenizationScores = {
  token_acc: number | null;
  token_p: number | null;
  token_r: number | null;
  token_f: number | null;
};

/**
 * How well the predicted tokens match the reference tokens (spaCy's Scorer.score_tokenization):
 * token_acc is the share of non-space predicted tokens aligned to exactly one reference token;
 * token_p/r/f compare the character spans of the non-space tokens. Examples whose reference
 * has unknown spaces are skipped; with nothing scored every value is null.
 */
export function scoreTokenization(examples: Iterable<Example>): TokenizationScores {
  const accuracy = new PRFScore();
  const spans = new PRFScore();
  for (const example of examples) {
    const gold = example.reference;
    const pred = example.predicted;
    if (gold.hasUnknownSpaces) continue;
    const x2y = example.alignment.x2y;
    const goldSpans = new Set<string>();
    const predSpans = new Set<string>();
    for (const token of gold) {
      if (isSpaceText(token.orth)) continue;
      goldSpans.add(tupleKey(token.idx, token.idx + token.orth.length));
    }
    for (const token of pred) {
      if (isSpaceText(token.orth)) continue;
      predSpans.add(tupleKey(token.idx, token.idx + token.orth.length));
      if (x2y.lengths[token.i] !== 1) accuracy.fp += 1;
      else accuracy.tp += 1;
    }
    spans.scoreSet(predSpans, goldSpans);
  }
  if (accuracy.length === 0) return { token_acc: null, token_p: null, token_r: null, token_f: null };
  return { token_acc: accuracy.precision, token_p: spans.precision, token_r: spans.recall, token_f: spans.fscore };
}
