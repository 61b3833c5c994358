/** Tag counts for the tagging checks (the "tags" part of spaCy's _compile_gold). */
import type { Example } from "../../tokens/example.js";
import { Counter } from "./counter.js";

export interface TaggerStats {
  /** Gold tags on the predicted tokens. */
  tags: Counter;
  /** Predicted tokens without a gold tag (unannotated or misaligned). */
  missing: number;
}

/**
 * spaCy counts every aligned tag, the empty tag of unannotated tokens included (it then reports
 * a label ''); here those tokens are counted as missing instead.
 */
export function collectTaggerStats(examples: readonly Example[]): TaggerStats {
  const stats: TaggerStats = { tags: new Counter(), missing: 0 };
  for (const example of examples) {
    for (const tag of example.getAligned("TAG")) {
      if (tag === null || tag === "") stats.missing++;
      else stats.tags.add(tag);
    }
  }
  return stats;
}
