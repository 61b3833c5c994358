/**
 * reduce_sum / reduce_mean / reduce_max / reduce_first / reduce_last (thinc/layers/reduce_*.py):
 * each sequence of a Ragged batch to one row. Five layers that differ only in their kernel
 * pair (src/ml/ops/reduce.ts), so they share one file rather than five copies of the same
 * dozen lines.
 */
import { Model } from "../model.js";
import {
  backpropReduceFirst,
  backpropReduceLast,
  backpropReduceMax,
  backpropReduceMean,
  backpropReduceSum,
  reduceFirst as reduceFirstKernel,
  reduceLast as reduceLastKernel,
  reduceMax as reduceMaxKernel,
  reduceMean as reduceMeanKernel,
  reduceSum as reduceSumKernel,
} from "../ops/reduce.js";
import type { Tensor2D } from "../tf.js";
import { type Floats2d, type Ints1d, Ragged } from "../types.js";

type Reduce = Model<Ragged<Floats2d>, Floats2d>;
type Kernels = [(X: Floats2d, lengths: Ints1d) => Floats2d, (dY: Floats2d, lengths: Ints1d) => Floats2d];

function reduction(name: string, [reduce, backprop]: Kernels): Reduce {
  return new Model<Ragged<Floats2d>, Floats2d>(name, (_model, Xr) => {
    const lengths = Xr.lengths;
    return [reduce(Xr.data, lengths), (dY) => new Ragged(backprop(dY, lengths), lengths)];
  });
}

export const reduceSum = (): Reduce => reduction("reduce_sum", [reduceSumKernel, backpropReduceSum]);
export const reduceMean = (): Reduce => reduction("reduce_mean", [reduceMeanKernel, backpropReduceMean]);
export const reduceFirst = (): Reduce => reduction("reduce_first", [reduceFirstKernel, backpropReduceFirst]);
export const reduceLast = (): Reduce => reduction("reduce_last", [reduceLastKernel, backpropReduceLast]);

/** The maximum of each column per sequence; the backprop sends each gradient to the row that won. */
export function reduceMax(): Reduce {
  return new Model<Ragged<Floats2d>, Floats2d>("reduce_max", (_model, Xr) => {
    const lengths = Xr.lengths;
    const [Y, which] = reduceMaxKernel(Xr.data, lengths);
    return [Y, (dY) => new Ragged(backpropReduceMax(dY, which as Tensor2D, lengths), lengths)];
  });
}
