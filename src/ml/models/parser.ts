/**
 * The model of spaCy's transition-based parser and NER (spacy.TransitionBasedParser.v2 and v1,
 * spacy/ml/models/parser.py, spacy/ml/tb_framework.py and spacy/ml/parser_model.pyx, v3.5.4):
 *
 *   tok2vec >> list2array >> Linear(hidden_width)     once per batch: one row per token
 *   lower = PrecomputableAffine(nF, hidden, nP)        once per batch: each token's share of
 *                                                      each of the nF state feature slots
 *   per step: sum the nF slots of each state + b, maxout (nP >= 2) or relu (nP = 1)
 *   upper = Linear(nO = actions, zero W)               per step, when use_upper
 *
 * The transition system (a later piece) owns the states and the loop. What it calls:
 *
 *   withScope(() => {
 *     const [step, finish] = model.call(docs, isTrain);      // runs tok2vec and lower once
 *     while (states remain) {
 *       // ids: Int32Array of nStates * step.nF rows, the state's context tokens as rows of the
 *       // batch (token i of doc d is offset(d) + i, docs in the order given); -1 = missing.
 *       const [scores, backprop] = step.scoreStates(ids);   // (nStates, step.nO)
 *       ... read scores once (dataSync), apply actions; while training compute dScores
 *       backprop(dScores);                                   // records the step, cheap
 *     }
 *     if (isTrain) finish(step);                             // one backprop into lower and tok2vec
 *   });
 *   model.finishUpdate(optimizer);
 *
 * Every tensor of the batch (token vectors, the precomputed features, scores) belongs to that
 * one scope. `step.tokvecs` is the (nTokens, hidden) projection, if the loop wants it.
 * Labels grow the output with attrs.resize_output(model, nO) (resizeParserOutput); classes
 * added after training began are "unseen" (attrs.unseen_classes) until the loop marks them
 * seen: their scores are set to the minimum score and their gradient to zero, as spaCy does.
 */
import { TsnlpError } from "../../util/errors.js";
import { chainLayers } from "../layers/chain.js";
import { dropoutMask } from "../layers/dropout.js";
import { linear } from "../layers/linear.js";
import { list2array } from "../layers/list2array.js";
import { noop } from "../layers/noop.js";
import { backpropPrecomputed, precomputableAffine } from "../layers/precomputable-affine.js";
import { zeroInit } from "../initializers.js";
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { backpropMaxout, maxout as maxoutKernel } from "../ops/maxout.js";
import { gatherAdd, scatterAdd } from "../ops/segment.js";
import { type Tensor, type Tensor2D, tf } from "../tf.js";
import { type Floats2d, type Floats3d, type Floats4d, Ints2d } from "../types.js";

export type StateType = "parser" | "ner";

/** Context tokens per state: 8 for the parser (13 with extra_state_tokens), 3 for NER (6). */
export function stateFeatureCount(stateType: StateType, extraStateTokens: boolean): number {
  if (stateType === "parser") return extraStateTokens ? 13 : 8;
  if (stateType === "ner") return extraStateTokens ? 6 : 3;
  throw new TsnlpError("E_PARSER_STATE_TYPE", `The parser model's state_type must be "parser" or "ner", not ${JSON.stringify(stateType)}.`);
}

export interface TransitionBasedParserOptions {
  tok2vec: AnyModel;
  stateType: StateType;
  extraStateTokens: boolean;
  hiddenWidth: number;
  maxoutPieces: number;
  useUpper: boolean;
  /** Number of actions; null until the labels are known (see resizeParserOutput). */
  nO?: number | null;
}

export type ParserModel = Model<unknown[], ParserStepModel>;

/** spacy.TransitionBasedParser.v2 (v1 is the same with use_upper defaulting to true). */
export function transitionBasedParser(opts: TransitionBasedParserOptions): ParserModel {
  const nF = stateFeatureCount(opts.stateType, opts.extraStateTokens);
  const nO = opts.nO ?? null;
  const t2vWidth = opts.tok2vec.hasDim("nO") === true ? opts.tok2vec.getDim("nO") : null;
  const tok2vec = chainLayers([opts.tok2vec, list2array(), linear({ nO: opts.hiddenWidth, nI: t2vWidth })]);
  tok2vec.setDim("nO", opts.hiddenWidth);
  const lower = precomputableAffine({ nO: opts.useUpper ? opts.hiddenWidth : nO, nF, nI: opts.hiddenWidth, nP: opts.maxoutPieces });
  // spaCy: "Initialize weights at zero, as it's a classification layer."
  const upper = opts.useUpper ? linear({ nO, nI: null, initW: zeroInit() }) : noop();
  return new Model<unknown[], ParserStepModel>("parser_model", forward, {
    init,
    dims: { nI: opts.tok2vec.hasDim("nI") === true ? opts.tok2vec.getDim("nI") : null },
    layers: [tok2vec, lower, upper],
    refs: { tok2vec, lower, upper },
    attrs: {
      has_upper: opts.useUpper,
      unseen_classes: new Set<number>(),
      resize_output: resizeParserOutput,
      // ParserStepModel's dropout on the hidden layer before upper (spaCy's hard-coded 0.1).
      dropout_rate: 0.1,
      state_type: opts.stateType,
    },
  });
}

/** The number of actions the model scores, or null while unset. */
export function parserModelNO(model: ParserModel): number | null {
  const out = model.attrs.has_upper === true ? model.getRef("upper") : model.getRef("lower");
  return out.hasDim("nO") === true ? out.getDim("nO") : null;
}

function forward(model: ParserModel, docs: unknown[], isTrain: boolean): [ParserStepModel, Backprop<ParserStepModel, unknown[]>] {
  const step = new ParserStepModel(model, docs, isTrain);
  return [
    step,
    () => {
      step.finishSteps();
      return docs;
    },
  ];
}

function init(model: ParserModel, X?: unknown[]): void {
  model.getRef("tok2vec").initialize(X);
  const lower = model.getRef("lower");
  if (lower.hasDim("nO") !== true) throw missingNO();
  lower.initialize();
  if (model.attrs.has_upper === true) {
    const upper = model.getRef("upper");
    if (upper.hasDim("nO") !== true) throw missingNO();
    withScope(() => upper.initialize(tf.zeros([2, lower.getDim("nO")]) as Floats2d));
  }
}

function missingNO(): TsnlpError {
  return new TsnlpError("E_DIM_UNSET", "The parser model does not know its number of actions (nO) yet.", {
    hint: "Add the labels (attrs.resize_output(model, nActions)) or give nO in the config before initializing.",
  });
}

/**
 * The scorer of one batch (spaCy's ParserStepModel with precompute_hiddens): holds the batch's
 * token vectors and precomputed features, scores states and collects their gradients.
 */
export class ParserStepModel {
  /** Feature slots per state. */
  readonly nF: number;
  /** Hidden width (the lower layer's nO) and maxout pieces. */
  readonly nH: number;
  readonly nP: number;
  /** Number of actions scored. */
  readonly nO: number;
  readonly nTokens: number;
  readonly isTrain: boolean;
  /** The (nTokens, hidden_width) token vectors of the batch. */
  readonly tokvecs: Floats2d;
  private readonly cached: Floats2d;
  private readonly bias: Tensor;
  private readonly backpropTokvecs: Backprop<Floats2d, unknown>;
  private readonly backpropLower: (dY: Floats4d) => Floats2d;
  private readonly upper: AnyModel | null;
  private readonly classMask: Tensor | null;
  private readonly dropoutRate: number;
  private readonly pending: Array<[Floats3d, Int32Array]> = [];
  private finished = false;

  constructor(model: ParserModel, docs: unknown[], isTrain: boolean) {
    const [tok2vec, lower] = [model.getRef("tok2vec"), model.getRef("lower")];
    this.isTrain = isTrain;
    const [tokvecs, backpropTokvecs] = tok2vec.call(docs, isTrain) as [Floats2d, Backprop<Floats2d, unknown>];
    this.tokvecs = tokvecs;
    this.backpropTokvecs = backpropTokvecs;
    this.nTokens = tokvecs.shape[0];
    const [cached, backpropLower] = lower.call(tokvecs, isTrain) as [Floats4d, (dY: Floats4d) => Floats2d];
    this.backpropLower = backpropLower;
    this.nF = lower.getDim("nF");
    this.nH = lower.getDim("nO");
    this.nP = lower.getDim("nP");
    // Row (1 + token) * nF + f holds token's share of slot f; rows 0..nF-1 are the padding.
    this.cached = tf.reshape(cached, [(this.nTokens + 1) * this.nF, this.nH * this.nP]) as Floats2d;
    this.bias = tf.reshape(lower.getParam("b"), [this.nH * this.nP]);
    this.upper = model.attrs.has_upper === true ? model.getRef("upper") : null;
    this.nO = this.upper ? this.upper.getDim("nO") : this.nH;
    this.dropoutRate = Number(model.attrs.dropout_rate ?? 0);
    const unseen = model.attrs.unseen_classes as Set<number> | undefined;
    if (unseen && unseen.size > 0) {
      const mask = new Float32Array(this.nO).fill(1);
      for (const cls of unseen) if (cls >= 0 && cls < this.nO) mask[cls] = 0;
      this.classMask = tf.tensor2d(mask, [1, this.nO]);
    } else {
      this.classMask = null;
    }
  }

  /**
   * Scores of nStates = ids.length / nF states, (nStates, nO). ids holds each state's nF
   * context tokens as rows of the batch, -1 where missing. The backprop takes dScores and
   * records the step; finishSteps sends all recorded steps back at once.
   */
  scoreStates(ids: Int32Array, isTrain: boolean = this.isTrain): [Floats2d, (dScores: Floats2d) => void] {
    const { nF, nH, nP } = this;
    if (ids.length % nF !== 0) {
      throw new TsnlpError("E_PARSER_FEATURES", `The parser model takes ${nF} feature ids per state, but got ${ids.length} ids, not a multiple of ${nF}.`);
    }
    const nB = ids.length / nF;
    const rows = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id < -1 || id >= this.nTokens || !Number.isInteger(id)) {
        throw new TsnlpError("E_PARSER_FEATURES", `Feature id ${id} is outside the batch's ${this.nTokens} tokens (use -1 for a missing feature).`);
      }
      rows[k] = (id + 1) * nF + (k % nF);
    }
    const ownIds = ids.slice();
    const pre = tf.add(gatherAdd(this.cached, rows, nF), this.bias) as Floats2d;
    let hidden: Floats2d;
    let backpropActivation: (dHidden: Floats2d) => Floats3d;
    if (nP >= 2) {
      const [best, which] = maxoutKernel(tf.reshape(pre, [nB, nH, nP]) as Floats3d);
      hidden = best;
      backpropActivation = (dHidden) => backpropMaxout(dHidden, which as Tensor2D, nP);
    } else {
      // spaCy's relu: mask = state_vector >= 0.
      const mask = tf.cast(tf.greaterEqual(pre, 0), "float32");
      hidden = tf.mul(pre, mask) as Floats2d;
      backpropActivation = (dHidden) => tf.reshape(tf.mul(dHidden, mask), [nB, nH, 1]) as Floats3d;
    }
    let scores: Floats2d;
    let dropMask: Tensor | null = null;
    let backpropUpper: (dScores: Floats2d) => Floats2d = (dScores) => dScores;
    if (this.upper) {
      if (isTrain && this.dropoutRate > 0) {
        dropMask = dropoutMask([nB, nH], this.dropoutRate);
        hidden = tf.mul(hidden, dropMask) as Floats2d;
      }
      const [out, backprop] = this.upper.call(hidden, isTrain) as [Floats2d, (dY: Floats2d) => Floats2d];
      scores = out;
      backpropUpper = backprop;
    } else {
      scores = hidden;
    }
    const classMask = this.classMask;
    if (classMask && nB > 0) {
      // Unseen classes score the batch's minimum.
      scores = tf.add(tf.mul(scores, classMask), tf.mul(tf.min(scores), tf.sub(1, classMask))) as Floats2d;
    }
    const backprop = (dScores: Floats2d): void => {
      if (this.finished) throw new TsnlpError("E_PARSER_FINISHED", "A parser step was backpropagated after finishSteps.");
      if (dScores.shape[0] !== nB || dScores.shape[1] !== this.nO) {
        throw new TsnlpError("E_LAYER_GRADIENT", `The parser step scored (${nB}, ${this.nO}), but its gradient has shape [${dScores.shape.join(", ")}].`);
      }
      let d = classMask ? (tf.mul(dScores, classMask) as Floats2d) : dScores;
      d = backpropUpper(d);
      if (dropMask) d = tf.mul(d, dropMask) as Floats2d;
      this.pending.push([backpropActivation(d), ownIds]);
    };
    return [scores, backprop];
  }

  /**
   * Backprop every recorded step through the lower layer (one call for all steps) and the
   * token vectors into tok2vec (spaCy's finish_steps). Returns the tokens' gradient.
   */
  finishSteps(): Floats2d {
    if (this.finished) throw new TsnlpError("E_PARSER_FINISHED", "finishSteps was called twice on one parser batch.");
    this.finished = true;
    const width = this.tokvecs.shape[1];
    let dTokvecs: Floats2d;
    if (this.pending.length === 0) {
      dTokvecs = tf.zeros([this.nTokens, width]) as Floats2d;
    } else {
      const dY = (
        this.pending.length === 1
          ? this.pending[0]![0]
          : tf.concat(
              this.pending.map(([d]) => d),
              0,
            )
      ) as Floats3d;
      let total = 0;
      for (const [, ids] of this.pending) total += ids.length;
      const ids = new Int32Array(total);
      let at = 0;
      for (const [, part] of this.pending) {
        ids.set(part, at);
        at += part.length;
      }
      const nB = dY.shape[0];
      const dFeatures = backpropPrecomputed(this.backpropLower, dY, new Ints2d(ids, nB, this.nF));
      // Missing features (-1) have no token: scatterAdd skips them (spaCy adds them to a padding row it drops).
      dTokvecs = scatterAdd(this.nTokens, ids, tf.reshape(dFeatures, [nB * this.nF, width]) as Floats2d, 1);
    }
    this.pending.length = 0;
    this.backpropTokvecs(dTokvecs);
    return dTokvecs;
  }
}

/**
 * Grow (or first set) the number of actions (spaCy's resize_output): the upper layer's nO when
 * use_upper, else the lower layer's. Weights of existing classes are kept, new ones start at
 * zero and are marked unseen.
 */
export function resizeParserOutput(model: ParserModel, newNO: number): ParserModel {
  const hasUpper = model.attrs.has_upper === true;
  const layer = hasUpper ? model.getRef("upper") : model.getRef("lower");
  if (layer.hasDim("nO") !== true) {
    layer.setDim("nO", newNO);
    return model;
  }
  const oldNO = layer.getDim("nO");
  if (oldNO === newNO) return model;
  if (newNO < oldNO) {
    throw new TsnlpError("E_RESIZE_SMALLER", `Cannot shrink the parser's output from ${oldNO} to ${newNO} actions.`, {
      hint: "Labels can be added to a trained component, not removed.",
    });
  }
  layer.setDim("nO", newNO, { force: true });
  if (layer.hasParam("W") === true) {
    const extra = newNO - oldNO;
    const padAxis = (param: string, axis: number) => {
      const value = layer.getParam(param);
      const paddings = value.shape.map((_size, i): [number, number] => (i === axis ? [0, extra] : [0, 0]));
      layer.setParam(
        param,
        tf.tidy(() => tf.pad(value, paddings)),
      );
    };
    if (hasUpper) {
      // Linear stores W as (nI, nO): classes are columns.
      padAxis("W", 1);
      padAxis("b", 0);
    } else {
      // PrecomputableAffine: W (nI, nF, nO, nP), b (nO, nP), pad (1, nF, nO, nP).
      padAxis("W", 2);
      padAxis("b", 0);
      padAxis("pad", 2);
    }
    const unseen = model.attrs.unseen_classes as Set<number>;
    for (let cls = oldNO; cls < newNO; cls++) unseen.add(cls);
  }
  return model;
}

type Args = Record<string, unknown>;

export function buildTransitionBasedParser(args: Args, name: string): ParserModel {
  const tok2vec = args.tok2vec;
  if (!(tok2vec instanceof Model)) throw new TsnlpError("E_LAYER_ARGS", `${name} needs 'tok2vec' to be a model (a block with @architectures).`);
  const positive = (key: string): number => {
    const value = args[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
      throw new TsnlpError("E_LAYER_ARGS", `${name}: '${key}' must be a whole number of at least 1, not ${JSON.stringify(value)}.`);
    }
    return value;
  };
  return transitionBasedParser({
    tok2vec,
    stateType: args.state_type as StateType,
    extraStateTokens: args.extra_state_tokens === true,
    hiddenWidth: positive("hidden_width"),
    maxoutPieces: positive("maxout_pieces"),
    useUpper: args.use_upper !== false,
    nO: typeof args.nO === "number" ? args.nO : null,
  });
}
