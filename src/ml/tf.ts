/**
 * The one place tfjs-core is reached from, so every module shares one engine. It loads on
 * first use: commands that never compute (init config, convert, debug config) start about
 * 0.2 s faster without it. tfjs-core has no "exports" map, so `import` and `require` both
 * resolve to its CommonJS build: one instance, whichever way a backend package loads it.
 */
import { createRequire } from "node:module";
import type * as TfCore from "@tensorflow/tfjs-core";

export type { Rank, Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D } from "@tensorflow/tfjs-core";

const requireModule = createRequire(import.meta.url);
let core: typeof TfCore | undefined;

function load(): typeof TfCore {
  core ??= requireModule("@tensorflow/tfjs-core") as typeof TfCore;
  return core;
}

export const tf: typeof TfCore = new Proxy({} as typeof TfCore, {
  get: (_target, property) => Reflect.get(load(), property),
  has: (_target, property) => Reflect.has(load(), property),
});
