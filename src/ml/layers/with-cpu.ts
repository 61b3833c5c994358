/**
 * with_cpu: Thinc's wrapper that runs a layer on the CPU (numpy) inside a GPU model, copying
 * inputs and outputs across. Here every tensor lives on the one backend chosen at start-up,
 * and host-side data (ids, lengths) is already plain TypeScript arrays, so there is nothing to
 * move: the wrapper only runs its layer. It exists so that models written with it port
 * unchanged. (Thinc does not register it for configs, and neither does tsnlp.)
 */
import { type Backprop, Model } from "../model.js";

export function withCpu<In, Out>(layer: Model<In, Out>): Model<In, Out> {
  return new Model<In, Out>(`with_cpu(${layer.name})`, forward, { init, layers: [layer] });
}

export function forward<In, Out>(model: Model<In, Out>, X: In, isTrain: boolean): [Out, Backprop<Out, In>] {
  return (model.layers[0] as Model<In, Out>).call(X, isTrain);
}

export function init<In, Out>(model: Model<In, Out>, X?: In, Y?: Out): void {
  model.layers[0]!.initialize(X, Y);
}
