/** Joined POS+FEATS label counts for the morphologizer check (the "morphs" part of spaCy's _compile_gold). */
import { joinedLabel } from "../../pipes/morphologizer.js";
import { featsToDict } from "../../tokens/morphology.js";
import type { Example } from "../../tokens/example.js";
import { Counter } from "./counter.js";
import type { GoldStats } from "./gold-stats.js";

export interface MorphStats {
  /** Gold labels ("Number=Sing|POS=NOUN") on the predicted tokens, as the morphologizer learns them. */
  morphs: Counter;
  /** Predicted tokens without a label: misaligned for POS or FEATS, or annotated with neither. */
  missing: number;
}

/** spaCy skips the same tokens here as the morphologizer's loss does. */
export function collectMorphStats(examples: readonly Example[]): MorphStats {
  const stats: MorphStats = { morphs: new Counter(), missing: 0 };
  const labels = new Map<string, string>();
  for (const example of examples) {
    const pos = example.getAligned("POS");
    const morphs = example.getAligned("MORPH");
    morphs.forEach((morph, i) => {
      const tag = pos[i] ?? null;
      if (tag === null || morph === null || (tag === "" && morph === "")) {
        stats.missing++;
        return;
      }
      const key = `${tag}\t${morph}`;
      let label = labels.get(key);
      if (label === undefined) {
        label = joinedLabel(featsToDict(morph), tag);
        labels.set(key, label);
      }
      stats.morphs.add(label);
    });
  }
  return stats;
}

/** The morphologizer counts of a corpus, which compileGold collects when the pipeline has a morphologizer. */
export function morphStatsOf(stats: GoldStats): MorphStats | undefined {
  return stats.morphologizer;
}
