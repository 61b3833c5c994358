/**
 * The optimizer behind Adam.v1, RAdam.v1 and SGD.v1, with thinc 8.1's semantics
 * (Optimizer.__call__ in thinc/optimizers.py), unlike tf.train.adam on each point:
 * - a step count per parameter key, used by Adam's bias correction and the averages;
 * - gradient clipping per parameter (its own L2 norm), after coupled L2 if any;
 * - L2 as decoupled weight decay (w -= lr·L2·w after the step) when L2_is_weight_decay;
 * - averaged parameters: an exponential moving average that starts from zeros, with decay
 *   min((1+t)/(10+t), 0.9999), t the parameter's step count (ops.update_averages).
 * Every hyperparameter may be a schedule; stepSchedules() advances them all once.
 * On wasm and cpu an Adam update is one host kernel (kernels/adam.ts, the same maths); RAdam,
 * SGD and the other backends use the tfjs ops of adam.ts, radam.ts, sgd.ts and clip.ts.
 */
import { TsnlpError } from "../../util/errors.js";
import type { Optimizer } from "../model.js";
import { fusedAdamStep } from "../kernels/adam.js";
import { hostKernelsActive } from "../kernels/host-kernel.js";
import { type Tensor, tf } from "../tf.js";
import { adamStep } from "./adam.js";
import { clipFactor } from "./clip.js";
import { Hyper, type Hyperparameter } from "./hyper.js";
import { newRadamBuffer, type RadamBuffer, radamStep } from "./radam.js";
import { sgdStep } from "./sgd.js";

export interface OptimizerSettings {
  learnRate: Hyperparameter;
  L2?: Hyperparameter;
  beta1?: Hyperparameter;
  beta2?: Hyperparameter;
  eps?: Hyperparameter;
  gradClip?: Hyperparameter;
  L2IsWeightDecay?: boolean;
  useAverages?: boolean;
  useRadam?: boolean;
}

/** The hyperparameters, by their names in the config. */
export const HYPER_NAMES = ["learn_rate", "beta1", "beta2", "eps", "L2", "grad_clip"] as const;
export type HyperName = (typeof HYPER_NAMES)[number];

interface ParamState {
  step: number;
  mom1?: Tensor;
  mom2?: Tensor;
  average?: Tensor;
}

/** Thinc's max_decay for the averages. */
const MAX_AVERAGE_DECAY = 0.9999;

export class GradientOptimizer implements Optimizer {
  readonly hypers: Record<HyperName, Hyper>;
  readonly L2IsWeightDecay: boolean;
  readonly useAverages: boolean;
  readonly useRadam: boolean;
  /** Averaged parameters by key (`${model.id}:${param}`), for model.useParams; empty without use_averages. */
  readonly averages = new Map<string, Tensor>();
  /** @internal per-parameter state; serialize.ts reads and restores it */
  readonly state = new Map<string, ParamState>();
  /** @internal thinc's RAdam cache */
  radamBuffer: RadamBuffer = newRadamBuffer();

  constructor(settings: OptimizerSettings) {
    this.hypers = {
      learn_rate: new Hyper("learn_rate", settings.learnRate),
      beta1: new Hyper("beta1", settings.beta1 ?? 0.9),
      beta2: new Hyper("beta2", settings.beta2 ?? 0.999),
      eps: new Hyper("eps", settings.eps ?? 1e-8),
      L2: new Hyper("L2", settings.L2 ?? 0.0),
      grad_clip: new Hyper("grad_clip", settings.gradClip ?? 1.0),
    };
    this.L2IsWeightDecay = settings.L2IsWeightDecay ?? true;
    this.useAverages = settings.useAverages ?? true;
    this.useRadam = settings.useRadam ?? false;
  }

  /** The current value of a hyperparameter. */
  get(name: HyperName): number {
    return this.hypers[name].value;
  }

  get learnRate(): number {
    return this.hypers.learn_rate.value;
  }

  /** Advance every scheduled hyperparameter once (spaCy calls it after each update). */
  stepSchedules(): void {
    for (const name of HYPER_NAMES) this.hypers[name].step();
  }

  /** How many updates the parameter `key` has had. */
  steps(key: string): number {
    return this.state.get(key)?.step ?? 0;
  }

  update(key: string, param: Tensor, grad: Tensor): Tensor {
    if (grad.size < 1) return param;
    const state = this.stateFor(key, param);
    const step = ++state.step;
    const [learnRate, beta1, beta2, eps, L2, gradClip] = HYPER_NAMES.map((name) => this.hypers[name].value) as [number, number, number, number, number, number];
    if (!this.useRadam && !(beta1 > 0) && beta2 > 0) {
      throw new TsnlpError("E_OPTIMIZER_BETAS", `The optimizer has beta1 = ${beta1} and beta2 = ${beta2}: Adam needs both above 0, SGD both 0.`, {
        hint: "Set beta1 above 0 (0.9 is usual), or use SGD.v1.",
      });
    }
    if (!this.useRadam && beta1 > 0 && hostKernelsActive()) return this.fusedAdam(key, param, grad, state, { learnRate, beta1, beta2, eps, L2, gradClip });
    const out = tf.tidy(() => {
      let g = grad;
      if (L2 !== 0 && !this.L2IsWeightDecay) g = tf.add(g, tf.mul(param, L2));
      const adamLike = this.useRadam || beta1 > 0;
      const squares = adamLike || gradClip ? tf.square(g) : undefined;
      const clip = gradClip ? clipFactor(squares!, gradClip) : undefined;
      let next: Tensor;
      let mom1: Tensor | undefined;
      let mom2: Tensor | undefined;
      if (this.useRadam) {
        ({ param: next, mom1, mom2 } = radamStep(param, g, squares!, clip, state, this.radamBuffer, { learnRate, beta1, beta2, eps, step }));
      } else if (adamLike) {
        ({ param: next, mom1, mom2 } = adamStep(param, g, squares!, clip, state, { learnRate, beta1, beta2, eps, step }));
      } else {
        next = sgdStep(param, g, clip, learnRate);
      }
      if (L2 !== 0 && this.L2IsWeightDecay) next = tf.sub(next, tf.mul(next, learnRate * L2));
      let average: Tensor | undefined;
      if (this.useAverages) {
        const decay = averageDecay(step);
        // The average starts from zeros (thinc allocates it on first use): 0 - (1-d)(0 - w) = (1-d)w.
        average = state.average ? tf.sub(state.average, tf.mul(tf.sub(state.average, next), 1 - decay)) : tf.mul(next, 1 - decay);
      }
      return { next, mom1, mom2, average };
    });
    replace(state, "mom1", out.mom1);
    replace(state, "mom2", out.mom2);
    if (out.average) {
      replace(state, "average", out.average);
      this.averages.set(key, out.average);
    }
    return out.next;
  }

  /** Adam on wasm and cpu: the whole update, clipping and averages included, in one host kernel. */
  private fusedAdam(
    key: string,
    param: Tensor,
    grad: Tensor,
    state: ParamState,
    h: Record<"learnRate" | "beta1" | "beta2" | "eps" | "L2" | "gradClip", number>,
  ): Tensor {
    const out = fusedAdamStep(param, grad, state, {
      lr: (h.learnRate * (1.0 - h.beta2 ** state.step) ** 0.5) / (1.0 - h.beta1 ** state.step),
      beta1: h.beta1,
      beta2: h.beta2,
      eps: h.eps,
      gradClip: h.gradClip,
      coupledL2: this.L2IsWeightDecay ? 0 : h.L2,
      weightDecay: this.L2IsWeightDecay ? h.learnRate * h.L2 : 0,
      averageRate: this.useAverages ? 1 - averageDecay(state.step) : 0,
    });
    replace(state, "mom1", out.mom1);
    replace(state, "mom2", out.mom2);
    if (out.average) {
      replace(state, "average", out.average);
      this.averages.set(key, out.average);
    }
    return out.param;
  }

  /** Dispose every moment and average. */
  dispose(): void {
    for (const state of this.state.values()) for (const tensor of [state.mom1, state.mom2, state.average]) tensor?.dispose();
    this.state.clear();
    this.averages.clear();
  }

  private stateFor(key: string, param: Tensor): ParamState {
    let state = this.state.get(key);
    const held = state?.mom1 ?? state?.average;
    if (state && held && !sameShape(held.shape, param.shape)) {
      // A resized layer (a new label) starts afresh rather than failing on mismatched moments.
      for (const tensor of [state.mom1, state.mom2, state.average]) tensor?.dispose();
      this.averages.delete(key);
      state = undefined;
    }
    if (!state) {
      state = { step: 0 };
      this.state.set(key, state);
    }
    return state;
  }
}

/** Thinc's update_averages decay for a parameter's step t: min((1+t)/(10+t), 0.9999). */
function averageDecay(step: number): number {
  return Math.min((1.0 + step) / (10.0 + step), MAX_AVERAGE_DECAY);
}

function replace(state: ParamState, field: "mom1" | "mom2" | "average", value: Tensor | undefined): void {
  if (!value || state[field] === value) return;
  state[field]?.dispose();
  state[field] = tf.keep(value);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
