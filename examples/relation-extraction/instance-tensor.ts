/**
 * rel_instance_tensor.v1: one row per candidate pair of entities, the pooled vectors of the
 * first entity's tokens followed by those of the second's (create_tensors in spaCy's
 * tutorials/rel_component). A layer with its own forward and backprop, in Thinc's style: the
 * forward gathers each entity's token rows out of the tok2vec output and pools them; the
 * backprop scatters the pooled gradient back onto those tokens and hands it to the tok2vec.
 */
import * as tf from "@tensorflow/tfjs-core";
import { type Doc, Model, TsnlpError } from "tsnlp";
import type { GetInstances } from "./instances.js";

type Floats2d = tf.Tensor2D;

/**
 * What a pooling layer such as reduce_mean.v1 reads of its Ragged input: the rows of every
 * entity one after another, and how many rows each entity has.
 */
export interface EntityRows {
  data: Floats2d;
  lengths: Int32Array;
}

export type Tok2VecModel = Model<Doc[], Floats2d[]>;
export type PoolingModel = Model<EntityRows, Floats2d>;
export type InstanceTensorModel = Model<Doc[], Floats2d>;

export function instanceTensor(tok2vec: Tok2VecModel, pooling: PoolingModel, getInstances: GetInstances): InstanceTensorModel {
  return new Model<Doc[], Floats2d>("instance_tensors", forward, {
    init,
    dims: { nO: null },
    layers: [tok2vec, pooling],
    refs: { tok2vec, pooling },
    attrs: { get_instances: getInstances },
  });
}

/** Where the rows of a batch's entities sit in the batch's token vectors. */
interface Gathering {
  /** Row of each gathered token in the concatenated token vectors of the batch. */
  rows: Int32Array;
  /** Tokens per entity: head then child for each pair, pair after pair. */
  lengths: Int32Array;
  pairs: number;
}

function gathering(docs: readonly Doc[], getInstances: GetInstances): Gathering {
  const rows: number[] = [];
  const lengths: number[] = [];
  let offset = 0;
  for (const doc of docs) {
    for (const pair of getInstances(doc)) {
      for (const entity of pair) {
        for (let i = entity.start; i < entity.end; i++) rows.push(offset + i);
        lengths.push(entity.end - entity.start);
      }
    }
    offset += doc.length;
  }
  return { rows: Int32Array.from(rows), lengths: Int32Array.from(lengths), pairs: lengths.length / 2 };
}

function forward(model: InstanceTensorModel, docs: Doc[], isTrain: boolean): [Floats2d, (dY: Floats2d) => Doc[]] {
  const tok2vec = model.getRef("tok2vec") as Tok2VecModel;
  const pooling = model.getRef("pooling") as PoolingModel;
  const { rows, lengths, pairs } = gathering(docs, model.attrs.get_instances as GetInstances);
  const [tokvecs, backpropTokvecs] = tok2vec.call(docs, isTrain);
  const width = tokvecs[0]?.shape[1] ?? tok2vec.getDim("nO");
  const docLengths = docs.map((doc) => doc.length);
  const nTokens = docLengths.reduce((sum, n) => sum + n, 0);
  if (pairs === 0) {
    // No candidates: an empty batch of rows, and no gradient for the token vectors.
    return [tf.zeros([0, 2 * width]), () => docs];
  }
  const all = tokvecs.length === 1 ? tokvecs[0]! : tf.concat(tokvecs, 0);
  const index = tf.tensor1d(rows, "int32");
  const [pooled, backpropPooled] = pooling.call({ data: tf.gather(all, index), lengths }, isTrain);
  // Rows 2k and 2k+1 of the pooled entities are pair k's head and child: side by side, one row per pair.
  const relations = tf.reshape(pooled, [pairs, 2 * width]) as Floats2d;

  const backprop = (dRelations: Floats2d): Doc[] => {
    const dPooled = tf.reshape(dRelations, [2 * pairs, width]) as Floats2d;
    const dGathered = backpropPooled(dPooled).data;
    // A token gathered more than once (its entity is in several pairs) gets the sum of its
    // gradients: scatterND adds up the updates of repeated rows.
    const dAll = tf.scatterND(tf.reshape(index, [rows.length, 1]), dGathered, [nTokens, width]) as Floats2d;
    backpropTokvecs(tf.split(dAll, docLengths, 0) as Floats2d[]);
    return docs;
  };
  return [relations, backprop];
}

/** Shape inference: the tok2vec learns its sizes from the sample; each row is two of its vectors. */
function init(model: InstanceTensorModel, X?: Doc[]): void {
  const tok2vec = model.getRef("tok2vec") as Tok2VecModel;
  tok2vec.initialize(X);
  if (tok2vec.hasDim("nO") !== true) {
    throw new TsnlpError("E_REL_TOK2VEC_WIDTH", "rel_instance_tensor.v1: its tok2vec layer has no output width after initialization.", {
      hint: "Give the tok2vec layer a width in the config (for a listener: width = ${components.tok2vec.model.encode.width}).",
    });
  }
  if (model.hasDim("nO") !== true) model.setDim("nO", 2 * tok2vec.getDim("nO"));
}
