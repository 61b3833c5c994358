/**
 * What the transition-based components (ner, parser) share (spaCy's Parser base,
 * spacy/pipeline/transition_parser.pyx, v3.5.4): moves set from the training data or from
 * given label data, a model sized to the moves, and `moves` saved beside `cfg` and `model`
 * (the model is resized to the saved moves before its weights are read).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type AnyModel, inStepScope, withScope } from "../ml/model.js";
import type { ParserModel } from "../ml/models/parser.js";
import type { Doc } from "../tokens/doc.js";
import { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import type { InitializeOptions } from "./pipe.js";
import { random } from "../util/random.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";
import { greedyUpdate } from "./transition/greedy.js";
import { type GoldBatch, initGoldBatch, notInitialized } from "./transition/oracle.js";
import type { TransitionState } from "./transition/state.js";
import type { LabelsByAction, TransitionSystem, TransitionSystemData } from "./transition/transition-system.js";

/** Docs the model is initialized on (spaCy takes the first ten examples too). */
const INIT_SAMPLE_SIZE = 10;

export abstract class TransitionPipe<Gold> extends TrainablePipe<TransitionState[]> {
  abstract moves: TransitionSystem<Gold>;
  /** Draws the cut length of each update (Python's random.random in spaCy); the seeded generator by default. */
  random: () => number = random;

  get parserModel(): ParserModel {
    return this.model as ParserModel;
  }

  /** The gold states of a batch cut into segments of about `maxMoves` moves along the oracle. */
  protected abstract cutBatch(examples: readonly Example[], maxMoves: number): GoldBatch<Gold>;

  /** Called before each update with its examples (ner adds the labels they use). */
  protected beforeUpdate(_examples: readonly Example[]): void {}

  /**
   * Learn from a batch with the dynamic oracle (spaCy's Parser.update): long docs are cut at a
   * random length between half and twice update_with_oracle_cut_size, the model follows its
   * own best valid moves, and the loss is that of the softmax over valid moves against the
   * zero-cost ones.
   */
  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const losses = options.losses ?? {};
    losses[this.name] ??= 0;
    validateExamples(examples, `${this.name}.update`);
    this.beforeUpdate(examples);
    if (!examples.some((eg) => this.moves.hasGold(eg))) return losses;
    if (this.moves.nMoves === 0) throw notInitialized(`The '${this.name}' component`);
    this.model.setDropoutRate(options.drop ?? 0);
    const cutSize = Number(this.cfg.update_with_oracle_cut_size ?? 0);
    let maxMoves = 0;
    let batch: GoldBatch<Gold>;
    if (cutSize >= 1) {
      const low = Math.floor(cutSize / 2);
      maxMoves = Math.max(1, Math.trunc(low + (cutSize * 2 - low) * this.random()));
      batch = this.cutBatch(examples, maxMoves);
    } else {
      batch = initGoldBatch(this.moves, examples);
    }
    if (batch.states.length === 0) return losses;
    const docs = examples.map((eg) => eg.predicted);
    inStepScope(() => {
      this.addLoss(losses, greedyUpdate(this.moves, this.parserModel, docs, batch, maxMoves));
      if (options.sgd) this.finishUpdate(options.sgd);
    });
    return losses;
  }

  /** The moves the training examples call for (spaCy's get_actions). */
  protected abstract actionsFromExamples(examples: Iterable<Example>): LabelsByAction;

  /** The moves given label data or a plain list of labels stand for. */
  protected abstract actionsFromLabels(labels: unknown): LabelsByAction;

  /**
   * Set the moves from the examples (or from `labels`: label data as `labelData` gives it, or
   * a list of labels), keep labels added before, size the model and initialize it on the
   * first examples.
   */
  override initialize(getExamples: () => Iterable<Example>, options: Partial<InitializeOptions> = {}): void {
    if (typeof getExamples !== "function") {
      throw new TsnlpError("E_GET_EXAMPLES", `${this.name}.initialize needs a function that returns the training examples, not ${typeof getExamples}.`);
    }
    const actions = options.labels !== undefined && options.labels !== null ? this.actionsFromLabels(options.labels) : this.actionsFromExamples(getExamples());
    for (const [action, freqs] of this.moves.labels) {
      let table = actions.get(action);
      if (!table) {
        table = new Map();
        actions.set(action, table);
      }
      for (const [label, freq] of freqs) if (!table.has(label)) table.set(label, freq);
    }
    this.moves.initializeActions(actions);
    for (const label of this.labels) this.vocab.strings.add(label);
    this.resize();
    const sample: Doc[] = [];
    for (const example of getExamples()) {
      if (!(example instanceof Example)) throw notExamples(`${this.name}.initialize`, example);
      sample.push(example.predicted);
      if (sample.length >= INIT_SAMPLE_SIZE) break;
    }
    if (sample.length === 0) {
      throw new TsnlpError("E_NO_EXAMPLES", `${this.name}.initialize got no examples to initialize its model on.`, {
        hint: "Give a getExamples that returns at least one example.",
      });
    }
    withScope(() => this.model.initialize(sample));
  }

  protected override scorerOptions(): Record<string, unknown> {
    // spaCy's Pipe.score passes the component's cfg and its labels.
    return { ...this.cfg, labels: this.labels };
  }

  override toDisk(dir: string): void {
    super.toDisk(dir);
    const unseen = [...((this.model.attrs.unseen_classes as Set<number> | undefined) ?? [])].sort((a, b) => a - b);
    writeFileAtomic(join(dir, "moves"), `${JSON.stringify({ ...this.moves.toJSON(), unseen_classes: unseen }, null, 2)}\n`);
  }

  override fromDisk(dir: string): this {
    const movesPath = join(dir, "moves");
    let unseen: number[] = [];
    if (existsSync(movesPath)) {
      let data: TransitionSystemData & { unseen_classes?: number[] };
      try {
        data = JSON.parse(readFileSync(movesPath, "utf8"));
      } catch (error) {
        throw new TsnlpError("E_MOVES_DATA", `Cannot read ${movesPath}: it is not JSON.`, { cause: error, hint: "Save the component again with toDisk." });
      }
      this.moves.fromJSON(data);
      unseen = Array.isArray(data.unseen_classes) ? data.unseen_classes : [];
    }
    super.fromDisk(dir);
    const classes = this.model.attrs.unseen_classes as Set<number> | undefined;
    if (classes) {
      classes.clear();
      for (const clas of unseen) classes.add(clas);
    }
    return this;
  }

  protected override afterLoadingCfg(): void {
    if (this.moves.nMoves > 0) this.resize();
  }

  /** Size the model's output to the moves. */
  protected resize(): void {
    (this.model.attrs.resize_output as (model: AnyModel, nO: number) => AnyModel)(this.model, this.moves.nMoves);
  }
}

/** Examples only, with a clear error naming the caller otherwise. */
export function validateExamples(examples: readonly Example[], where: string): void {
  if (!Array.isArray(examples)) throw notExamples(where, examples);
  for (const example of examples) if (!(example instanceof Example)) throw notExamples(where, example);
}

function notExamples(where: string, value: unknown): TsnlpError {
  const what =
    value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? (value.constructor?.name ?? "an object") : typeof value;
  return new TsnlpError("E_NOT_EXAMPLES", `${where} takes Example objects, but got ${what}.`, {
    hint: "Wrap docs as new Example(predictedDoc, referenceDoc).",
  });
}
