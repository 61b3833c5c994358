/**
 * The tagger (spaCy's Tagger, spacy/pipeline/tagger.pyx, v3.5.4): one fine-grained tag per
 * token, learned with categorical cross-entropy over the aligned gold tags. Tokens without a
 * gold tag (missing or misaligned) get no gradient; "!TAG" gold (neg_prefix) says "not TAG".
 */
import { SequenceCategoricalCrossentropy } from "../ml/losses/index.js";
import type { AnyModel } from "../ml/model.js";
import { inStepScope } from "../ml/model.js";
import { tf } from "../ml/tf.js";
import type { Floats2d } from "../ml/types.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import type { InitializeOptions, ScorerFn } from "./pipe.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

export interface TaggerSettings {
  overwrite?: boolean;
  negPrefix?: string;
  /** tsnlp's addition: spread this much probability mass over the other tags in the target. */
  labelSmoothing?: number;
  scorer?: ScorerFn;
}

/** Docs in a sample for shape inference, as spaCy takes them. */
const INIT_SAMPLE = 10;

export class Tagger extends TrainablePipe<Int32Array[]> {
  constructor(vocab: Vocab, model: AnyModel, name = "tagger", settings: TaggerSettings = {}) {
    super(vocab, model, name, "tagger", { labels: [], overwrite: settings.overwrite ?? false, neg_prefix: settings.negPrefix ?? "!", label_smoothing: settings.labelSmoothing ?? 0 }, settings.scorer);
  }

  override addLabel(label: string): number {
    return this.addLabelToCfg(label);
  }

  predict(docs: Doc[]): Int32Array[] {
    if (docs.every((doc) => doc.length === 0)) return docs.map(() => new Int32Array(0));
    const scores = this.model.predict(docs) as Floats2d[];
    return scores.map((docScores) => (docScores.shape[0] === 0 ? new Int32Array(0) : (tf.argMax(docScores, 1).dataSync() as Int32Array)));
  }

  setAnnotations(docs: Doc[], guesses: Int32Array[]): void {
    const labels = this.labels;
    const overwrite = this.cfg.overwrite === true;
    docs.forEach((doc, i) => {
      const ids = guesses[i]!;
      for (let j = 0; j < ids.length; j++) {
        if (overwrite || doc.tags[j] === "") doc.tags[j] = labels[ids[j]!]!;
      }
    });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    return this.updateWithLoss(examples, options, (egs, scores: Floats2d[]) => this.getLoss(egs, scores));
  }

  /** The loss and its gradient for predicted scores (unnormalized, as spaCy's tagger). */
  getLoss(examples: readonly Example[], scores: Floats2d[]): [number, Floats2d[]] {
    const lossFn = new SequenceCategoricalCrossentropy({
      names: this.labels,
      normalize: false,
      negPrefix: this.cfg.neg_prefix as string,
      labelSmoothing: this.cfg.label_smoothing as number,
    });
    // An empty tag is missing annotation, like a misaligned token.
    const truths = examples.map((eg) => eg.getAligned("TAG").map((tag) => (tag === "" ? null : tag)));
    const [gradients, loss] = lossFn.call(scores, truths);
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, { hint: "Lower the learning rate, or check the inputs for NaN vectors." });
    }
    return [loss, gradients as Floats2d[]];
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    if (Array.isArray(options.labels)) {
      for (const label of options.labels) this.addLabel(label as string);
    } else {
      const tags = new Set<string>();
      for (const eg of getExamples()) for (const tag of eg.reference.tags) if (tag !== "") tags.add(tag);
      for (const tag of [...tags].sort()) this.addLabel(tag);
    }
    this.requireLabels();
    const sample = firstExamples(getExamples(), INIT_SAMPLE);
    if (sample.length === 0) {
      throw new TsnlpError("E_PIPE_NO_EXAMPLES", `Component '${this.name}' got no examples to initialize its model from.`, { hint: "Check that the training corpus is not empty." });
    }
    const labels = this.labels;
    inStepScope(() => {
      const goldRows = sample.map((eg) => {
        const tags = eg.getAligned("TAG");
        const rows = new Float32Array(tags.length * labels.length);
        tags.forEach((tag, i) => {
          const at = tag === null ? -1 : labels.indexOf(tag);
          if (at >= 0) rows[i * labels.length + at] = 1;
        });
        return tf.tensor2d(rows, [tags.length, labels.length]) as Floats2d;
      });
      this.model.initialize(
        sample.map((eg) => eg.predicted),
        goldRows,
      );
    });
  }

}

export function firstExamples(examples: Iterable<Example>, count: number): Example[] {
  const sample: Example[] = [];
  for (const eg of examples) {
    sample.push(eg);
    if (sample.length >= count) break;
  }
  return sample;
}
