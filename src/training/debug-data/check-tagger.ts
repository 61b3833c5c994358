/** The "Part-of-speech Tagging" section (spacy/cli/debug_data.py, v3.5.4), plus tags of the dev data the train data lacks. */
import { type CheckContext, modelLabels } from "./context.js";
import { formatLabelCounts, formatLabels } from "./format.js";
import type { SectionWriter } from "./report.js";
import { unseenInDev } from "./unseen-labels.js";

export function checkTagger(ctx: CheckContext, out: SectionWriter): void {
  const stats = ctx.train.tagger;
  if (!stats) return;
  const labels = stats.tags.keys();
  out.info(`${labels.length} label(s) in train data`);
  const model = modelLabels(ctx, "tagger");
  const missing = model ? [...model].filter((label) => !stats.tags.has(label)) : [];
  if (missing.length > 0) {
    out.warn(
      `Some model labels are not present in the train data. The model performance may be degraded for these labels after training: ${formatLabels(missing)}.`,
    );
  }
  out.verbose(formatLabelCounts(stats.tags.mostCommon()));
  unseenInDev(out, stats.tags, ctx.dev.tagger?.tags);
}
