/** The "Training stats" and "Vocab & Vectors" sections (spacy/cli/debug_data.py, v3.5.4). */
import type { CheckContext } from "./context.js";
import { Counter } from "./counter.js";
import { fixed, formatLabelCounts } from "./format.js";
import type { ReportBuilder } from "./report.js";
import { BLANK_MODEL_MIN_THRESHOLD, BLANK_MODEL_THRESHOLD } from "./thresholds.js";

export function checkTrainingStats(ctx: CheckContext, report: ReportBuilder): void {
  const out = report.section("Training stats");
  const { setup, train, dev } = ctx;
  const frozen = setup.frozen;
  // Sourced components that keep training were trained before, so the small-corpus check does not apply.
  const resumed = setup.components.filter((component) => component.sourced && !frozen.includes(component.name)).map((component) => component.name);
  const nTrain = train.corpus.nExamples;
  out.text(`Language: ${setup.lang}`);
  out.text(`Training pipeline: ${setup.components.map((component) => component.name).join(", ")}`);
  if (resumed.length > 0) out.text(`Components from other pipelines: ${resumed.join(", ")}`);
  if (frozen.length > 0) out.text(`Frozen components: ${frozen.join(", ")}`);
  out.text(`${nTrain} training docs`);
  out.text(`${dev.corpus.nExamples} evaluation docs`);
  // tsnlp: spaCy's initialization fails before it gets here when there are no training docs.
  if (nTrain === 0) out.fail("No training docs");
  if (dev.corpus.nExamples === 0) out.fail("No evaluation docs");
  let overlap = 0;
  for (const text of train.corpus.texts) if (dev.corpus.texts.has(text)) overlap++;
  if (overlap > 0) out.warn(`${overlap} training examples also in evaluation data`);
  else out.good("No overlap between training and evaluation data");
  if (train.corpus.nDuplicates > 0) out.info(`${train.corpus.nDuplicates} training docs repeat the text of an earlier training doc`);
  if (resumed.length === 0 && nTrain < BLANK_MODEL_THRESHOLD) {
    const text = `Low number of examples to train a new pipeline (${nTrain})`;
    if (nTrain < BLANK_MODEL_MIN_THRESHOLD) out.fail(text);
    else out.warn(text);
    out.verbose(`It's recommended to use at least ${BLANK_MODEL_THRESHOLD} examples (minimum ${BLANK_MODEL_MIN_THRESHOLD})`);
  }
}

export function checkVocab(ctx: CheckContext, report: ReportBuilder): void {
  const out = report.section("Vocab & Vectors");
  const { train, dev } = ctx;
  out.info(`${train.corpus.nWords} total word(s) in the data (${train.corpus.words.size} unique)`);
  if (train.corpus.nMisalignedWords > 0) out.warn(`${train.corpus.nMisalignedWords} misaligned tokens in the training data`);
  if (dev.corpus.nMisalignedWords > 0) out.warn(`${dev.corpus.nMisalignedWords} misaligned tokens in the dev data`);
  out.verbose(`10 most common words: ${formatLabelCounts(train.corpus.words.mostCommon(10))}`);
  const vocab = ctx.setup.nlp.vocab;
  if (vocab.vectors.size === 0) {
    out.info("No word vectors present in the package");
    return;
  }
  out.info(`${vocab.vectors.size} vectors (${vocab.vectors.nKeys} unique keys, ${vocab.vectorsLength} dimensions)`);
  const missing = new Counter<string>();
  for (const [word, count] of train.corpus.words.entries()) if (!vocab.hasVector(word)) missing.add(word, count);
  const nMissing = missing.entries().reduce((sum, [, count]) => sum + count, 0);
  out.warn(`${nMissing} words in training data without vectors (${fixed((100 * nMissing) / Math.max(train.corpus.nWords, 1), 0)}%)`);
  out.verbose(`10 most common words without vectors: ${formatLabelCounts(missing.mostCommon(10))}`);
}
