/**
 * Micro-averaged precision, recall and F over relations (score_relations in spaCy's
 * tutorials/rel_component): a predicted relation is a (pair, label) whose probability reaches
 * the threshold; a gold one has the value 1. Unlike the tutorial, gold relations between
 * entities that were never candidates (too far apart) count as missed.
 */
import type { Example, Scores } from "tsnlp";
import { alignedGold } from "./gold.js";
import { type Relations, relationsOf } from "./instances.js";

function relationSet(relations: Relations, threshold: number): Set<string> {
  const set = new Set<string>();
  for (const [key, labels] of Object.entries(relations)) {
    for (const [label, value] of Object.entries(labels)) if (value >= threshold) set.add(`${key} ${label}`);
  }
  return set;
}

export function scoreRelations(examples: readonly Example[], threshold: number): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const example of examples) {
    const gold = relationSet(alignedGold(example), 1);
    const predicted = relationSet(relationsOf(example.predicted), threshold);
    for (const relation of predicted) {
      if (gold.has(relation)) tp++;
      else fp++;
    }
    for (const relation of gold) if (!predicted.has(relation)) fn++;
  }
  // spaCy's PRFScore: 0 rather than a division by zero when nothing was predicted or expected.
  const precision = tp / (tp + fp + 1e-100);
  const recall = tp / (tp + fn + 1e-100);
  const f = (2 * precision * recall) / (precision + recall + 1e-100);
  return { rel_micro_p: precision, rel_micro_r: recall, rel_micro_f: f };
}
