import type { Example } from "../tokens/example.js";
import { type PRFDict, PRFScore, prfTable, tupleKey } from "./prf-score.js";
import { entry } from "./map-entry.js";

export type NerScores = Record<string, number | null | Record<string, PRFDict>>;

/**
 * Micro and per-type P/R/F of named entities, under ents_p/r/f and ents_per_type (spaCy's
 * get_ner_prf, behind spacy.ner_scorer.v1 and spacy.entity_ruler_scorer.v1). Examples whose
 * reference has no entity annotation are skipped. A predicted entity is mapped onto the
 * reference tokens it aligns to; where any of those is unannotated (missing IOB), the
 * prediction is neither right nor wrong and is not counted. All null when nothing was scored.
 */
export function getNerPrf(examples: Iterable<Example>): NerScores {
  const perType = new Map<string, PRFScore>();
  const scoreOf = (label: string) => entry(perType, label, () => new PRFScore());
  for (const example of examples) {
    const gold = example.reference;
    if (!gold.hasAnnotation("ENT_IOB")) continue;
    const golds = new Map<string, string>();
    for (const ent of gold.ents) golds.set(tupleKey(ent.label, ent.start, ent.end), ent.label);
    const x2y = example.alignment.x2y;
    for (const ent of example.predicted.ents) {
      const score = scoreOf(ent.label);
      const indices = x2y.slice(ent.start, ent.end);
      if (indices.length === 0) continue;
      const start = indices[0]!;
      const end = indices[indices.length - 1]! + 1;
      if (gold.entIob.subarray(start, end).includes(0)) continue;
      const key = tupleKey(ent.label, start, end);
      if (golds.delete(key)) score.tp += 1;
      else score.fp += 1;
    }
    for (const label of golds.values()) scoreOf(label).fn += 1;
  }
  const totals = new PRFScore();
  for (const score of perType.values()) totals.add(score);
  if (totals.length === 0) return { ents_p: null, ents_r: null, ents_f: null, ents_per_type: null };
  return { ents_p: totals.precision, ents_r: totals.recall, ents_f: totals.fscore, ents_per_type: prfTable(perType) };
}
