/** clone: a chain of n copies of a layer, each with its own weights (Thinc's clone.v1). */
import type { Model } from "../model.js";
import { chainLayers } from "./chain.js";
import { noop } from "./noop.js";

export function clone<T>(orig: Model<T, T>, n: number): Model<T, T> {
  if (n <= 0) return noop<T>();
  if (n === 1) return orig;
  const layers = [orig];
  for (let i = 1; i < n; i++) layers.push(orig.copy());
  return chainLayers(layers) as Model<T, T>;
}
