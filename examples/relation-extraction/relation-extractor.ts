/**
 * The relation_extractor component (RelationExtractor in spaCy's tutorials/rel_component):
 * for every candidate pair of entities, the probability of each relation label, stored as
 * `doc.userData.rel = { "headStart,childStart": { LABEL: probability } }`.
 *
 * It takes the entities as input and predicts only the relations between them, so the docs it
 * reads must already carry entities: the corpus reader (rel_corpus.v1) puts the gold entities
 * on the predicted docs, as the tutorial's reader does.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type Doc, type Example, type InitializeOptions, type Scores, TrainablePipe, TsnlpError, type UpdateOptions, type Vocab, withScope } from "tsnlp";
import { alignedGold } from "./gold.js";
import type { AnyModel } from "./models.js";
import { type GetInstances, type Relations, relationKey } from "./instances.js";
import { scoreRelations } from "./scorer.js";

type Floats2d = tf.Tensor2D;

export const RELATION_EXTRACTOR = "relation_extractor";

/** Examples whose candidate pairs give the output layer its size, as spaCy's components sample them. */
const INIT_SAMPLE = 10;

export interface RelationExtractorSettings {
  /** A label holds for a pair when its probability reaches this; 0-1. */
  threshold?: number;
}

/** One row of label probabilities per candidate pair of the batch, row after row. */
export type RelationScores = Float32Array;

/** A matrix of gold values for the candidate pairs of a batch, on the host. */
interface Truths {
  data: Float32Array;
  rows: number;
}

/**
 * Run `fn` in the engine scope of the caller when there is one (Language.update runs all its
 * components in one, and the tok2vec's output must live until its last listener has
 * backpropagated), else in a scope of its own so that nothing leaks.
 */
function inCallerScope<T>(fn: () => T): T {
  return tf.engine().state.activeScope ? fn() : withScope(fn);
}

export class RelationExtractor extends TrainablePipe<RelationScores> {
  constructor(vocab: Vocab, model: AnyModel, name = RELATION_EXTRACTOR, settings: RelationExtractorSettings = {}) {
    super(vocab, model, name, RELATION_EXTRACTOR, { labels: [], threshold: settings.threshold ?? 0.5 });
  }

  get threshold(): number {
    return this.cfg.threshold as number;
  }

  /** The model's candidate generator: the rows it predicts are these pairs, doc after doc. */
  private get getInstances(): GetInstances {
    const getInstances = this.model.attrs.get_instances;
    if (typeof getInstances !== "function") {
      throw new TsnlpError("E_REL_MODEL", `Component '${this.name}': its model has no get_instances, so its rows cannot be matched to entity pairs.`, {
        hint: 'Use @architectures = "rel_model.v1", which takes it from its create_instance_tensor layer.',
      });
    }
    return getInstances as GetInstances;
  }

  override addLabel(label: string): number {
    if (this.labels.includes(label)) return 0;
    if (this.model.hasDim("nO") === true && this.labels.length >= this.model.getDim("nO")) {
      throw new TsnlpError(
        "E_REL_LABEL_AFTER_INIT",
        `Component '${this.name}' cannot learn the label '${label}': its output layer is sized for ${this.model.getDim("nO")} labels.`,
        {
          hint: "Add every label before nlp.initialize(), or list them in [initialize.components] labels.",
        },
      );
    }
    return this.addLabelToCfg(label);
  }

  predict(docs: Doc[]): RelationScores {
    const pairs = docs.reduce((sum, doc) => sum + this.getInstances(doc).length, 0);
    if (pairs === 0) return new Float32Array(0);
    return (this.model.predict(docs) as Floats2d).dataSync() as Float32Array;
  }

  setAnnotations(docs: Doc[], scores: RelationScores): void {
    const labels = this.labels;
    let row = 0;
    for (const doc of docs) {
      const relations: Relations = {};
      for (const [head, child] of this.getInstances(doc)) {
        const at = row++ * labels.length;
        relations[relationKey(head, child)] = Object.fromEntries(labels.map((label, j) => [label, scores[at + j]!]));
      }
      doc.userData.rel = relations;
    }
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const losses = this.addLoss(options.losses ?? {}, 0);
    const truths = this.truths(examples);
    // A batch without candidate pairs has nothing to learn from.
    if (truths.rows === 0) return losses;
    inCallerScope(() => {
      this.model.setDropoutRate(options.drop ?? 0);
      const [scores, backprop] = this.model.beginUpdate(TrainablePipe.predictedDocs(examples)) as [Floats2d, (dY: Floats2d) => unknown];
      const [loss, gradient] = this.getLoss(scores, truths);
      backprop(gradient);
      this.addLoss(losses, loss);
    });
    if (options.sgd) this.finishUpdate(options.sgd);
    return losses;
  }

  /**
   * Squared error against the gold values, as the tutorial's get_loss: the loss reported is
   * summed over labels and averaged over pairs; the gradient handed back is scores - truths
   * (that of half the summed squared error), which the Logistic layer then multiplies by its
   * own derivative, as Thinc's does.
   */
  private getLoss(scores: Floats2d, truths: Truths): [number, Floats2d] {
    const gradient = tf.sub(scores, tf.tensor2d(truths.data, [truths.rows, this.labels.length])) as Floats2d;
    const loss = tf.mean(tf.sum(tf.square(gradient), 1)).dataSync()[0]!;
    if (Number.isNaN(loss)) {
      throw new TsnlpError("E_PIPE_NAN_LOSS", `Component '${this.name}' computed a NaN loss.`, { hint: "Lower the learning rate." });
    }
    return [loss, gradient];
  }

  /** Gold values for the candidate pairs of the predicted docs, in the model's row order. */
  private truths(examples: readonly Example[]): Truths {
    const labels = this.labels;
    const values: number[] = [];
    for (const example of examples) {
      const gold = alignedGold(example);
      for (const [head, child] of this.getInstances(example.predicted)) {
        const goldLabels = gold[relationKey(head, child)] ?? {};
        for (const label of labels) values.push(goldLabels[label] ?? 0);
      }
    }
    return { data: Float32Array.from(values), rows: labels.length === 0 ? 0 : values.length / labels.length };
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    if (Array.isArray(options.labels)) {
      for (const label of options.labels) this.addLabel(String(label));
    } else {
      const labels = new Set<string>();
      for (const example of getExamples()) for (const pair of Object.values(alignedGold(example))) for (const label of Object.keys(pair)) labels.add(label);
      for (const label of [...labels].sort()) this.addLabel(label);
    }
    this.requireLabels();
    const sample: Example[] = [];
    for (const example of getExamples()) {
      sample.push(example);
      if (sample.length >= INIT_SAMPLE) break;
    }
    const truths = this.truths(sample);
    if (truths.rows === 0) {
      throw new TsnlpError(
        "E_REL_NO_INSTANCES",
        `Component '${this.name}' found no pair of entities in the first ${INIT_SAMPLE} training examples to initialize its model from.`,
        {
          hint: "The examples' predicted docs need at least two entities each (rel_corpus.v1 copies the gold entities onto them).",
        },
      );
    }
    withScope(() => {
      this.model.initialize(TrainablePipe.predictedDocs(sample), tf.tensor2d(truths.data, [truths.rows, this.labels.length]));
    });
  }

  override score(examples: readonly Example[], options: Record<string, unknown> = {}): Scores {
    for (const example of examples) this.annotateOnGoldEntities(example);
    return scoreRelations(examples, typeof options.threshold === "number" ? options.threshold : this.threshold);
  }

  /**
   * Language.evaluate runs the pipeline over copies of the predicted docs without their
   * annotation, so without entities this component has nothing to relate. Its input is the gold
   * entities (as in training), so those are put back and the docs annotated again.
   */
  private annotateOnGoldEntities(example: Example): void {
    const { predicted, reference } = example;
    if (predicted.ents.length > 0 || reference.ents.length === 0) return;
    const entities = reference.ents.map((ent) => predicted.charSpan(ent.startChar, ent.endChar, { label: ent.label }));
    predicted.ents = entities.filter((ent) => ent !== null);
    this.call(predicted);
  }
}
