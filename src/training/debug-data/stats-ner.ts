/** Entity annotation counts for the NER checks (the "ner" part of spaCy's _compile_gold). */
import type { Example } from "../../tokens/example.js";
import { removeBiluPrefix } from "../../tokens/iob-utils.js";
import { Counter } from "./counter.js";

export interface NerStats {
  /** Entities per label, as they align to the predicted tokens. */
  labels: Counter;
  /** Tokens whose gold entity tag is unknown ("-"). */
  missing: number;
  /** Tokens outside every entity ("O"). */
  outside: number;
  /** Entity tokens that begin, end or make up an entity and are whitespace (spaCy's ws_ents). */
  whitespaceEnts: number;
  /** Entities whose first or last token is punctuation (a tsnlp check). */
  punctuationEnts: number;
  /** Entity tokens inside an entity (I-, L-) that start a sentence. */
  boundaryCrossEnts: number;
  /** For each label, the number of examples with at least one entity of it. */
  docsWithLabel: Counter;
  nExamples: number;
}

export function collectNerStats(examples: readonly Example[]): NerStats {
  const stats: NerStats = {
    labels: new Counter(),
    missing: 0,
    outside: 0,
    whitespaceEnts: 0,
    punctuationEnts: 0,
    boundaryCrossEnts: 0,
    docsWithLabel: new Counter(),
    nExamples: examples.length,
  };
  for (const example of examples) {
    const { ents, tags } = example.getAlignedEntsAndNer();
    const sentStarts = example.getAlignedSentStarts();
    const lexemes = example.predicted.lexemes;
    const seen = new Set<string>();
    tags.forEach((tag, i) => {
      if (tag === "-") {
        stats.missing++;
        return;
      }
      if (tag === "O") {
        stats.outside++;
        return;
      }
      const prefix = tag.slice(0, 2);
      if ((prefix === "B-" || prefix === "U-" || prefix === "L-") && lexemes[i]!.isSpace) stats.whitespaceEnts++;
      if (prefix === "B-" || prefix === "U-") {
        const label = removeBiluPrefix(tag);
        stats.labels.add(label);
        seen.add(label);
      }
      if (sentStarts[i] && (prefix === "I-" || prefix === "L-")) stats.boundaryCrossEnts++;
    });
    for (const ent of ents) {
      const first = lexemes[ent.start]!;
      const last = lexemes[ent.end - 1]!;
      if (first.isPunct || last.isPunct) stats.punctuationEnts++;
    }
    stats.docsWithLabel.addAll(seen);
  }
  return stats;
}
