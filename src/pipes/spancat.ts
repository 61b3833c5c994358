/**
 * The span categorizer (spaCy's SpanCategorizer, spacy/pipeline/spancat.py, v3.5.4): a
 * suggester proposes candidate spans, the model scores each candidate for each label, and the
 * kept (span, label) pairs go to doc.spans[spans_key] with their scores in the group's
 * attrs.scores.
 *
 * Two factories make it: spancat (independent labels: Logistic scores, a threshold and an
 * optional max_positive) and spancat_singlelabel (one label or none per span: Softmax scores
 * over the labels plus a negative "no label" class, which also learns from every suggested
 * span that is not gold).
 *
 * The loss is spaCy's: the target is 1 for each suggested span that matches a gold span of
 * the key exactly (token offsets after alignment) in the gold label's column, and 0 elsewhere;
 * d = scores - target (rows of negative spans times negative_weight) and loss = sum(d²).
 */
import type { AnyModel } from "../ml/model.js";
import { inStepScope } from "../ml/model.js";
import { ngramSuggester, type Suggester } from "../ml/models/spancat.js";
import { tf } from "../ml/tf.js";
import type { Floats2d, Ints2d, Ragged } from "../ml/types.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import { Span } from "../tokens/span.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import type { InitializeOptions, ScorerFn } from "./pipe.js";
import { type Candidates, type KeptSpan, keepMultilabel, keepSinglelabel } from "./spancat-groups.js";
import { allowExtraLabel, checkedLabelList, unknownSettings } from "./textcat-labels.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

export interface SpancatSettings {
  suggester: Suggester;
  /** The doc.spans key predictions go to and gold spans come from (spaCy's default "spans"; the factories' "sc"). */
  spansKey?: string;
  /** Learn a "no label" class for suggested spans that are not gold (spancat_singlelabel). */
  addNegativeLabel?: boolean;
  /** A label counts from this score on; null for none (spancat_singlelabel). */
  threshold?: number | null;
  /** At most this many labels per span; 1 picks each span's best label; null for no limit. */
  maxPositive?: number | null;
  /** Weight of the negative spans' rows in the loss (with addNegativeLabel). */
  negativeWeight?: number | null;
  /** With maxPositive 1: false keeps no two spans that share a token, the best-scoring first. */
  allowOverlap?: boolean;
  scorer?: ScorerFn;
}

/** The suggested spans of a batch and their scores (rows x classes, on the host). */
export interface SpanPrediction {
  indices: Ragged<Ints2d>;
  scores: Float32Array;
  classes: number;
}

/** Examples spaCy takes for shape inference. */
const INIT_SAMPLE = 10;

export class SpanCategorizer extends TrainablePipe<SpanPrediction> {
  readonly suggester: Suggester;
  readonly addNegativeLabel: boolean;

  constructor(vocab: Vocab, model: AnyModel, name = "spancat", settings: SpancatSettings, factory = "spancat") {
    const cfg = {
      labels: [] as string[],
      spans_key: settings.spansKey ?? "spans",
      threshold: settings.threshold === undefined ? 0.5 : settings.threshold,
      max_positive: settings.maxPositive ?? null,
      negative_weight: settings.negativeWeight === undefined ? 1 : settings.negativeWeight,
      allow_overlap: settings.allowOverlap ?? true,
    };
    super(vocab, model, name, factory, cfg, settings.scorer);
    this.suggester = settings.suggester;
    this.addNegativeLabel = settings.addNegativeLabel ?? false;
    // spaCy's E1051.
    if (!cfg.allow_overlap && cfg.max_positive !== null && cfg.max_positive > 1) {
      throw new TsnlpError(
        "E_SPANCAT_SETTINGS",
        `Component '${name}': allow_overlap can be false only when max_positive is 1, but max_positive is ${cfg.max_positive}.`,
        {
          hint: "Set max_positive = 1 (one label per span), or allow_overlap = true.",
        },
      );
    }
    if (cfg.max_positive !== 1 && cfg.threshold === null) {
      throw new TsnlpError("E_SPANCAT_SETTINGS", `Component '${name}' needs a threshold to choose several labels per span.`, {
        hint: "Set threshold (e.g. 0.5), or max_positive = 1.",
      });
    }
  }

  /** The doc.spans key of predictions and gold spans. */
  get key(): string {
    return String(this.cfg.spans_key);
  }

  /** Columns of the scores: the labels, and the negative class last when there is one. */
  get classCount(): number {
    return this.labels.length + (this.addNegativeLabel ? 1 : 0);
  }

  /** The negative class's column, or null. */
  get negativeLabel(): number | null {
    return this.addNegativeLabel ? this.labels.length : null;
  }

  override addLabel(label: string): number {
    // A label that is not a non-empty string fails addLabelToCfg's check before anything changes.
    if (typeof label !== "string" || label === "") return this.addLabelToCfg(label);
    if (this.labels.includes(label)) return 0;
    allowExtraLabel(this, label, this.classCount);
    return this.addLabelToCfg(label);
  }

  predict(docs: Doc[]): SpanPrediction {
    const indices = this.suggester(docs);
    if (indices.data.rows === 0) return { indices, scores: new Float32Array(0), classes: this.classCount };
    const scores = this.model.predict([docs, indices]) as Floats2d;
    return { indices, scores: scores.dataSync() as Float32Array, classes: scores.shape[1]! };
  }

  /** Write the suggester's candidates into doc.spans[candidatesKey], to see what the model chooses from. */
  setCandidates(docs: Doc[], candidatesKey = "candidates"): void {
    const indices = this.suggester(docs);
    const starts = indices.starts;
    docs.forEach((doc, i) => {
      const spans: Span[] = [];
      for (let row = starts[i]!; row < starts[i]! + indices.lengths[i]!; row++) spans.push(new Span(doc, indices.data.get(row, 0), indices.data.get(row, 1)));
      doc.spans.set(candidatesKey, spans);
    });
  }

  setAnnotations(docs: Doc[], prediction: SpanPrediction): void {
    const { indices, scores, classes } = prediction;
    const offsets = indices.starts;
    const labels = this.labels;
    docs.forEach((doc, i) => {
      const from = offsets[i]!;
      const count = indices.lengths[i]!;
      const pairs = indices.data.data.subarray(2 * from, 2 * (from + count));
      const candidates: Candidates = {
        starts: pairs.filter((_, k) => k % 2 === 0),
        ends: pairs.filter((_, k) => k % 2 === 1),
        scores: scores.subarray(from * classes, (from + count) * classes),
        classes,
      };
      const kept = count === 0 ? [] : this.keep(candidates);
      doc.spans.set(
        this.key,
        kept.map((span) => new Span(doc, span.start, span.end, { label: labels[span.label]! })),
        { scores: kept.map((span) => span.score) },
      );
    });
  }

  private keep(candidates: Candidates): KeptSpan[] {
    const threshold = this.cfg.threshold as number | null;
    if (this.cfg.max_positive === 1) {
      return keepSinglelabel(candidates, { threshold, negativeLabel: this.negativeLabel, allowOverlap: this.cfg.allow_overlap !== false });
    }
    return keepMultilabel(candidates, { threshold: threshold ?? 0.5, maxPositive: this.cfg.max_positive as number | null, negativeLabel: this.negativeLabel });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const losses = this.addLoss(options.losses ?? {}, 0);
    if (!examples.some((eg) => eg.predicted.length > 0)) return losses;
    const docs = TrainablePipe.predictedDocs(examples);
    const spans = this.suggester(docs);
    if (spans.data.rows === 0) return losses;
    inStepScope(() => {
      this.model.setDropoutRate(options.drop ?? 0);
      const [scores, backprop] = this.model.beginUpdate([docs, spans]) as [Floats2d, (dY: Floats2d) => unknown];
      const [loss, gradient] = this.getLoss(examples, [spans, scores]);
      backprop(gradient);
      this.addLoss(losses, loss);
    });
    if (options.sgd) this.finishUpdate(options.sgd);
    return losses;
  }

  /** The loss and its gradient for the scores of the suggested spans (see the file's comment). */
  getLoss(examples: readonly Example[], [spans, scores]: [Ragged<Ints2d>, Floats2d]): [number, Floats2d] {
    const { target, rowWeights } = this.targets(examples, spans);
    const rows = spans.data.rows;
    const gradient = tf.tidy(() => {
      const d = tf.sub(scores, tf.tensor2d(target, [rows, this.classCount]));
      return (rowWeights === null ? d : tf.mul(d, tf.tensor2d(rowWeights, [rows, 1]))) as Floats2d;
    });
    const sumSquare = tf.tidy(() => tf.sum(tf.square(gradient)));
    const loss = sumSquare.dataSync()[0]!;
    sumSquare.dispose();
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, {
        hint: "Lower the learning rate, or check the inputs for NaN vectors.",
      });
    }
    return [loss, gradient];
  }

  /**
   * The 0/1 target of each suggested span and class, and the loss weight of each row (null
   * when all are 1). A span suggested twice gets its target in the later row, as in spaCy.
   */
  targets(examples: readonly Example[], spans: Ragged<Ints2d>): { target: Float32Array; rowWeights: Float32Array | null } {
    const classes = this.classCount;
    const rows = spans.data.rows;
    const target = new Float32Array(rows * classes);
    const isGold = new Uint8Array(rows);
    const labelIndex = new Map(this.labels.map((label, i) => [label, i]));
    const offsets = spans.starts;
    examples.forEach((eg, i) => {
      const rowOf = new Map<string, number>();
      for (let row = offsets[i]!; row < offsets[i]! + spans.lengths[i]!; row++) rowOf.set(`${spans.data.get(row, 0)}:${spans.data.get(row, 1)}`, row);
      for (const gold of eg.getAlignedSpansY2X(eg.reference.spans.get(this.key) ?? [], true)) {
        const k = labelIndex.get(gold.label);
        if (k === undefined) throw this.unknownLabel(gold.label, eg);
        const row = rowOf.get(`${gold.start}:${gold.end}`);
        if (row === undefined) continue;
        target[row * classes + k] = 1;
        isGold[row] = 1;
      }
    });
    const negative = this.negativeLabel;
    if (negative === null) return { target, rowWeights: null };
    const weight = (this.cfg.negative_weight as number | null) ?? 1;
    const rowWeights = weight === 1 ? null : new Float32Array(rows).fill(1);
    for (let row = 0; row < rows; row++) {
      if (isGold[row]) continue;
      target[row * classes + negative] = 1;
      if (rowWeights) rowWeights[row] = weight;
    }
    return { target, rowWeights };
  }

  private unknownLabel(label: string, eg: Example): TsnlpError {
    const text = eg.reference.text.length > 60 ? `${eg.reference.text.slice(0, 57)}...` : eg.reference.text;
    return new TsnlpError(
      "E_SPANCAT_UNKNOWN_LABEL",
      `Component '${this.name}' (${this.factory}) got a gold span labelled '${label}' in doc.spans["${this.key}"] of ${JSON.stringify(text)}, but it knows only the labels ${this.labels.map((l) => `'${l}'`).join(", ")}.`,
      {
        hint: `Add the label before training (${this.name}.addLabel, or list it in [initialize.components.${this.name}] labels and initialize again); a trained model cannot learn new labels.`,
      },
    );
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    unknownSettings(this, options.settings ?? {}, ["labels"]);
    const given = options.labels === undefined || options.labels === null ? null : checkedLabelList(this, options.labels);
    for (const label of given ?? []) this.addLabel(label);
    const sample: Example[] = [];
    for (const eg of getExamples()) {
      if (given === null) for (const span of eg.reference.spans.get(this.key) ?? []) this.addLabel(span.label);
      if (sample.length < INIT_SAMPLE) sample.push(eg);
    }
    this.requireLabels();
    inStepScope(() => {
      if (sample.length === 0) {
        this.model.initialize();
        return;
      }
      // spaCy initializes on the unigrams of the sample, with zero scores for the width.
      const docs = sample.map((eg) => eg.predicted);
      const spans = ngramSuggester(docs, [1]);
      this.model.initialize([docs, spans], tf.zeros([spans.data.rows, this.classCount]) as Floats2d);
    });
  }

  /** spaCy passes the component's cfg and labels to its scorer. */
  protected override scorerOptions(): Record<string, unknown> {
    return { ...this.cfg, labels: [...this.labels] };
  }
}
