import type { Example } from "../tokens/example.js";
import { type PRFDict, PRFScore, prfTable } from "./prf-score.js";
import { entry } from "./map-entry.js";

export type LinkScores = Record<string, number | string | Record<string, PRFDict>>;

/**
 * P/R/F of entity links, per entity label and overall (spaCy's Scorer.score_links, behind
 * spacy.entity_linker_scorer.v1). Only predicted entities with the same character offsets as a
 * reference entity are scored, so that linking is judged apart from recognition; a pair where
 * both knowledge-base ids are negative (such as "NIL") is a true negative and not counted.
 */
export function scoreLinks(examples: Iterable<Example>, options: { negativeLabels: Iterable<string> }): LinkScores {
  const negative = new Set(options.negativeLabels);
  const perType = new Map<string, PRFScore>();
  for (const example of examples) {
    const goldByOffset = new Map<string, { label: string; kbId: string }>();
    for (const ent of example.reference.ents) goldByOffset.set(`${ent.startChar}:${ent.endChar}`, { label: ent.label, kbId: ent.kbId });
    for (const ent of example.predicted.ents) {
      const gold = goldByOffset.get(`${ent.startChar}:${ent.endChar}`);
      if (gold === undefined) continue;
      const score = entry(perType, gold.label, () => new PRFScore());
      const pred = ent.kbId;
      if (negative.has(gold.kbId) && negative.has(pred)) continue;
      if (gold.kbId === pred) score.tp += 1;
      else if (negative.has(gold.kbId)) score.fp += 1;
      else if (negative.has(pred)) score.fn += 1;
      else {
        // A wrong link is both a false positive and a missed one.
        score.fp += 1;
        score.fn += 1;
      }
    }
  }
  const micro = new PRFScore();
  for (const score of perType.values()) micro.add(score);
  const n = perType.size + 1e-100;
  let p = 0;
  let r = 0;
  let f = 0;
  for (const score of perType.values()) {
    p += score.precision;
    r += score.recall;
    f += score.fscore;
  }
  return {
    nel_score: micro.fscore,
    nel_score_desc: "micro F",
    nel_micro_p: micro.precision,
    nel_micro_r: micro.recall,
    nel_micro_f: micro.fscore,
    nel_macro_p: p / n,
    nel_macro_r: r / n,
    nel_macro_f: f / n,
    nel_f_per_type: prfTable(perType),
  };
}
