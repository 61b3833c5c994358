/**
 * The "Text Classification" sections, exclusive classes and multilabel (spacy/cli/debug_data.py,
 * v3.5.4), plus two tsnlp checks: docs without cats, and class imbalance.
 */
import { type CheckContext, modelLabels } from "./context.js";
import { formatLabelCounts, formatLabels } from "./format.js";
import type { SectionWriter } from "./report.js";
import type { TextcatStats } from "./stats-textcat.js";
import { CLASS_IMBALANCE_RATIO } from "./thresholds.js";

export function checkTextcat(ctx: CheckContext, out: SectionWriter): void {
  const train = ctx.train.textcat;
  const dev = ctx.dev.textcat;
  if (!train || !dev) return;
  const labels = modelLabels(ctx, "textcat") ?? new Set(train.labels.keys());
  checkLabels(out, labels, train, dev);
  if (labels.size < 2) {
    out.fail(
      "The model does not have enough labels. 'textcat' requires at least two labels due to mutually-exclusive classes, e.g. LABEL/NOT_LABEL or POSITIVE/NEGATIVE for a binary classification task.",
    );
  }
  checkValues(out, train, dev);
  if (train.nMultilabel > 0) {
    out.fail("The train data contains instances without mutually-exclusive classes. Use the component 'textcat_multilabel' instead of 'textcat'.");
  }
  if (dev.nMultilabel > 0) {
    out.fail("The dev data contains instances without mutually-exclusive classes. Use the component 'textcat_multilabel' instead of 'textcat'.");
  }
  checkCoverage(out, labels, train);
}

export function checkTextcatMultilabel(ctx: CheckContext, out: SectionWriter): void {
  const train = ctx.train.textcat;
  const dev = ctx.dev.textcat;
  if (!train || !dev) return;
  const labels = modelLabels(ctx, "textcat_multilabel") ?? new Set(train.labels.keys());
  checkLabels(out, labels, train, dev);
  checkValues(out, train, dev);
  if (train.nMultilabel > 0) {
    if (dev.nMultilabel === 0) {
      out.warn(
        "Potential train/dev mismatch: the train data contains instances without mutually-exclusive classes while the dev data contains only instances with mutually-exclusive classes.",
      );
    }
  } else {
    out.warn(
      "The train data contains only instances with mutually-exclusive classes. You can potentially use the component 'textcat' instead of 'textcat_multilabel'.",
    );
    if (dev.nMultilabel > 0) {
      out.fail(
        "Train/dev mismatch: the dev data contains instances without mutually-exclusive classes while the train data contains only instances with mutually-exclusive classes.",
      );
    }
  }
  checkCoverage(out, labels, train);
}

function checkLabels(out: SectionWriter, labels: ReadonlySet<string>, train: TextcatStats, dev: TextcatStats): void {
  out.info(`Text Classification: ${labels.size} label(s)`);
  out.verbose(`Labels: ${formatLabels(labels)}`);
  out.verbose(`Positive examples per label in train data: ${formatLabelCounts(train.labels.mostCommon())}`);
  const missing = [...labels].filter((label) => !train.labels.has(label));
  if (missing.length > 0) {
    out.warn(
      `Some model labels are not present in the train data. The model performance may be degraded for these labels after training: ${formatLabels(missing)}.`,
    );
  }
  const trainLabels = new Set(train.labels.keys());
  const devLabels = new Set(dev.labels.keys());
  if (trainLabels.size !== devLabels.size || [...trainLabels].some((label) => !devLabels.has(label))) {
    out.warn(
      `Potential train/dev mismatch: the train and dev labels are not the same. Train labels: ${formatLabels(trainLabels)}. Dev labels: ${formatLabels(devLabels)}.`,
    );
  }
}

function checkValues(out: SectionWriter, train: TextcatStats, dev: TextcatStats): void {
  if (train.nBadValues > 0 || dev.nBadValues > 0) out.fail("Unsupported values for cats: the supported values are 1.0/True and 0.0/False.");
}

/** tsnlp: docs that say nothing about any label, and labels far rarer than the most common one. */
function checkCoverage(out: SectionWriter, labels: ReadonlySet<string>, train: TextcatStats): void {
  if (train.nWithoutCats > 0) out.warn(`${train.nWithoutCats} training doc(s) without cats`);
  const counts = [...labels].map((label) => [label, train.labels.get(label)] as const);
  if (counts.length < 2) return;
  const [topLabel, topCount] = counts.reduce((best, item) => (item[1] > best[1] ? item : best));
  const rare = counts.filter(([, count]) => count * CLASS_IMBALANCE_RATIO <= topCount);
  if (rare.length === 0) return;
  const verb = rare.length === 1 ? "has" : "have";
  out.warn(`Class imbalance: ${formatLabelCounts(rare)} ${verb} at most 1/${CLASS_IMBALANCE_RATIO} of the positive examples of '${topLabel}' (${topCount})`);
  out.verbose("A classifier learns little about rare classes: add examples of them, or weigh the score of each class (e.g. macro F) when you evaluate.");
}
