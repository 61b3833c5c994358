import type { Example } from "../tokens/example.js";
import { EMPTY_MORPH } from "../tokens/morphology.js";
import type { Token } from "../tokens/token.js";
import { TsnlpError } from "../util/errors.js";
import { type PRFDict, PRFScore, prfTable, tupleKey } from "./prf-score.js";
import { getTokenAttr, isMissing, MISSING_VALUES, type TokenAttrGetter } from "./token-values.js";
import { isSpaceText } from "./whitespace.js";
import { entry } from "./map-entry.js";

export interface TokenAttrPerFeatOptions {
  /** Reads the FEATS string ("Case=Nom|Number=Sing"); by default the attribute of that name. */
  getter?: TokenAttrGetter;
  /** Reference values that mean "not annotated". Default MISSING_VALUES. */
  missingValues?: ReadonlySet<unknown>;
}

export type TokenAttrPerFeatScores = Record<string, number | null | Record<string, PRFDict>>;

/**
 * Micro P/R/F over all Field=Value features of a FEATS attribute, and P/R/F per field, under
 * `${attr}_micro_p/r/f` and `${attr}_per_feat` (spaCy's Scorer.score_token_attr_per_feat).
 * Reference tokens that are unannotated or annotated as having no features ("_") are left
 * out, with the predicted tokens aligned to them; all null when nothing was scored.
 */
export function scoreTokenAttrPerFeat(examples: Iterable<Example>, attr: string, options: TokenAttrPerFeatOptions = {}): TokenAttrPerFeatScores {
  const getter = options.getter ?? getTokenAttr;
  const missingValues = options.missingValues ?? MISSING_VALUES;
  const micro = new PRFScore();
  const perFeat = new Map<string, PRFScore>();
  /** The features of a token, or null when it has none to score. */
  const featuresOf = (token: Token): Array<[string, string]> | null => {
    const value = getter(token, attr);
    if (isMissing(value, missingValues)) return null;
    const morph = String(value);
    if (morph === EMPTY_MORPH) return null;
    return morph.split("|").map((feat) => [fieldOf(feat, morph), feat]);
  };
  const add = (table: Map<string, Set<string>>, field: string, item: string) => {
    entry(perFeat, field, () => new PRFScore());
    entry(table, field, () => new Set<string>()).add(item);
  };
  for (const example of examples) {
    const x2y = example.alignment.x2y;
    const goldPerFeat = new Map<string, Set<string>>();
    const missing = new Set<number>();
    for (const token of example.reference) {
      const feats = featuresOf(token);
      if (feats === null) missing.add(token.i);
      else for (const [field, feat] of feats) add(goldPerFeat, field, tupleKey(token.i, feat));
    }
    const predPerFeat = new Map<string, Set<string>>();
    for (const token of example.predicted) {
      if (isSpaceText(token.orth) || x2y.lengths[token.i] !== 1) continue;
      const goldI = x2y.get(token.i)[0]!;
      if (missing.has(goldI)) continue;
      for (const [field, feat] of featuresOf(token) ?? []) add(predPerFeat, field, tupleKey(goldI, feat));
    }
    // Every field seen so far is scored again, which only adds the counts of this example.
    for (const [field, score] of perFeat) {
      const pred = predPerFeat.get(field) ?? new Set<string>();
      const gold = goldPerFeat.get(field) ?? new Set<string>();
      micro.scoreSet(pred, gold);
      score.scoreSet(pred, gold);
    }
  }
  if (micro.length === 0) {
    return { [`${attr}_micro_p`]: null, [`${attr}_micro_r`]: null, [`${attr}_micro_f`]: null, [`${attr}_per_feat`]: null };
  }
  return {
    [`${attr}_micro_p`]: micro.precision,
    [`${attr}_micro_r`]: micro.recall,
    [`${attr}_micro_f`]: micro.fscore,
    [`${attr}_per_feat`]: prfTable(perFeat),
  };
}

/** The field of one Field=Value feature; spaCy fails on a feature without exactly one "=". */
function fieldOf(feat: string, morph: string): string {
  const parts = feat.split("=");
  if (parts.length !== 2) {
    throw new TsnlpError("E_BAD_MORPH", `'${feat}' in the morphological features '${morph}' is not of the form Field=Value.`, {
      hint: 'Write features in UD FEATS form, e.g. "Number=Sing|Person=3", or "_" for none.',
    });
  }
  return parts[0]!;
}
