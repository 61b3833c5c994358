/**
 * The sentence recognizer (spaCy's SentenceRecognizer, spacy/pipeline/senter.pyx, v3.5.4): a
 * tagger with two fixed classes, "I" (inside a sentence) and "S" (starts one), learned from the
 * reference's sentence starts. Its labels are internal: they are not listed in meta.json nor
 * written by `init labels`.
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
import { argMaxPerDoc } from "./morphologizer.js";
import type { InitializeOptions, ScorerFn } from "./pipe.js";
import { firstExamples } from "./tagger.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

/** Class 0 continues a sentence, class 1 starts one (as the gold SENT_START value 1 does). */
const SENTER_LABELS: readonly string[] = ["I", "S"];
const START = 1;

export interface SenterSettings {
  /** Replace sentence starts that are already set (spaCy's default: false). */
  overwrite?: boolean;
  scorer?: ScorerFn;
}

/** Docs in a sample for shape inference, as spaCy takes them. */
const INIT_SAMPLE = 10;

export class SentenceRecognizer extends TrainablePipe<Int32Array[]> {
  constructor(vocab: Vocab, model: AnyModel, name = "senter", settings: SenterSettings = {}) {
    super(vocab, model, name, "senter", { overwrite: settings.overwrite ?? false }, settings.scorer);
  }

  override get labels(): readonly string[] {
    return SENTER_LABELS;
  }

  /** spaCy's hide_labels: the two classes are not labels a user sets or reads. */
  get hideLabels(): boolean {
    return true;
  }

  override get labelData(): null {
    return null;
  }

  override addLabel(label: string): number {
    throw new TsnlpError(
      "E_PIPE_NO_LABELS",
      `Component '${this.name}' (senter) has the fixed classes I and S and cannot take the label ${JSON.stringify(label)}.`,
      {
        hint: "Sentence starts are learned from the training data's sentence boundaries; remove the labels for this component.",
      },
    );
  }

  predict(docs: Doc[]): Int32Array[] {
    return argMaxPerDoc(this.model, docs);
  }

  /** Write sentence starts where unknown, or everywhere when overwriting. */
  setAnnotations(docs: Doc[], guesses: Int32Array[]): void {
    const overwrite = this.cfg.overwrite === true;
    docs.forEach((doc, d) => {
      const ids = guesses[d]!;
      for (let i = 0; i < ids.length; i++) {
        if (doc.sentStarts[i] === 0 || overwrite) doc.sentStarts[i] = ids[i] === START ? 1 : -1;
      }
    });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    return this.updateWithLoss(examples, options, (egs, scores: Floats2d[]) => this.getLoss(egs, scores));
  }

  /** The loss and its gradient (unnormalized, as spaCy's). */
  getLoss(examples: readonly Example[], scores: Floats2d[]): [number, Floats2d[]] {
    const lossFn = new SequenceCategoricalCrossentropy({ names: SENTER_LABELS, normalize: false });
    const [gradients, loss] = lossFn.call(
      scores,
      examples.map((eg) => goldClasses(eg)),
    );
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, {
        hint: "Lower the learning rate, or check the inputs for NaN vectors.",
      });
    }
    return [loss, gradients as Floats2d[]];
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    if (options.labels !== undefined && options.labels !== null) this.addLabel(String(options.labels));
    const sample = firstExamples(getExamples(), INIT_SAMPLE);
    if (sample.length === 0) {
      throw new TsnlpError("E_PIPE_NO_EXAMPLES", `Component '${this.name}' got no examples to initialize its model from.`, {
        hint: "Check that the training corpus is not empty.",
      });
    }
    inStepScope(() => {
      // spaCy's sample targets never match (it compares class names with SENT_START values) and
      // serve only to size the output; here they are the real one-hot classes.
      const goldRows = sample.map((eg) => {
        const gold = goldClasses(eg);
        const rows = new Float32Array(gold.length * SENTER_LABELS.length);
        gold.forEach((label, i) => {
          if (label !== null) rows[i * SENTER_LABELS.length + SENTER_LABELS.indexOf(label)] = 1;
        });
        return tf.tensor2d(rows, [gold.length, SENTER_LABELS.length]) as Floats2d;
      });
      this.model.initialize(
        sample.map((eg) => eg.predicted),
        goldRows,
      );
    });
  }
}

/**
 * The gold class of each predicted token: "S" where the reference starts a sentence, null where
 * the token is misaligned, and "I" otherwise, unknown starts (0) included, as spaCy has it.
 */
export function goldClasses(eg: Example): Array<string | null> {
  return eg.getAligned("SENT_START").map((start) => (start === null ? null : start === 1 ? SENTER_LABELS[START]! : SENTER_LABELS[0]!));
}
