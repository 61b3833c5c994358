/** doc.cats counts for the text classification checks (the "cats" part of spaCy's _compile_gold). */
import type { Example } from "../../tokens/example.js";
import { Counter } from "./counter.js";

export interface TextcatStats {
  /** The sum of each label's values: its number of positive examples when values are 0 or 1. */
  labels: Counter;
  /** Examples with a value other than 0 and 1. */
  nBadValues: number;
  /** Examples without exactly one positive label (those without cats included, as in spaCy). */
  nMultilabel: number;
  /** Examples whose doc.cats is empty (a tsnlp check). */
  nWithoutCats: number;
  nExamples: number;
}

export function collectTextcatStats(examples: readonly Example[]): TextcatStats {
  const stats: TextcatStats = { labels: new Counter(), nBadValues: 0, nMultilabel: 0, nWithoutCats: 0, nExamples: examples.length };
  for (const example of examples) {
    const values = Object.entries(example.reference.cats);
    for (const [label, value] of values) stats.labels.add(label, value);
    if (values.some(([, value]) => value !== 0 && value !== 1)) stats.nBadValues++;
    if (values.filter(([, value]) => value === 1).length !== 1) stats.nMultilabel++;
    if (values.length === 0) stats.nWithoutCats++;
  }
  return stats;
}
