import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode } from "@msgpack/msgpack";
import { selectBackend } from "../../src/ml/backend.js";
import { layerNorm } from "../../src/ml/layers/layer-norm.js";
import { linear } from "../../src/ml/layers/linear.js";
import { mish } from "../../src/ml/layers/mish.js";
import { multiSoftmax } from "../../src/ml/layers/multi-softmax.js";
import { parametricAttention } from "../../src/ml/layers/parametric-attention.js";
import { precomputableAffine } from "../../src/ml/layers/precomputable-affine.js";
import { relu } from "../../src/ml/layers/relu.js";
import { sigmoid } from "../../src/ml/layers/sigmoid.js";
import { softmax } from "../../src/ml/layers/softmax.js";
import { sparseLinear } from "../../src/ml/layers/sparse-linear.js";
import { swish } from "../../src/ml/layers/swish.js";
import { type AnyModel, withScope } from "../../src/ml/model.js";
import { modelFromBytes, modelFromDisk, modelToBytes, modelToDisk } from "../../src/ml/serialize.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, Ragged } from "../../src/ml/types.js";
import { TsnlpError } from "../../src/util/errors.js";

/** Non-trivial values in every param, so a round trip that dropped one would show. */
function randomizeParams(model: AnyModel): void {
  let seed = 1;
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      if (node.hasParam(name) !== true) continue;
      const shape = node.getParam(name).shape;
      node.setParam(
        name,
        tf.tidy(() => tf.randomNormal(shape, 0, 0.5, "float32", seed++)),
      );
    }
  }
}

interface Case {
  name: string;
  make: () => AnyModel;
  sample: () => unknown;
  output: (Y: unknown) => Tensor;
}

const X = () => tf.randomNormal([4, 6], 0, 1, "float32", 2) as Floats2d;
const same = (Y: unknown) => Y as Tensor;
const cases: Case[] = [
  { name: "Linear", make: () => linear({ nO: 3 }), sample: X, output: same },
  { name: "Relu + LayerNorm + Dropout", make: () => relu({ nO: 3, normalize: true, dropout: 0.2 }), sample: X, output: same },
  { name: "Mish", make: () => mish({ nO: 3 }), sample: X, output: same },
  { name: "Swish", make: () => swish({ nO: 3 }), sample: X, output: same },
  { name: "Sigmoid", make: () => sigmoid({ nO: 3 }), sample: X, output: same },
  { name: "Softmax.v2", make: () => softmax({ nO: 3, temperature: 2 }), sample: X, output: same },
  { name: "MultiSoftmax", make: () => multiSoftmax({ nOs: [1, 2] }), sample: X, output: same },
  { name: "LayerNorm", make: () => layerNorm(), sample: X, output: same },
  { name: "ParametricAttention", make: () => parametricAttention(), sample: () => new Ragged(X(), Int32Array.from([1, 3])), output: (Y) => (Y as Ragged).data },
  { name: "PrecomputableAffine", make: () => precomputableAffine({ nO: 3, nF: 2, nP: 2 }), sample: X, output: same },
  {
    name: "SparseLinear",
    make: () => sparseLinear({ nO: 3, length: 32 }),
    sample: () => [BigUint64Array.from([7n, 9n, 11n]), Float32Array.from([1, 2, 3]), Int32Array.from([2, 1])],
    output: same,
  },
];

describe("model serialization", () => {
  let dir: string;
  before(async () => {
    await selectBackend();
    dir = mkdtempSync(join(tmpdir(), "tsnlp-serialize-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.name}: toBytes / fromBytes into a freshly built model gives identical predictions`, () => {
      withScope(() => {
        const sample = c.sample();
        const model = c.make();
        if (c.name === "SparseLinear") model.initialize();
        else model.initialize(sample);
        randomizeParams(model);
        const bytes = modelToBytes(model);
        const fresh = modelFromBytes(c.make(), bytes);
        const expected = c.output(model.predict(sample)).dataSync();
        const got = c.output(fresh.predict(sample)).dataSync();
        assert.deepEqual([...got], [...expected]);
        assert.deepEqual(modelToBytes(fresh), bytes, "saving the loaded model gives the same bytes");
        model.dispose();
        fresh.dispose();
      });
    });
  }

  it("lays the data out as documented: nodes in walk order with name, dims, params and plain attrs", () => {
    const model = relu({ nO: 2, dropout: 0.3 }).initialize(tf.zeros([1, 3]) as Floats2d);
    model.getNode("dropout")!.attrs.callback = () => 1;
    const msg = decode(modelToBytes(model)) as { format: string; version: number; nodes: Array<Record<string, never>> };
    assert.equal(msg.format, "tsnlp.model");
    assert.equal(msg.version, 1);
    assert.deepEqual(
      msg.nodes.map((node) => node.name),
      [...model.walk()].map((node) => node.name),
    );
    const reluNode = msg.nodes[1] as unknown as { dims: Record<string, number>; params: Record<string, { shape: number[]; dtype: string; data: Uint8Array }> };
    assert.deepEqual(reluNode.dims, { nO: 2, nI: 3 });
    assert.deepEqual(reluNode.params.W!.shape, [3, 2]);
    assert.equal(reluNode.params.W!.dtype, "float32");
    assert.equal(reluNode.params.W!.data.byteLength, 3 * 2 * 4);
    const dropoutAttrs = (msg.nodes[2] as unknown as { attrs: Record<string, unknown> }).attrs;
    assert.equal(dropoutAttrs.dropout_rate, 0.3);
    assert.equal("callback" in dropoutAttrs, false, "functions are not saved");
    model.dispose();
  });

  it("restores attrs (Softmax temperature, dropout rate)", () => {
    const model = relu({ nO: 2, dropout: 0.3 }).initialize(tf.zeros([1, 3]) as Floats2d);
    model.setDropoutRate(0.1);
    const fresh = modelFromBytes(relu({ nO: 2, dropout: 0.3 }), modelToBytes(model));
    assert.equal(fresh.getNode("dropout")!.attrs.dropout_rate, 0.1);
    model.dispose();
    fresh.dispose();
  });

  it("names the node and param or dim when the architecture does not match, and changes nothing", () => {
    const model = linear({ nO: 3 }).initialize(tf.zeros([1, 4]) as Floats2d);
    const bytes = modelToBytes(model);
    assert.throws(
      () => modelFromBytes(relu({ nO: 3 }), bytes),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_MODEL_LOAD" && /Node 0 of the saved model is 'linear'.*'relu'/.test(error.message),
    );
    const wider = linear({ nO: 5 });
    assert.throws(() => modelFromBytes(wider, bytes), /Dimension 'nO' of node 0 \('linear'\) is 5, but the saved model has 3/);
    assert.equal(wider.hasDim("nI"), null, "nothing was loaded");
    assert.throws(() => modelFromBytes(linear({ nO: 3, nI: 2 }), bytes), /Dimension 'nI' of node 0 \('linear'\) is 2, but the saved model has 4/);
    const chained = relu({ nO: 3, normalize: true });
    assert.throws(() => modelFromBytes(chained, bytes), /has 1 nodes, but the model it is loaded into has 3/);
    assert.throws(() => modelFromBytes(linear(), new Uint8Array([1, 2, 3])), /not a tsnlp model|not valid msgpack/);
    model.dispose();
  });

  it("checks param shapes of allocated params", () => {
    const saved = linear({ nO: 3 }).initialize(tf.zeros([1, 4]) as Floats2d);
    const target = linear({ nO: 3 }).initialize(tf.zeros([1, 4]) as Floats2d);
    target.setParam("W", tf.zeros([2, 3]));
    // nI is set to 4 but W is (2, 3): the param check catches it.
    assert.throws(() => modelFromBytes(target, modelToBytes(saved)), /Param 'W' of node 0 \('linear'\) has shape \[2, 3\], but the saved one has \[4, 3\]/);
    saved.dispose();
    target.dispose();
  });

  it("writes to disk atomically and reads back", () => {
    const model = relu({ nO: 3, normalize: true }).initialize(tf.zeros([2, 4]) as Floats2d);
    randomizeParams(model);
    const path = join(dir, "sub", "model.bin");
    modelToDisk(model, path);
    assert.deepEqual(readdirSync(join(dir, "sub")), ["model.bin"], "no temporary file is left behind");
    const fresh = modelFromDisk(relu({ nO: 3, normalize: true }), path);
    withScope(() => {
      const input = tf.randomNormal([2, 4]) as Floats2d;
      assert.deepEqual([...fresh.predict(input).dataSync()], [...model.predict(input).dataSync()]);
    });
    assert.throws(
      () => modelFromDisk(relu(), join(dir, "missing.bin")),
      (error: unknown) => error instanceof TsnlpError && error.file === join(dir, "missing.bin"),
    );
    model.dispose();
    fresh.dispose();
  });
});
