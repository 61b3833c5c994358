/** The "Named Entity Recognition" section (spacy/cli/debug_data.py, v3.5.4), plus two tsnlp checks. */
import { type CheckContext, modelLabels } from "./context.js";
import { formatLabelCounts, formatLabels } from "./format.js";
import type { SectionWriter } from "./report.js";
import { unseenInDev } from "./unseen-labels.js";
import { NEW_LABEL_THRESHOLD } from "./thresholds.js";

export function checkNer(ctx: CheckContext, out: SectionWriter): void {
  const stats = ctx.train.ner;
  if (!stats) return;
  const labels = stats.labels.keys();
  const model = modelLabels(ctx, "ner") ?? new Set(labels);
  let lowData = false;
  let noNegatives = false;
  out.info(`${model.size} label(s)`);
  // spaCy 3.5.4 prints 0 here whatever the data: its aligned tags are None, not "-", where unknown.
  out.text(`${stats.missing} missing value(s) (tokens with '-' label)`);
  if (labels.some((label) => label === "")) out.fail("Empty label found in train data");
  out.verbose(`Labels in train data: ${formatLabelCounts(stats.labels.mostCommon())}`);
  out.verbose(`${stats.outside} token(s) outside entities ('O' label)`);
  const missingLabels = [...model].filter((label) => !stats.labels.has(label));
  if (missingLabels.length > 0) {
    out.warn(
      `Some model labels are not present in the train data. The model performance may be degraded for these labels after training: ${formatLabels(missingLabels)}.`,
    );
  }
  if (stats.whitespaceEnts > 0) out.fail(`${stats.whitespaceEnts} invalid whitespace entity spans`);
  for (const label of labels) {
    const count = stats.labels.get(label);
    if (count > NEW_LABEL_THRESHOLD) continue;
    out.warn(`Low number of examples for label '${label}' (${count})`);
    lowData = true;
    if (stats.nExamples - stats.docsWithLabel.get(label) === 0) {
      out.warn(`No examples for texts WITHOUT new label '${label}'`);
      noNegatives = true;
    }
  }
  if (stats.boundaryCrossEnts > 0) out.warn(`${stats.boundaryCrossEnts} entity span(s) crossing sentence boundaries`);
  // tsnlp: quotes, brackets or commas at an entity's edge are usually a slip of the annotation tool.
  if (stats.punctuationEnts > 0) out.warn(`${stats.punctuationEnts} entity span(s) starting or ending with punctuation`);
  unseenInDev(out, stats.labels, ctx.dev.ner?.labels);
  if (!lowData) out.good("Good amount of examples for all labels");
  if (!noNegatives) out.good("Examples without occurrences available for all labels");
  if (stats.whitespaceEnts === 0) out.good("No entities consisting of or starting/ending with whitespace");
  if (stats.boundaryCrossEnts === 0) out.good("No entities crossing sentence boundaries");
  if (lowData) out.verbose(`To train a new entity type, your data should include at least ${NEW_LABEL_THRESHOLD} instances of the new label`);
  if (noNegatives) {
    out.verbose("Training data should always include examples of entities in context, as well as examples without a given entity type.");
  }
  if (stats.whitespaceEnts > 0) out.text("Entity spans consisting of or starting/ending with whitespace characters are considered invalid.");
  if (stats.punctuationEnts > 0)
    out.verbose("Entity spans usually start and end with a word; check the annotation of those that start or end with punctuation.");
}
