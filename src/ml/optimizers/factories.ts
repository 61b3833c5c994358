/**
 * Adam.v1, RAdam.v1 and SGD.v1 with thinc's defaults (ADAM_DEFAULTS and SGD_DEFAULTS in
 * thinc/optimizers.py). spaCy's default training config overrides some: L2 = 0.01 and
 * use_averages = false.
 */
import type { Hyperparameter } from "./hyper.js";
import { GradientOptimizer } from "./optimizer.js";

export interface AdamOptions {
  learnRate?: Hyperparameter;
  L2?: Hyperparameter;
  beta1?: Hyperparameter;
  beta2?: Hyperparameter;
  eps?: Hyperparameter;
  gradClip?: Hyperparameter;
  L2IsWeightDecay?: boolean;
  useAverages?: boolean;
}

export function Adam(options: AdamOptions = {}): GradientOptimizer {
  return new GradientOptimizer({ ...options, learnRate: options.learnRate ?? 0.001, useRadam: false });
}

export function RAdam(options: AdamOptions = {}): GradientOptimizer {
  return new GradientOptimizer({ ...options, learnRate: options.learnRate ?? 0.001, useRadam: true });
}

export interface SGDOptions {
  learnRate: Hyperparameter;
  L2?: Hyperparameter;
  gradClip?: Hyperparameter;
  L2IsWeightDecay?: boolean;
  useAverages?: boolean;
}

/** Plain SGD: thinc's Optimizer with beta1 = beta2 = 0. */
export function SGD(options: SGDOptions): GradientOptimizer {
  return new GradientOptimizer({ ...options, beta1: 0.0, beta2: 0.0, useRadam: false });
}
