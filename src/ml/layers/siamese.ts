/**
 * siamese: encode both items of a pair with one layer (shared weights) and compare the two
 * encodings with another (Thinc's siamese.v1, thinc/layers/siamese.py), e.g.
 * siamese(encoder, CauchySimilarity()).
 */
import { type AnyModel, type Backprop, Model, withScope } from "../model.js";
import { getWidth } from "./chain.js";

export type Pair<T> = readonly [T, T];

export function siamese<In, Enc, Out>(layer: Model<In, Enc> | AnyModel, similarity: Model<Pair<Enc>, Out> | AnyModel): Model<Pair<In>, Out> {
  const known = (node: AnyModel, dim: string) => (node.hasDim(dim) === true ? node.getDim(dim) : null);
  return new Model<Pair<In>, Out>(`siamese(${layer.name}, ${similarity.name})`, forward, {
    init,
    layers: [layer, similarity],
    dims: { nI: known(layer, "nI"), nO: known(similarity, "nO") },
  });
}

function forward<In, Out>(model: Model<Pair<In>, Out>, [X1, X2]: Pair<In>, isTrain: boolean): [Out, Backprop<Out, Pair<In>>] {
  const [layer, similarity] = model.layers as [AnyModel, AnyModel];
  const [vec1, backprop1] = layer.call(X1, isTrain);
  const [vec2, backprop2] = layer.call(X2, isTrain);
  const [output, backpropOutput] = similarity.call([vec1, vec2], isTrain);
  return [
    output as Out,
    (dOutput) => {
      const [dVec1, dVec2] = backpropOutput(dOutput) as [unknown, unknown];
      return [backprop1(dVec1) as In, backprop2(dVec2) as In];
    },
  ];
}

/** The encoder learns its input width from the pair, then the comparison sees its encodings of it. */
function init<In, Out>(model: Model<Pair<In>, Out>, X?: Pair<In>, Y?: Out): void {
  const [layer, similarity] = model.layers as [AnyModel, AnyModel];
  withScope(() => {
    let encoded: [unknown, unknown] | undefined;
    if (X !== undefined) {
      if (layer.hasDim("nI") === null) layer.setDim("nI", getWidth(X[1]));
      layer.initialize(X[0]);
      encoded = [layer.predict(X[0]), layer.predict(X[1])];
    } else layer.initialize();
    similarity.initialize(encoded, Y);
  });
  if (layer.hasDim("nI") === true) model.setDim("nI", layer.getDim("nI"));
  if (similarity.hasDim("nO") === true) model.setDim("nO", similarity.getDim("nO"));
}
