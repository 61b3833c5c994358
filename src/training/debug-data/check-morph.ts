/** The "Morphologizer (POS+Morph)" section (spacy/cli/debug_data.py, v3.5.4), plus labels of the dev data the train data lacks. */
import { type CheckContext, modelLabels } from "./context.js";
import { formatLabelCounts, formatLabels } from "./format.js";
import type { SectionWriter } from "./report.js";
import { morphStatsOf } from "./stats-morph.js";
import { unseenInDev } from "./unseen-labels.js";

export function checkMorphologizer(ctx: CheckContext, out: SectionWriter): void {
  const stats = morphStatsOf(ctx.train);
  if (!stats) return;
  out.info(`${stats.morphs.size} label(s) in train data`);
  const model = modelLabels(ctx, "morphologizer");
  const missing = model ? [...model].filter((label) => !stats.morphs.has(label)) : [];
  if (missing.length > 0) {
    out.warn(
      `Some model labels are not present in the train data. The model performance may be degraded for these labels after training: ${formatLabels(missing)}.`,
    );
  }
  out.verbose(formatLabelCounts(stats.morphs.mostCommon()));
  unseenInDev(out, stats.morphs, morphStatsOf(ctx.dev)?.morphs);
}
