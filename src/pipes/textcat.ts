/**
 * The text categorizer for mutually exclusive categories (spaCy's TextCategorizer,
 * spacy/pipeline/textcat.py, v3.5.4): one row of label scores per doc, written to doc.cats.
 * It learns with spaCy's loss: the mean squared error between the scores and the gold cats,
 * where a label absent from a doc's cats counts as 0 (textcat_multilabel masks it instead).
 *
 * Labels: initialize takes them from the gold doc.cats in the order they first appear (as
 * spaCy does), or from [initialize.components.NAME] labels. A model with
 * attrs.resize_output (TextCatBOW.v2, TextCatCNN.v2) grows its output layer when a label is
 * added; any other model takes no new label once its width is known (spaCy's E922).
 */
import type { AnyModel } from "../ml/model.js";
import { inStepScope } from "../ml/model.js";
import { tf } from "../ml/tf.js";
import type { Floats2d } from "../ml/types.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import type { InitializeOptions, ScorerFn } from "./pipe.js";
import { firstExamples } from "./tagger.js";
import { allowExtraLabel, catsDescription, initializeLabels, isResizable, resizeToLabels, unknownSettings } from "./textcat-labels.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

export interface TextcatSettings {
  /** Score from which a category counts as predicted, for the scorer (spaCy's threshold). */
  threshold?: number;
  scorer?: ScorerFn;
}

/** Each doc's scores, one per label in label order. */
export type CatScores = Float32Array[];

/** Examples spaCy takes for shape inference. */
const INIT_SAMPLE = 10;

export class TextCategorizer extends TrainablePipe<CatScores> {
  constructor(vocab: Vocab, model: AnyModel, name = "textcat", settings: TextcatSettings = {}, factory = "textcat") {
    super(vocab, model, name, factory, { labels: [], threshold: settings.threshold ?? 0, positive_label: null }, settings.scorer);
  }

  /**
   * Whether a label missing from a doc's gold cats is unknown (no gradient) rather than 0.
   * Exclusive classes have no missing values: the one true label makes every other one 0.
   */
  get supportsMissingValues(): boolean {
    return false;
  }

  /** Whether the model can grow its output layer for new labels (attrs.resize_output). */
  get isResizable(): boolean {
    return isResizable(this.model);
  }

  override addLabel(label: string): number {
    // A label that is not a non-empty string fails addLabelToCfg's check before anything changes.
    if (typeof label !== "string" || label === "") return this.addLabelToCfg(label);
    if (this.labels.includes(label)) return 0;
    allowExtraLabel(this, label, this.labels.length);
    const added = this.addLabelToCfg(label);
    if (this.isResizable) resizeToLabels(this.model, this.labels.length);
    return added;
  }

  predict(docs: Doc[]): CatScores {
    const width = this.labels.length;
    // spaCy's shortcut: a batch without tokens scores 0 everywhere.
    if (!docs.some((doc) => doc.length > 0)) return docs.map(() => new Float32Array(width));
    const scores = this.model.predict(docs) as Floats2d;
    const cols = scores.shape[1]!;
    const values = scores.dataSync() as Float32Array;
    return docs.map((_, i) => values.slice(i * cols, (i + 1) * cols));
  }

  setAnnotations(docs: Doc[], scores: CatScores): void {
    const labels = this.labels;
    docs.forEach((doc, i) => {
      const row = scores[i]!;
      labels.forEach((label, j) => {
        doc.cats[label] = row[j]!;
      });
    });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const losses = this.addLoss(options.losses ?? {}, 0);
    this.validateCategories(examples);
    if (!examples.some((eg) => eg.predicted.length > 0)) return losses;
    inStepScope(() => {
      this.model.setDropoutRate(options.drop ?? 0);
      const [scores, backprop] = this.model.beginUpdate(TrainablePipe.predictedDocs(examples)) as [Floats2d, (dY: Floats2d) => unknown];
      const [loss, gradient] = this.getLoss(examples, scores);
      backprop(gradient);
      this.addLoss(losses, loss);
    });
    if (options.sgd) this.finishUpdate(options.sgd);
    return losses;
  }

  /**
   * spaCy's loss: d = (scores - truths) * notMissing, loss = mean(d²) over every cell (masked
   * cells count in the mean as zeros), gradient d (not divided by the batch).
   */
  getLoss(examples: readonly Example[], scores: Floats2d): [number, Floats2d] {
    this.validateCategories(examples);
    const { truths, notMissing } = this.examplesToTruth(examples);
    const shape: [number, number] = [examples.length, this.labels.length];
    const gradient = tf.tidy(() => tf.mul(tf.sub(scores, tf.tensor2d(truths, shape)), tf.tensor2d(notMissing, shape)) as Floats2d);
    const meanSquare = tf.tidy(() => tf.mean(tf.square(gradient)));
    const loss = meanSquare.dataSync()[0]!;
    meanSquare.dispose();
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, {
        hint: "Lower the learning rate, or check the inputs for NaN vectors.",
      });
    }
    return [loss, gradient];
  }

  /** Gold scores per example and label, and 0 where a label's value is unknown (multi-label only). */
  protected examplesToTruth(examples: readonly Example[]): { truths: Float32Array; notMissing: Float32Array } {
    const labels = this.labels;
    const truths = new Float32Array(examples.length * labels.length);
    const notMissing = new Float32Array(examples.length * labels.length).fill(1);
    examples.forEach((eg, i) => {
      const cats = eg.reference.cats;
      labels.forEach((label, j) => {
        if (Object.hasOwn(cats, label)) truths[i * labels.length + j] = cats[label]!;
        else if (this.supportsMissingValues) notMissing[i * labels.length + j] = 0;
      });
    });
    return { truths, notMissing };
  }

  /** spaCy's E895 (more than one true category) and E851 (a value other than 0 or 1). */
  protected validateCategories(examples: Iterable<Example>): void {
    for (const eg of examples) {
      const values = Object.values(eg.reference.cats);
      if (values.filter((value) => value === 1).length > 1) {
        throw new TsnlpError(
          "E_TEXTCAT_NOT_EXCLUSIVE",
          `Component '${this.name}' (textcat) got a doc with more than one true category: ${catsDescription(eg.reference)}.`,
          {
            hint: "textcat predicts exactly one category per doc. For docs with several categories, use textcat_multilabel.",
          },
        );
      }
      this.checkCatValues(eg);
    }
  }

  protected checkCatValues(eg: Example): void {
    for (const [label, value] of Object.entries(eg.reference.cats)) {
      if (value !== 0 && value !== 1) {
        throw new TsnlpError(
          "E_TEXTCAT_CAT_VALUE",
          `Component '${this.name}' (${this.factory}) got the value ${JSON.stringify(value)} for the category '${label}' in ${catsDescription(eg.reference)}; gold category values must be 0 or 1.`,
          { hint: "Set doc.cats[label] = 1 for a category the doc has and 0 for one it has not." },
        );
      }
    }
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    const settings = options.settings ?? {};
    unknownSettings(this, settings, ["labels", "positive_label"]);
    this.validateCategories(getExamples());
    initializeLabels(this, getExamples, options.labels);
    if (this.labels.length < 2) {
      throw new TsnlpError(
        "E_TEXTCAT_TOO_FEW_LABELS",
        `Component '${this.name}' (textcat) needs at least two labels, because its categories are mutually exclusive; it has ${this.labels.length === 0 ? "none" : `only '${this.labels[0]}'`}.`,
        {
          hint: "For a binary task, give each doc both categories (e.g. {POSITIVE: 1, NEGATIVE: 0}); for independent categories, use textcat_multilabel.",
        },
      );
    }
    this.cfg.positive_label = this.checkedPositiveLabel(settings.positive_label);
    this.initializeModel(getExamples);
  }

  /** spaCy's E920 and E919: the positive label of a binary task must be one of exactly two labels. */
  private checkedPositiveLabel(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    const where = `[initialize.components.${this.name}] positive_label`;
    const labels = this.labels.map((label) => `'${label}'`).join(", ");
    if (typeof value !== "string" || !this.labels.includes(value)) {
      throw new TsnlpError("E_TEXTCAT_POSITIVE_LABEL", `${where} is ${JSON.stringify(value)}, which is not one of the labels of '${this.name}': ${labels}.`, {
        hint: "Name one of the two labels, or leave positive_label unset.",
      });
    }
    if (this.labels.length !== 2) {
      throw new TsnlpError(
        "E_TEXTCAT_POSITIVE_LABEL",
        `${where} is '${value}', but '${this.name}' has ${this.labels.length} labels (${labels}); a positive label is for binary tasks with two.`,
        {
          hint: "Leave positive_label unset for more than two categories.",
        },
      );
    }
    return value;
  }

  /** Shape inference on the first examples: the reference docs and their gold scores, as spaCy passes them. */
  protected initializeModel(getExamples: () => Iterable<Example>): void {
    this.requireLabels();
    const sample = firstExamples(getExamples(), INIT_SAMPLE);
    if (sample.length === 0) {
      throw new TsnlpError("E_PIPE_NO_EXAMPLES", `Component '${this.name}' got no examples to initialize its model from.`, {
        hint: "Check that the training corpus is not empty.",
      });
    }
    const { truths } = this.examplesToTruth(sample);
    inStepScope(() => {
      this.model.initialize(
        sample.map((eg) => eg.reference),
        tf.tensor2d(truths, [sample.length, this.labels.length]),
      );
    });
  }

  /** spaCy passes the component's cfg and labels to its scorer. */
  protected override scorerOptions(): Record<string, unknown> {
    return { ...this.cfg, labels: [...this.labels] };
  }

  /** A model built with a fixed width is grown to the saved labels before the weights load. */
  protected override afterLoadingCfg(): void {
    if (this.isResizable && this.model.hasDim("nO") === true && this.model.getDim("nO") !== this.labels.length) {
      resizeToLabels(this.model, this.labels.length);
    }
  }
}
