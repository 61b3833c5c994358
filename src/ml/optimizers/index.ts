export { Adam, type AdamOptions, RAdam, SGD, type SGDOptions } from "./factories.js";
export { Hyper, type Hyperparameter } from "./hyper.js";
export { GradientOptimizer, HYPER_NAMES, type HyperName, type OptimizerSettings } from "./optimizer.js";
export { optimizerFromBytes, optimizerToBytes, type SavedOptimizer, stableKeys } from "./serialize.js";
