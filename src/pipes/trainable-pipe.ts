/**
 * The base of components with a model (spaCy's TrainablePipe, spacy/pipeline/trainable_pipe.pyx):
 * predict a batch, write the predictions into the docs, and learn from examples.
 *
 * Tensors: predict and update run in an engine scope (inStepScope): the pipeline's own scope
 * when a Language updates all its components at once, else one of their own. Predictions
 * come back as host arrays, so nothing a component returns needs disposing.
 *
 * On disk a component is a folder holding `cfg` (JSON: labels and settings) and `model`
 * (the weights, src/ml/serialize.ts), as spaCy's components are.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AnyModel, inStepScope, type Optimizer } from "../ml/model.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { minibatch, Pipe, type PipeBatchOptions, type Scores, type ScorerFn } from "./pipe.js";

export interface UpdateOptions {
  /** Dropout rate for this update. */
  drop?: number;
  /** Without an optimizer the gradients accumulate (accumulate_gradient) until finishUpdate. */
  sgd?: Optimizer;
  /** Losses by component name; this component adds its own. */
  losses?: Record<string, number>;
}

export abstract class TrainablePipe<Prediction = unknown> extends Pipe {
  readonly vocab: Vocab;
  model: AnyModel;
  /** Settings saved in `cfg` beside the weights (labels live here). */
  cfg: Record<string, unknown>;
  scorer?: ScorerFn;

  constructor(vocab: Vocab, model: AnyModel, name: string, factory: string, cfg: Record<string, unknown> = {}, scorer?: ScorerFn) {
    super(name, factory);
    this.vocab = vocab;
    this.model = model;
    this.cfg = cfg;
    this.scorer = scorer;
  }

  override get isTrainable(): boolean {
    return true;
  }

  /** Predictions for a batch of docs, as host data. */
  abstract predict(docs: Doc[]): Prediction;

  /** Write predictions into the docs. */
  abstract setAnnotations(docs: Doc[], predictions: Prediction): void;

  /**
   * Learn from a batch: forward with dropout, loss against the reference docs, backprop, and
   * a step of `sgd` when given. Adds this component's loss to `losses` and returns them.
   */
  abstract update(examples: readonly Example[], options?: UpdateOptions): Record<string, number>;

  /** Add a label; 1 when it is new, 0 when the component knew it. */
  addLabel(_label: string): number {
    throw new TsnlpError("E_PIPE_NO_LABELS", `Component '${this.name}' (${this.factory}) does not take labels.`);
  }

  /** Labels kept in cfg.labels, for components that keep a list of them. */
  override get labels(): readonly string[] {
    return (this.cfg.labels as string[] | undefined) ?? [];
  }

  /** The label list, for components that learn labels; null for those without (tok2vec). */
  override get labelData(): unknown {
    return this.labels.length > 0 ? [...this.labels] : null;
  }

  /** Append a label to cfg.labels (and the string store); 1 when new. */
  protected addLabelToCfg(label: unknown): number {
    if (typeof label !== "string" || label === "") {
      throw new TsnlpError("E_PIPE_LABEL", `Component '${this.name}' got the label ${JSON.stringify(label)}; labels are non-empty strings.`);
    }
    this.cfg.labels ??= [];
    const labels = this.cfg.labels as string[];
    if (labels.includes(label)) return 0;
    labels.push(label);
    this.vocab.strings.add(label);
    return 1;
  }

  /** spaCy's E143: a component without labels cannot be trained or initialized. */
  protected requireLabels(): void {
    if (this.labels.length === 0) {
      throw new TsnlpError("E_PIPE_NO_LABELS", `Component '${this.name}' (${this.factory}) has no labels: the training data gave it none.`, {
        hint: `Check that the training corpus annotates what '${this.name}' predicts, or give labels in [initialize.components.${this.name}].`,
      });
    }
  }

  override call(doc: Doc): Doc {
    this.setAnnotations([doc], this.predictBatch([doc]));
    return doc;
  }

  override *pipe(docs: Iterable<Doc>, options: PipeBatchOptions = {}): Generator<Doc> {
    for (const batch of minibatch(docs, options.batchSize ?? 128)) {
      this.setAnnotations(batch, this.predictBatch(batch));
      yield* batch;
    }
  }

  /**
   * One forward and backward pass over a batch, with the loss and gradient `getLoss` gives for
   * the model's output; the optimizer steps when `sgd` is given. Components whose model maps
   * docs to scores in one pass (the token classifiers) update this way.
   */
  protected updateWithLoss<Out>(examples: readonly Example[], options: UpdateOptions, getLoss: (examples: readonly Example[], scores: Out) => [number, Out]): Record<string, number> {
    const losses = this.addLoss(options.losses ?? {}, 0);
    if (!examples.some((eg) => eg.predicted.length > 0)) return losses;
    inStepScope(() => {
      this.model.setDropoutRate(options.drop ?? 0);
      const [scores, backprop] = this.model.beginUpdate(TrainablePipe.predictedDocs(examples)) as [Out, (d: Out) => unknown];
      const [loss, gradients] = getLoss(examples, scores);
      backprop(gradients);
      this.addLoss(losses, loss);
    });
    if (options.sgd) this.finishUpdate(options.sgd);
    return losses;
  }

  /** Step the optimizer over the accumulated gradients. */
  finishUpdate(sgd: Optimizer): void {
    this.model.finishUpdate(sgd);
  }

  override score(examples: readonly Example[], options: Record<string, unknown> = {}): Scores {
    return this.scorer ? this.scorer(examples, { ...this.scorerOptions(), ...options }) : {};
  }

  /** What this component passes to its scorer (spaCy passes e.g. labels, spans_key). */
  protected scorerOptions(): Record<string, unknown> {
    return {};
  }

  /** predict inside a scope, and with dropout off. */
  protected predictBatch(docs: Doc[]): Prediction {
    return inStepScope(() => this.predict(docs));
  }

  /** The docs of a batch of examples whose predicted side the model reads. */
  protected static predictedDocs(examples: readonly Example[]): Doc[] {
    return examples.map((eg) => eg.predicted);
  }

  /** Add `loss` to losses[this.name], creating the entry. */
  protected addLoss(losses: Record<string, number>, loss: number): Record<string, number> {
    losses[this.name] = (losses[this.name] ?? 0) + loss;
    return losses;
  }

  override toDisk(dir: string): void {
    writeFileAtomic(join(dir, "cfg"), `${JSON.stringify(this.cfg, null, 2)}\n`);
    this.model.toDisk(join(dir, "model"));
  }

  override fromDisk(dir: string): this {
    const cfgPath = join(dir, "cfg");
    if (existsSync(cfgPath)) this.cfg = { ...this.cfg, ...(JSON.parse(readFileSync(cfgPath, "utf8")) as Record<string, unknown>) };
    this.afterLoadingCfg();
    this.model.fromDisk(join(dir, "model"));
    return this;
  }

  /** Size the model for the loaded labels before the weights are read. */
  protected afterLoadingCfg(): void {}
}
