// Facts from thinc v8.1.7 thinc/layers/*.py: the registered layers that a config can spell
// (layers whose arguments are Python objects, such as PyTorchWrapper, MXNetWrapper, with_cpu and resizable, are left out).
import { z } from "zod";
import type { Sig } from "../../util/signature.js";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { anyModel, denseActivationArgs, layerArgs } from "./common.js";

const origin = "thinc";
const F2 = sig.model("Floats2d", "Floats2d");
const ANY = sig.model("Any", "Any");

function layer(name: string, description: string, args: z.ZodRawShape, returns: Sig, positional?: z.ZodType) {
  return declareFunction("layers", name, { origin, description, args, returns, positional });
}

export function registerThincLayers(registry: Registry): void {
  const add = (name: string, description: string, args: z.ZodRawShape, returns: Sig, positional?: z.ZodType) =>
    registry.register(layer(name, description, args, returns, positional));

  // Dense layers with an activation.
  const activations: Array<[string, string]> = [
    ["Relu.v1", "ReLU"],
    ["Mish.v1", "Mish"],
    ["Swish.v1", "Swish"],
    ["Gelu.v1", "GELU"],
    ["Dish.v1", "Dish (a cheap Swish-like activation)"],
    ["HardSwish.v1", "hard Swish"],
    ["HardSwishMobilenet.v1", "MobileNet's hard Swish"],
    ["HardSigmoid.v1", "hard sigmoid"],
    ["HardTanh.v1", "hard tanh"],
  ];
  for (const [name, what] of activations) {
    add(name, `Dense layer with ${what} activation`, denseActivationArgs(), F2);
  }
  add(
    "ClippedLinear.v1",
    "Dense layer whose output is slope * x + offset, clipped to [min_val, max_val]",
    {
      ...denseActivationArgs(),
      slope: z.number().default(1.0).describe("slope of the linear function"),
      offset: z.number().default(0.0).describe("offset of the linear function"),
      min_val: z.number().default(0.0).describe("lowest output value"),
      max_val: z.number().default(1.0).describe("highest output value"),
    },
    F2,
  );
  add(
    "ReluK.v1",
    "Dense layer with ReLU capped at k (ReLU6 by default)",
    { ...denseActivationArgs(), k: z.number().default(6.0).describe("cap of the activation") },
    F2,
  );
  add(
    "Maxout.v1",
    "Dense layer with maxout activation: the maximum of nP linear pieces",
    {
      nO: layerArgs.nO(),
      nI: layerArgs.nI(),
      nP: z.number().int().nullable().default(3).describe("number of maxout pieces; 2-4"),
      init_W: layerArgs.init_W(),
      init_b: layerArgs.init_b(),
      dropout: layerArgs.dropout(),
      normalize: layerArgs.normalize(),
    },
    F2,
  );
  const affine = () => ({ nO: layerArgs.nO(), nI: layerArgs.nI(), init_W: layerArgs.init_W(), init_b: layerArgs.init_b() });
  add("Linear.v1", "Dense layer without activation: X @ W.T + b", affine(), F2);
  add("Sigmoid.v1", "Dense layer with logistic activation", affine(), F2);
  add("Softmax.v1", "Dense layer with softmax activation", affine(), F2);
  add(
    "Softmax.v2",
    "Dense layer with softmax activation; can output unnormalized scores at prediction time",
    {
      ...affine(),
      normalize_outputs: z.boolean().default(true).describe("apply the softmax at prediction time (false outputs the logits)"),
      temperature: z.number().default(1.0).describe("softmax temperature; 1.0 is plain softmax"),
    },
    F2,
  );
  add(
    "MultiSoftmax.v1",
    "Dense layer with several softmax outputs side by side",
    { nOs: z.array(z.number().int()).describe("width of each softmax output"), nI: layerArgs.nI() },
    F2,
  );
  add("LayerNorm.v1", "Layer normalization with learned scale and bias", { nI: layerArgs.nI() }, F2);
  add("Logistic.v1", "Logistic (sigmoid) activation", {}, F2);
  add("softmax_activation.v1", "Softmax activation", {}, F2);
  add("sigmoid_activation.v1", "Sigmoid activation", {}, ANY);
  add("Dropout.v1", "Dropout", { rate: z.number().default(0.0).describe("dropout rate; 0.0-0.5") }, ANY);
  add("ParametricAttention.v1", "Weights each row of a ragged sequence by a learned attention vector", { nO: layerArgs.nO() }, sig.model("Ragged", "Ragged"));
  add("CauchySimilarity.v1", "Cauchy similarity of two batches of vectors", { nI: layerArgs.nI() }, sig.model("Tuple[Floats2d, Floats2d]", "Floats1d"));
  add(
    "expand_window.v1",
    "Concatenates each row with its neighbours",
    { window_size: z.number().int().default(1).describe("rows on either side; 1 is usual") },
    ANY,
  );

  // Embeddings.
  const column = () => z.number().int().nullable().default(null).describe("column of the input ids to embed; null for 1d input");
  const initializer = () => t.optionalCallback("Initializer").default(null).describe("initializer of the table; null for uniform_init");
  add(
    "HashEmbed.v1",
    "Embedding table indexed by hashes of the ids (few rows, no out-of-vocabulary issues)",
    {
      nO: z.number().int().describe("width of the vectors; 64-300"),
      nV: z.number().int().describe("rows of the table; 1000-10000"),
      seed: z.number().int().nullable().default(null).describe("hash seed; null to use the layer's id"),
      column: column(),
      initializer: initializer(),
      dropout: layerArgs.dropout(),
    },
    sig.model("Any", "Floats2d"),
  );
  add(
    "Embed.v1",
    "Embedding table indexed by ids",
    {
      nO: layerArgs.nO(),
      nV: z.number().int().nullable().default(null).describe("rows of the table"),
      column: column(),
      initializer: initializer(),
      dropout: layerArgs.dropout(),
    },
    sig.model("Any", "Floats2d"),
  );
  add("SparseLinear.v1", "Linear layer over hashed sparse features", sparseArgs(), sig.model("Tuple[ArrayXd, ArrayXd, ArrayXd]", "ArrayXd"));
  add("SparseLinear.v2", "Linear layer over hashed sparse features (v2 hashing)", sparseArgs(), sig.model("Tuple[ArrayXd, ArrayXd, ArrayXd]", "ArrayXd"));
  add(
    "remap_ids.v1",
    "Maps ids to new ids through a table",
    {
      mapping_table: z.record(z.string(), z.number().int()).default({}).describe("the id mapping"),
      default: z.number().int().default(0).describe("id for keys missing from the table"),
      dtype: z.string().default("i").describe("dtype of the output"),
    },
    sig.model("Sequence[Any]", "Ints2d"),
  );
  add(
    "remap_ids.v2",
    "Maps ids to new ids through a table",
    {
      mapping_table: z.record(z.string(), z.number().int()).nullable().default(null).describe("the id mapping"),
      default: z.number().int().default(0).describe("id for keys missing from the table"),
      column: z.number().int().nullable().default(null).describe("column of the input to map; null for 1d input"),
    },
    sig.model("Union[Sequence[Hashable], Ints1d, Ints2d]", "Ints2d"),
  );
  add("strings2arrays.v1", "Maps strings to arrays of their hashes", {}, sig.model("Sequence[Sequence[str]]", "List[Ints2d]"));

  // Recurrent layers.
  const recurrent = () => ({
    bi: z.boolean().default(false).describe("bidirectional"),
    depth: z.number().int().default(1).describe("number of stacked layers"),
    dropout: z.number().default(0.0).describe("dropout between layers; 0.0-0.5"),
  });
  add(
    "LSTM.v1",
    "LSTM over padded sequences",
    { nO: layerArgs.nO(), nI: layerArgs.nI(), ...recurrent(), init_W: layerArgs.init_W(), init_b: layerArgs.init_b() },
    sig.model("Padded", "Padded"),
  );
  add(
    "PyTorchLSTM.v1",
    "PyTorch's LSTM over padded sequences",
    { nO: z.number().int().describe("output width"), nI: z.number().int().describe("input width"), ...recurrent() },
    sig.model("Padded", "Padded"),
  );

  // Data-type conversions and reductions.
  add("list2array.v1", "Concatenates a list of arrays into one array", {}, ANY);
  add("list2ragged.v1", "Turns a list of arrays into a ragged array", {}, sig.model("Any", "Ragged"));
  add("ragged2list.v1", "Turns a ragged array into a list of arrays", {}, sig.model("Ragged", "Any"));
  add("list2padded.v1", "Turns a list of arrays into a padded batch", {}, sig.model("Any", "Padded"));
  add("padded2list.v1", "Turns a padded batch into a list of arrays", {}, sig.model("Padded", "Any"));
  for (const [name, what] of [
    ["reduce_mean.v1", "mean"],
    ["reduce_max.v1", "maximum"],
    ["reduce_sum.v1", "sum"],
    ["reduce_first.v1", "first row"],
    ["reduce_last.v1", "last row"],
  ] as const) {
    add(name, `Reduces each sequence of a ragged array to its ${what}`, {}, sig.model("Ragged", "Floats2d"));
  }

  // Combinators.
  const layerList = anyModel().describe("a layer");
  add("chain.v1", "Composes layers: the output of each is the input of the next", {}, ANY, layerList);
  add("concatenate.v1", "Runs layers on the same input and concatenates their outputs", {}, ANY, layerList);
  add("noop.v1", "Returns its input unchanged", {}, ANY, layerList);
  add(
    "add.v1",
    "Runs layers on the same input and sums their outputs",
    { layer1: anyModel().describe("first layer"), layer2: anyModel().describe("second layer") },
    ANY,
    layerList,
  );
  add(
    "tuplify.v1",
    "Runs layers on the same input and returns a tuple of their outputs",
    { layer1: anyModel().describe("first layer"), layer2: anyModel().describe("second layer") },
    sig.model("Any", "Tuple"),
    layerList,
  );
  add(
    "clone.v1",
    "Chains n copies of a layer (each with its own weights)",
    { orig: anyModel().describe("the layer to copy"), n: z.number().int().describe("number of copies") },
    ANY,
  );
  add("residual.v1", "Adds a layer's input to its output", { layer: anyModel().describe("the wrapped layer") }, ANY);
  add(
    "bidirectional.v1",
    "Runs one layer left to right and another right to left and concatenates them",
    {
      l2r: t.model("Padded", "Padded").describe("left-to-right layer"),
      r2l: z
        .union([z.null(), t.model("Padded", "Padded")])
        .default(null)
        .describe("right-to-left layer; null for a copy of l2r"),
    },
    sig.model("Padded", "Padded"),
  );
  add(
    "siamese.v1",
    "Applies one layer to both items of a pair and compares the results",
    { layer: anyModel().describe("the encoder"), similarity: anyModel().describe("compares the two encodings") },
    ANY,
  );
  add(
    "uniqued.v1",
    "Runs a layer on the unique rows only",
    { layer: anyModel().describe("the wrapped layer"), column: z.number().int().default(0).describe("column that identifies a row") },
    sig.model("Ints2d", "Floats2d"),
  );
  add(
    "with_array.v1",
    "Runs a layer that takes an array on sequences (lists, ragged, padded)",
    { layer: anyModel().describe("the wrapped layer"), pad: z.number().int().default(0).describe("padding between sequences") },
    ANY,
  );
  add(
    "with_array2d.v1",
    "Runs a layer that takes a 2d array on sequences",
    { layer: anyModel().describe("the wrapped layer"), pad: z.number().int().default(0).describe("padding between sequences") },
    ANY,
  );
  add(
    "with_padded.v1",
    "Runs a layer that takes a padded batch on other sequence types",
    { layer: t.model("Padded", "Padded").describe("the wrapped layer") },
    ANY,
  );
  add(
    "with_ragged.v1",
    "Runs a layer that takes a ragged array on other sequence types",
    { layer: t.model("Ragged", "Ragged").describe("the wrapped layer") },
    ANY,
  );
  add(
    "with_list.v1",
    "Runs a layer that takes a list of arrays on other sequence types",
    { layer: t.model("List2d", "List2d").describe("the wrapped layer") },
    ANY,
  );
  add("with_flatten.v1", "Runs a layer on the flattened items of nested sequences", { layer: anyModel().describe("the wrapped layer") }, ANY);
  add("with_flatten.v2", "Runs a layer on the flattened items of nested lists", { layer: anyModel().describe("the wrapped layer") }, ANY);
  add("with_reshape.v1", "Runs a layer that takes 2d arrays on 3d arrays", { layer: anyModel().describe("the wrapped layer") }, ANY);
  add(
    "with_getitem.v1",
    "Runs a layer on one item of a tuple",
    { idx: z.number().int().describe("index of the item"), layer: anyModel().describe("the wrapped layer") },
    sig.model("Tuple[Any, ...]", "Tuple[Any, ...]"),
  );
}

function sparseArgs(): z.ZodRawShape {
  return {
    nO: layerArgs.nO(),
    length: z
      .number()
      .int()
      .default(2 ** 18)
      .describe("number of weight rows the features hash into; 2**18 by default"),
  };
}
