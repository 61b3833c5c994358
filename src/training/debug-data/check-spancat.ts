/**
 * The "Span Categorization" section (spacy/cli/debug_data.py, v3.5.4): labels per spans key,
 * low counts, docs without a label, the span characteristics table and span lengths; plus
 * labels of the dev data the train data lacks.
 */
import { type CheckContext, spancatLabels } from "./context.js";
import { fixed, formatFreqs, formatLabelCounts, formatLabels, formatNumber, pythonRound } from "./format.js";
import type { SectionWriter } from "./report.js";
import { combinedDistribution, filterSpanLengthFreqs, type SpanCharacteristics, spanCharacteristics, spanLengthFreqs } from "./span-characteristics.js";
import type { SpanKeyStats } from "./stats-spancat.js";
import { BOUNDARY_DISTINCT_THRESHOLD, NEW_LABEL_THRESHOLD, SPAN_DISTINCT_THRESHOLD, SPAN_LENGTH_THRESHOLD_PERCENTAGE } from "./thresholds.js";
import { unseenInDev } from "./unseen-labels.js";

export function checkSpancat(ctx: CheckContext, out: SectionWriter): void {
  const stats = ctx.train.spancat;
  if (!stats) return;
  const keys = spancatLabels(ctx);
  const labelsOf = (key: string) => keys.get(key) ?? new Set(stats.keys.get(key)?.labels.keys() ?? []);
  let lowData = false;
  let noNegatives = false;
  out.table({ header: ["Spans Key", "Labels"], rows: [...keys.keys()].map((key) => [key, formatLabels(labelsOf(key))]) });
  out.verbose("Label counts in train data: ");
  for (const [key, keyStats] of stats.keys) out.verbose(`Key: ${key}, ${formatLabelCounts(keyStats.labels.entries())}`);
  for (const key of keys.keys()) {
    const keyStats = stats.keys.get(key);
    if (!keyStats) {
      // spaCy stops with a KeyError here; the component would have nothing to learn from.
      out.fail(`No spans in key '${key}' in the training data`);
      continue;
    }
    const model = labelsOf(key);
    for (const [label, count] of keyStats.labels.entries()) {
      if (!model.has(label)) out.warn(`Label '${label}' is not present in the model labels of key '${key}'. Performance may degrade after training.`);
      if (count <= NEW_LABEL_THRESHOLD) {
        out.warn(`Low number of examples for label '${label}' in key '${key}' (${count})`);
        lowData = true;
      }
      if (stats.nExamples - keyStats.docsWithLabel.get(label) === 0) {
        out.warn(`No examples for texts WITHOUT new label '${label}'`);
        noNegatives = true;
      }
    }
    reportCharacteristics(out, key, keyStats, spanCharacteristics(keyStats, stats.corpusTokens));
    unseenInDev(out, keyStats.labels, ctx.dev.spancat?.keys.get(key)?.labels, ` in key '${key}'`);
  }
  if (lowData) out.verbose(`To train a new span type, your data should include at least ${NEW_LABEL_THRESHOLD} instances of the new label`);
  else out.good("Good amount of examples for all labels");
  if (noNegatives) out.verbose("Training data should always include examples of spans in context, as well as examples without a given span type.");
  else out.good("Examples without occurrences available for all labels");
}

function reportCharacteristics(out: SectionWriter, key: string, stats: SpanKeyStats, chars: SpanCharacteristics): void {
  out.info(`Span characteristics for spans_key '${key}'`);
  out.info("SD = Span Distinctiveness, BD = Boundary Distinctiveness");
  out.table({
    header: ["Span Type", "Length", "SD", "BD", "N"],
    rows: chars.labels.map((label) => [
      label,
      formatNumber(chars.lengths.get(label)!, false),
      formatNumber(chars.sd.get(label)!, false),
      formatNumber(chars.bd.get(label)!, false),
      formatNumber(chars.spansPerType.get(label)!, true),
    ]),
    footer: ["Wgt. Average", ...[chars.avgLength, chars.avgSd, chars.avgBd].map((value) => fixed(pythonRound(value, 2), 2)), "-"],
    aligns: ["l", "r", "r", "r", "r"],
  });
  const freqs = spanLengthFreqs(stats.lengths);
  const common = filterSpanLengthFreqs(freqs, SPAN_LENGTH_THRESHOLD_PERCENTAGE);
  out.info(
    `Over ${SPAN_LENGTH_THRESHOLD_PERCENTAGE}% of spans have lengths of 1 -- ${Math.max(...common.keys())} ` +
      `(min=${chars.minLength}, max=${chars.maxLength}). The most common span lengths are: ${formatFreqs(common)}. ` +
      "If you are using the n-gram suggester, note that omitting infrequent n-gram lengths can greatly improve speed and memory usage.",
  );
  out.verbose(`Full distribution of span lengths: ${formatFreqs(freqs)}`);
  if (chars.avgSd < SPAN_DISTINCT_THRESHOLD) out.warn("Spans may not be distinct from the rest of the corpus");
  else out.good("Spans are distinct from the rest of the corpus");
  out.verbose(`10 most common span tokens: ${formatLabels(mostCommonWords(chars.pSpans))}`);
  if (chars.avgBd < BOUNDARY_DISTINCT_THRESHOLD) out.warn("Boundary tokens are not distinct from the rest of the corpus");
  else out.good("Boundary tokens are distinct from the rest of the corpus");
  out.verbose(`10 most common span boundary tokens: ${formatLabels(mostCommonWords(chars.pBounds))}`);
}

function mostCommonWords(perLabel: SpanCharacteristics["pSpans"]): string[] {
  return combinedDistribution(perLabel)
    .mostCommon(10)
    .map(([word]) => word);
}
