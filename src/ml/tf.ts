/** The one place tfjs-core is imported from, so every module shares one engine. */
export * as tf from "@tensorflow/tfjs-core";
export type { Tensor, Tensor1D, Tensor2D, Tensor3D, Tensor4D, Rank } from "@tensorflow/tfjs-core";
