export { type CategoricalCrossentropyOptions, type CategoricalTruths, CategoricalCrossentropy } from "./categorical-crossentropy.js";
export { CosineDistance } from "./cosine-distance.js";
export { L2Distance } from "./l2-distance.js";
export type { Loss } from "./loss.js";
export { SequenceCategoricalCrossentropy } from "./sequence-categorical-crossentropy.js";
