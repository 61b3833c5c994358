/**
 * The trainable lemmatizer (spaCy's EditTreeLemmatizer, spacy/pipeline/edit_tree_lemmatizer.py,
 * v3.5.4): a tagger whose labels are edit trees (src/pipes/edit-trees.ts). Each token gets the
 * most probable tree that applies to its text; when none of the `topK` best applies, the lemma
 * is the token's `backoff` attribute (its text for "orth"), or stays unset for null.
 *
 * Labels are the trees seen at least `minTreeFreq` times in the training data, kept in
 * cfg.labels as tree ids (as spaCy keeps them). A gold pair whose tree is not a label is
 * trained towards label 0, as spaCy does. On disk: `cfg`, `model` and `trees` (JSON).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SequenceCategoricalCrossentropy } from "../ml/losses/index.js";
import { type AnyModel, inStepScope } from "../ml/model.js";
import { tf } from "../ml/tf.js";
import type { Floats2d } from "../ml/types.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Token } from "../tokens/token.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { EditTrees, type EditTreeNode } from "./edit-trees.js";
import type { InitializeOptions, ScorerFn } from "./pipe.js";
import { firstExamples } from "./tagger.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

export interface EditTreeLemmatizerSettings {
  /** Token attribute whose value becomes the lemma when no tree applies ("orth", "lower", ...); null leaves it unset. */
  backoff?: string | null;
  /** Trees seen fewer times in the training data are not labels. */
  minTreeFreq?: number;
  /** Replace lemmas that are already set. */
  overwrite?: boolean;
  /** How many of the most probable trees to try, in turn, before backing off. */
  topK?: number;
  scorer?: ScorerFn;
}

/** What `labelData` gives and initialize takes back: every tree, and the ids of those that are labels. */
export interface EditTreeLabelData {
  trees: EditTreeNode[];
  labels: number[];
}

/** The token attributes a backoff may name: those spaCy keeps as string ids, which a lemma can take. */
const BACKOFF_ATTRS: Readonly<Record<string, (token: Token) => string>> = {
  orth: (token) => token.orth,
  lower: (token) => token.lower,
  norm: (token) => token.norm,
  shape: (token) => token.shape,
  prefix: (token) => token.prefix,
  suffix: (token) => token.suffix,
  lemma: (token) => token.lemma,
  tag: (token) => token.tag,
  dep: (token) => token.dep,
  ent_type: (token) => token.entType,
  ent_kb_id: (token) => token.entKbId,
};

/** No tree applies: back off. */
const NO_TREE = -1;
/** Docs in a sample for shape inference, as spaCy takes them. */
const INIT_SAMPLE = 10;
/** Form/lemma pairs whose tree ids are remembered between updates. */
const PAIR_CACHE_LIMIT = 200_000;

export class EditTreeLemmatizer extends TrainablePipe<Int32Array[]> {
  trees = new EditTrees();
  readonly backoff: string | null;
  readonly minTreeFreq: number;
  readonly overwrite: boolean;
  readonly topK: number;
  private readonly readBackoff: ((token: Token) => string) | null;
  private tree2label = new Map<number, number>();
  private readonly pairTrees = new Map<string, number>();

  constructor(vocab: Vocab, model: AnyModel, name = "trainable_lemmatizer", settings: EditTreeLemmatizerSettings = {}) {
    super(vocab, model, name, "trainable_lemmatizer", { labels: [] }, settings.scorer);
    this.backoff = settings.backoff === undefined ? "orth" : settings.backoff;
    this.minTreeFreq = settings.minTreeFreq ?? 3;
    this.overwrite = settings.overwrite ?? false;
    this.topK = settings.topK ?? 1;
    this.readBackoff = this.backoff === null ? null : backoffReader(this.backoff, name);
    if (!Number.isInteger(this.topK) || this.topK < 1) {
      throw new TsnlpError("E_LEMMATIZER_TOP_K", `Component '${name}' got top_k = ${this.topK}; it must be a whole number of at least 1.`, {
        hint: "Set top_k to 1 (the best tree only) or a few more, e.g. 3.",
      });
    }
  }

  /** Label ids: the edit tree ids, as spaCy's labels are. */
  get treeLabels(): readonly number[] {
    return this.cfg.labels as number[];
  }

  /** The tree ids as strings (the base class's labels are strings). */
  override get labels(): readonly string[] {
    return this.treeLabels.map(String);
  }

  /** Tree ids mean nothing to a reader, so spaCy leaves them out of meta.json (hide_labels). */
  get hideLabels(): boolean {
    return true;
  }

  override get labelData(): EditTreeLabelData | null {
    return this.treeLabels.length > 0 ? { trees: this.trees.toJSON(), labels: [...this.treeLabels] } : null;
  }

  override addLabel(_label: string): number {
    throw new TsnlpError("E_PIPE_NO_LABELS", `Component '${this.name}' (trainable_lemmatizer) learns its labels (edit trees) from the training data.`, {
      hint: "Give labels through [initialize.components.NAME] labels, as 'tsnlp init labels' writes them, or let initialize collect them.",
    });
  }

  predict(docs: Doc[]): Int32Array[] {
    if (docs.every((doc) => doc.length === 0)) return docs.map(() => new Int32Array(0));
    const scores = this.model.predict(docs) as Floats2d[];
    const labels = this.treeLabels;
    const nonEmpty = scores.filter((docScores) => docScores.shape[0] > 0);
    const all = nonEmpty.length === 1 ? nonEmpty[0]! : tf.concat(nonEmpty, 0);
    // One read-back for the whole batch.
    const best = this.topK === 1 ? (tf.argMax(all, 1).dataSync() as Int32Array) : null;
    const table = best === null ? (all.dataSync() as Float32Array) : null;
    let row = 0;
    return docs.map((doc) => {
      const guesses = new Int32Array(doc.length);
      for (let i = 0; i < doc.length; i++, row++) {
        const text = doc.lexemes[i]!.orth;
        guesses[i] = best !== null ? this.applicable(labels[best[row]!]!, text) : this.bestApplicable(table!, row, labels, text);
      }
      return guesses;
    });
  }

  private applicable(treeId: number, text: string): number {
    return this.trees.apply(treeId, text) === null ? NO_TREE : treeId;
  }

  /**
   * The most probable of the top k trees that applies, found as spaCy does for top_k up to 20:
   * the best remaining label each time, ties to the lower index. (Above 20 spaCy sorts instead,
   * which can order tied scores differently; here one rule serves every k.)
   */
  private bestApplicable(table: Float32Array, row: number, labels: readonly number[], text: string): number {
    const n = labels.length;
    const scores = table.subarray(row * n, (row + 1) * n);
    const tried = new Uint8Array(n);
    for (let k = 0; k < Math.min(this.topK, n); k++) {
      let candidate = -1;
      for (let j = 0; j < n; j++) if (!tried[j] && (candidate < 0 || scores[j]! > scores[candidate]!)) candidate = j;
      tried[candidate] = 1;
      if (this.trees.apply(labels[candidate]!, text) !== null) return labels[candidate]!;
    }
    return NO_TREE;
  }

  setAnnotations(docs: Doc[], treeIds: Int32Array[]): void {
    docs.forEach((doc, i) => {
      const ids = treeIds[i]!;
      for (let j = 0; j < ids.length; j++) {
        if (!this.overwrite && doc.lemmas[j] !== "") continue;
        const treeId = ids[j]!;
        if (treeId === NO_TREE) {
          if (this.readBackoff !== null) doc.lemmas[j] = this.readBackoff(doc.token(j));
        } else {
          doc.lemmas[j] = this.trees.apply(treeId, doc.lexemes[j]!.orth)!;
        }
      }
    });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    return this.updateWithLoss(examples, options, (egs, scores: Floats2d[]) => this.getLoss(egs, scores));
  }

  /** The loss and its gradient (unnormalized, as spaCy's): each token's gold tree as a label index, -1 where the lemma is unknown. */
  getLoss(examples: readonly Example[], scores: Floats2d[]): [number, Floats2d[]] {
    const truths = examples.map((eg) => {
      const lemmas = eg.getAligned("LEMMA");
      const words = eg.predicted.lexemes;
      const labels = new Int32Array(lemmas.length);
      lemmas.forEach((lemma, i) => {
        labels[i] = lemma === null || lemma === "" ? -1 : (this.tree2label.get(this.treeOfPair(words[i]!.orth, lemma)) ?? 0);
      });
      return labels;
    });
    const lossFn = new SequenceCategoricalCrossentropy({ normalize: false, missingValue: -1 });
    const [gradients, loss] = lossFn.call(scores, truths);
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, {
        hint: "Lower the learning rate, or check the inputs for NaN vectors.",
      });
    }
    return [loss, gradients as Floats2d[]];
  }

  /** The tree id of a pair, added to the trees when new (as spaCy's get_loss adds it). */
  private treeOfPair(form: string, lemma: string): number {
    const key = `${form}\u0000${lemma}`;
    let treeId = this.pairTrees.get(key);
    if (treeId === undefined) {
      treeId = this.trees.add(form, lemma);
      if (this.pairTrees.size >= PAIR_CACHE_LIMIT) this.pairTrees.clear();
      this.pairTrees.set(key, treeId);
    }
    return treeId;
  }

  /**
   * Labels from `labels` ({trees, labels}, as labelData gives them) when given, else the
   * trees of the training data seen at least minTreeFreq times, in order of first sight;
   * then the model's shapes from a sample.
   */
  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    this.resetLabels();
    if (options.labels !== undefined && options.labels !== null) this.addLabelData(options.labels);
    else this.labelsFromData(getExamples);
    this.requireLabels();
    const sample = firstExamples(getExamples(), INIT_SAMPLE);
    if (sample.length === 0) {
      throw new TsnlpError("E_PIPE_NO_EXAMPLES", `Component '${this.name}' got no examples to initialize its model from.`, {
        hint: "Check that the training corpus is not empty.",
      });
    }
    const n = this.treeLabels.length;
    inStepScope(() => {
      const goldRows = sample.map((eg) => {
        const lemmas = eg.getAligned("LEMMA");
        const words = eg.predicted.lexemes;
        const rows = new Float32Array(lemmas.length * n);
        lemmas.forEach((lemma, i) => {
          if (lemma === null || lemma === "") return;
          const label = this.tree2label.get(this.treeOfPair(words[i]!.orth, lemma));
          if (label !== undefined) rows[i * n + label] = 1;
        });
        return tf.tensor2d(rows, [lemmas.length, n]) as Floats2d;
      });
      this.model.initialize(
        sample.map((eg) => eg.predicted),
        goldRows,
      );
    });
  }

  private resetLabels(): void {
    this.cfg.labels = [];
    this.tree2label = new Map();
  }

  private labelsFromData(getExamples: () => Iterable<Example>): void {
    // Count in trees of their own, so that rare trees do not stay in the component's.
    const counting = new EditTrees();
    const counts = new Map<number, number>();
    const pairs = new Map<number, [string, string]>();
    for (const eg of getExamples()) {
      const reference = eg.reference;
      for (let i = 0; i < reference.length; i++) {
        const lemma = reference.lemmas[i]!;
        if (lemma === "") continue;
        const form = reference.lexemes[i]!.orth;
        const treeId = counting.add(form, lemma);
        counts.set(treeId, (counts.get(treeId) ?? 0) + 1);
        pairs.set(treeId, [form, lemma]);
      }
    }
    for (const [treeId, count] of counts) {
      if (count < this.minTreeFreq) continue;
      const [form, lemma] = pairs.get(treeId)!;
      this.addTreeLabel(this.treeOfPair(form, lemma));
    }
  }

  private addTreeLabel(treeId: number): void {
    if (this.tree2label.has(treeId)) return;
    const labels = this.cfg.labels as number[];
    this.tree2label.set(treeId, labels.length);
    labels.push(treeId);
  }

  private addLabelData(data: unknown): void {
    const where = `[initialize.components.${this.name}] labels`;
    if (data === null || typeof data !== "object" || Array.isArray(data) || !("trees" in data) || !("labels" in data)) {
      throw new TsnlpError(
        "E_LEMMATIZER_LABELS",
        `${where} must be an object with "trees" and "labels", as 'tsnlp init labels' writes it for a trainable_lemmatizer.`,
        {
          hint: "Write the labels with 'tsnlp init labels', or leave them out to collect them from the training data.",
        },
      );
    }
    const { trees, labels } = data as { trees: unknown; labels: unknown };
    this.trees = new EditTrees().fromJSON(trees, where);
    this.pairTrees.clear();
    if (!Array.isArray(labels) || labels.some((id) => !Number.isInteger(id) || id < 0 || id >= this.trees.size)) {
      throw new TsnlpError("E_LEMMATIZER_LABELS", `${where}: "labels" must list ids of the ${this.trees.size} trees given.`, {
        hint: "Write the labels with 'tsnlp init labels' so that trees and labels agree.",
      });
    }
    for (const treeId of labels as number[]) this.addTreeLabel(treeId);
  }

  override toDisk(dir: string): void {
    super.toDisk(dir);
    writeFileAtomic(join(dir, "trees"), `${JSON.stringify({ trees: this.trees.toJSON() })}\n`);
  }

  override fromDisk(dir: string): this {
    const treesPath = join(dir, "trees");
    if (existsSync(treesPath)) {
      const data = JSON.parse(readFileSync(treesPath, "utf8")) as { trees?: unknown };
      this.trees = new EditTrees().fromJSON(data.trees, treesPath);
      this.pairTrees.clear();
    }
    return super.fromDisk(dir);
  }

  /** spaCy does not rebuild its tree-to-label map on loading, so a loaded model trained further would train every tree as label 0; here it is rebuilt. */
  protected override afterLoadingCfg(): void {
    const labels = this.treeLabels;
    if (labels.some((treeId) => !Number.isInteger(treeId) || treeId < 0 || treeId >= this.trees.size)) {
      throw new TsnlpError("E_LEMMATIZER_LABELS", `Component '${this.name}': its cfg names edit trees that its trees file does not have.`, {
        hint: "Save the component again with toDisk; cfg and trees must come from the same save.",
      });
    }
    this.tree2label = new Map(labels.map((treeId, label) => [treeId, label]));
  }
}

function backoffReader(backoff: string, name: string): (token: Token) => string {
  const read = BACKOFF_ATTRS[backoff];
  if (read === undefined) {
    throw new TsnlpError(
      "E_LEMMATIZER_BACKOFF",
      `Component '${name}' got backoff = ${JSON.stringify(backoff)}, which is not a token attribute a lemma can take.`,
      {
        hint: `Use one of ${Object.keys(BACKOFF_ATTRS)
          .map((attr) => `"${attr}"`)
          .join(", ")}, or null to leave the lemma unset.`,
      },
    );
  }
  return read;
}
