/**
 * The morphologizer (spaCy's Morphologizer, spacy/pipeline/morphologizer.pyx, v3.5.4): one
 * class per token that joins the coarse POS and the UD FEATS, e.g. "Number=Sing|POS=NOUN",
 * learned with categorical cross-entropy like the tagger.
 *
 * Its cfg keeps spaCy's two maps from joined label to annotation: labels_morph (label → FEATS,
 * "" for none) and labels_pos (label → the POS symbol id, 0 for none), so that setting
 * annotations needs no string surgery and the saved cfg and `init labels` file read as spaCy's.
 * The labels are the keys of labels_morph, in the order the training data first shows them.
 */
import { SequenceCategoricalCrossentropy } from "../ml/losses/index.js";
import type { AnyModel } from "../ml/model.js";
import { inStepScope } from "../ml/model.js";
import { tf } from "../ml/tf.js";
import type { Floats2d } from "../ml/types.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import { EMPTY_MORPH, featsToDict, type MorphFeatures, normalizeFeats } from "../tokens/morphology.js";
import { SYMBOL_IDS, SYMBOL_NAMES } from "../tokens/symbols.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import type { InitializeOptions, ScorerFn } from "./pipe.js";
import { firstExamples } from "./tagger.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

/** The field the joined label carries the POS in (spaCy's Morphologizer.POS_FEAT). */
export const POS_FEAT = "POS";

/** spaCy's parts_of_speech.IDS: the POS names a token may carry ("" for none). */
const UNIVERSAL_POS: readonly string[] = "ADJ ADP ADV AUX CONJ CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X EOL SPACE".split(" ");
const POS_IDS: ReadonlyMap<string, number> = new Map([["", 0], ...UNIVERSAL_POS.map((pos) => [pos, SYMBOL_IDS.get(pos)!] as const)]);
const POS_ID_SET: ReadonlySet<number> = new Set(POS_IDS.values());

export interface MorphologizerSettings {
  /** Replace POS and features that are already set (spaCy's default: true). */
  overwrite?: boolean;
  /** Merge the predicted features into those already set instead of replacing them. */
  extend?: boolean;
  /** tsnlp's addition, as the tagger's: spread this much probability mass over the other labels in the target. */
  labelSmoothing?: number;
  scorer?: ScorerFn;
}

/** What initialize takes as labels and `init labels` writes (spaCy's label_data). */
export interface MorphologizerLabelData {
  morph: Record<string, string>;
  pos: Record<string, number>;
}

/** Docs in a sample for shape inference, as spaCy takes them. */
const INIT_SAMPLE = 10;

export class Morphologizer extends TrainablePipe<Int32Array[]> {
  /** Joined labels by "POS\tFEATS" of the gold annotation: the loss builds one per token. */
  private readonly labelCache = new Map<string, string>();

  constructor(vocab: Vocab, model: AnyModel, name = "morphologizer", settings: MorphologizerSettings = {}) {
    // spaCy keeps cfg with sorted keys.
    super(
      vocab,
      model,
      name,
      "morphologizer",
      {
        extend: settings.extend ?? false,
        label_smoothing: settings.labelSmoothing ?? 0,
        labels_morph: {},
        labels_pos: {},
        overwrite: settings.overwrite ?? true,
      },
      settings.scorer,
    );
  }

  override get labels(): readonly string[] {
    return Object.keys(this.labelsMorph);
  }

  override get labelData(): MorphologizerLabelData {
    return { morph: { ...this.labelsMorph }, pos: { ...this.labelsPos } };
  }

  private get labelsMorph(): Record<string, string> {
    return this.cfg.labels_morph as Record<string, string>;
  }

  private get labelsPos(): Record<string, number> {
    return this.cfg.labels_pos as Record<string, number>;
  }

  /**
   * Add a joined label such as "Number=Sing|POS=NOUN" (fields in any order); 1 when it is new.
   * The label is stored in its normal form, as spaCy stores it.
   */
  override addLabel(label: string): number {
    if (typeof label !== "string" || label === "") {
      throw new TsnlpError(
        "E_PIPE_LABEL",
        `Component '${this.name}' got the label ${JSON.stringify(label)}; labels are non-empty strings such as "Number=Sing|POS=NOUN".`,
      );
    }
    const features = featsToDict(label);
    const pos = features[POS_FEAT] ?? "";
    const posId = this.posId(pos, `the label '${label}'`);
    delete features[POS_FEAT];
    const normalized = joinedLabel(features, pos);
    if (normalized in this.labelsMorph) return 0;
    this.allowExtraLabel(normalized);
    this.labelsMorph[normalized] = normalizeFeats(features) || EMPTY_MORPH;
    this.labelsPos[normalized] = posId;
    this.vocab.strings.add(normalized);
    return 1;
  }

  predict(docs: Doc[]): Int32Array[] {
    return argMaxPerDoc(this.model, docs);
  }

  /**
   * Write POS and features. Features are written where unset, or always when overwriting or
   * extending: extend with overwrite lets predicted values win over set ones, extend alone keeps
   * the set ones. POS is written where unset or when overwriting.
   */
  setAnnotations(docs: Doc[], guesses: Int32Array[]): void {
    const labels = this.labels;
    const overwrite = this.cfg.overwrite === true;
    const extend = this.cfg.extend === true;
    const morphs = labels.map((label) => normalizeFeats(this.labelsMorph[label] ?? "") || EMPTY_MORPH);
    const posNames = labels.map((label) => SYMBOL_NAMES[this.labelsPos[label] ?? 0] ?? "");
    docs.forEach((doc, d) => {
      const ids = guesses[d]!;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const current = doc.morphs[i]!;
        if (current === "" || overwrite || extend) {
          if (extend) {
            const predicted = featsToDict(morphs[id]!);
            const set = featsToDict(current);
            const merged = overwrite ? { ...set, ...predicted } : { ...predicted, ...set };
            doc.morphs[i] = normalizeFeats(merged) || EMPTY_MORPH;
          } else doc.morphs[i] = morphs[id]!;
        }
        if (doc.pos[i] === "" || overwrite) doc.pos[i] = posNames[id]!;
      }
    });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    return this.updateWithLoss(examples, options, (egs, scores: Floats2d[]) => this.getLoss(egs, scores));
  }

  /** The loss and its gradient (unnormalized, as spaCy's); tokens without a known joined label get none. */
  getLoss(examples: readonly Example[], scores: Floats2d[]): [number, Floats2d[]] {
    const lossFn = new SequenceCategoricalCrossentropy({ names: this.labels, normalize: false, labelSmoothing: this.cfg.label_smoothing as number });
    const [gradients, loss] = lossFn.call(
      scores,
      examples.map((eg) => this.goldLabels(eg)),
    );
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, {
        hint: "Lower the learning rate, or check the inputs for NaN vectors.",
      });
    }
    return [loss, gradients as Floats2d[]];
  }

  /**
   * The joined gold label of each predicted token, or null where the annotation is missing:
   * a token misaligned for POS or FEATS (POS may align where FEATS do not), one with neither
   * annotated, or one whose label the component does not know.
   */
  goldLabels(eg: Example): Array<string | null> {
    const pos = eg.getAligned("POS");
    const morphs = eg.getAligned("MORPH");
    const known = this.labelsMorph;
    return morphs.map((morph, i) => {
      const tag = pos[i];
      if (tag === null || tag === undefined || morph === null) return null;
      if (tag === "" && morph === "") return null;
      const label = this.cachedLabel(morph, tag);
      return label in known ? label : null;
    });
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    if (options.labels !== undefined && options.labels !== null) this.setLabelData(options.labels);
    else {
      for (const eg of getExamples()) {
        const doc = eg.reference;
        for (let i = 0; i < doc.length; i++) this.addLabelFromToken(doc, i);
      }
    }
    this.requireLabels();
    const sample = firstExamples(getExamples(), INIT_SAMPLE);
    if (sample.length === 0) {
      throw new TsnlpError("E_PIPE_NO_EXAMPLES", `Component '${this.name}' got no examples to initialize its model from.`, {
        hint: "Check that the training corpus is not empty.",
      });
    }
    const labels = this.labels;
    const index = new Map(labels.map((label, i) => [label, i]));
    inStepScope(() => {
      const goldRows = sample.map((eg) => {
        const gold = this.goldLabels(eg);
        const rows = new Float32Array(gold.length * labels.length);
        gold.forEach((label, i) => {
          const at = label === null ? undefined : index.get(label);
          if (at !== undefined) rows[i * labels.length + at] = 1;
        });
        return tf.tensor2d(rows, [gold.length, labels.length]) as Floats2d;
      });
      this.model.initialize(
        sample.map((eg) => eg.predicted),
        goldRows,
      );
    });
  }

  /** A gold token's joined label, added when new; tokens with neither POS nor features are skipped. */
  private addLabelFromToken(doc: Doc, i: number): void {
    const pos = doc.pos[i]!;
    const morph = doc.morphs[i]!;
    if (pos === "" && morph === "") return;
    const posId = this.posId(pos, `token ${i} ('${doc.lexemes[i]!.orth}') of the doc "${clip(doc.text)}"`);
    const label = this.cachedLabel(morph, pos);
    if (label in this.labelsMorph) return;
    this.allowExtraLabel(label);
    this.labelsMorph[label] = morph === EMPTY_MORPH ? "" : morph;
    this.labelsPos[label] = posId;
    this.vocab.strings.add(label);
  }

  /** Replace the labels with label data from [initialize.components.NAME] labels (spaCy replaces, not merges). */
  private setLabelData(data: unknown): void {
    const bad = (why: string) =>
      new TsnlpError(
        "E_INIT_SETTINGS",
        `[initialize.components.${this.name}] labels must be the morphologizer's label data, {"morph": {...}, "pos": {...}}: ${why}.`,
        {
          hint: "Give the file `tsnlp init labels` writes for this component (through spacy.read_labels.v1), or leave labels out to collect them from the training data.",
        },
      );
    if (typeof data !== "object" || data === null || Array.isArray(data)) throw bad(`got ${JSON.stringify(data)}`);
    const { morph, pos } = data as Record<string, unknown>;
    if (typeof morph !== "object" || morph === null || Array.isArray(morph)) throw bad('"morph" is not a table of labels');
    if (typeof pos !== "object" || pos === null || Array.isArray(pos)) throw bad('"pos" is not a table of labels');
    const labelsMorph: Record<string, string> = {};
    const labelsPos: Record<string, number> = {};
    for (const [label, feats] of Object.entries(morph)) {
      if (typeof feats !== "string") throw bad(`the features of '${label}' are ${JSON.stringify(feats)}, not a string`);
      const id = (pos as Record<string, unknown>)[label] ?? 0;
      if (typeof id === "number" && POS_ID_SET.has(id)) labelsPos[label] = id;
      else if (typeof id === "string") labelsPos[label] = this.posId(id, `the label data of '${label}'`);
      else throw bad(`the POS of '${label}' is ${JSON.stringify(id)}, not a POS name or id`);
      labelsMorph[label] = feats;
      this.vocab.strings.add(label);
    }
    this.cfg.labels_morph = labelsMorph;
    this.cfg.labels_pos = labelsPos;
  }

  private cachedLabel(morph: string, pos: string): string {
    const key = `${pos}\t${morph}`;
    let label = this.labelCache.get(key);
    if (label === undefined) {
      label = joinedLabel(featsToDict(morph), pos);
      this.labelCache.set(key, label);
    }
    return label;
  }

  private posId(pos: string, where: string): number {
    const id = POS_IDS.get(pos);
    if (id !== undefined) return id;
    throw new TsnlpError("E_BAD_POS", `'${pos}' in ${where} is not a universal part-of-speech tag.`, {
      hint: `Use one of ${UNIVERSAL_POS.join(", ")} (upper case), or leave the POS empty.`,
    });
  }

  /** spaCy's E922: a model already sized for its labels cannot take one more. */
  private allowExtraLabel(label: string): void {
    const output = this.model.hasRef("output_layer") === true ? this.model.getRef("output_layer") : null;
    const width = output?.hasDim("nO") === true ? output.getDim("nO") : null;
    if (width === null || width !== this.labels.length) return;
    throw new TsnlpError(
      "E_PIPE_NOT_RESIZABLE",
      `Component '${this.name}' (morphologizer) cannot learn the new label '${label}': its model already has ${width} outputs for the labels it knows.`,
      {
        hint: `Add every label before the model is initialized (collect them from the training data, or give them in [initialize.components.${this.name}] labels).`,
      },
    );
  }
}

/** The joined label of features plus a POS, in spaCy's normal form ("_" when both are empty). */
export function joinedLabel(features: MorphFeatures, pos: string): string {
  const joined = pos === "" ? features : { ...features, [POS_FEAT]: pos };
  return normalizeFeats(joined) || EMPTY_MORPH;
}

/** The best class of each token, doc by doc, with one read-back for the batch. */
export function argMaxPerDoc(model: AnyModel, docs: Doc[]): Int32Array[] {
  if (docs.every((doc) => doc.length === 0)) return docs.map(() => new Int32Array(0));
  const scores = (model.predict(docs) as Floats2d[]).filter((docScores) => docScores.shape[0] > 0);
  const best = tf.argMax(scores.length === 1 ? scores[0]! : tf.concat(scores, 0), 1).dataSync() as Int32Array;
  let start = 0;
  return docs.map((doc) => {
    const ids = best.slice(start, start + doc.length);
    start += doc.length;
    return ids;
  });
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
