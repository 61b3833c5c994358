import { strict as assert } from "node:assert";
import { parseConfig } from "../../src/config/load.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { selectBackend } from "../../src/ml/backend.js";
import { add } from "../../src/ml/layers/add.js";
import { chain, getWidth } from "../../src/ml/layers/chain.js";
import { clone } from "../../src/ml/layers/clone.js";
import { concatenate } from "../../src/ml/layers/concatenate.js";
import { flatten, list2array, unflatten } from "../../src/ml/layers/list2array.js";
import { list2padded } from "../../src/ml/layers/list2padded.js";
import { list2ragged } from "../../src/ml/layers/list2ragged.js";
import { noop } from "../../src/ml/layers/noop.js";
import { padded2list } from "../../src/ml/layers/padded2list.js";
import { ragged2list } from "../../src/ml/layers/ragged2list.js";
import { residual } from "../../src/ml/layers/residual.js";
import { withArray } from "../../src/ml/layers/with-array.js";
import { withCpu } from "../../src/ml/layers/with-cpu.js";
import { withGetitem } from "../../src/ml/layers/with-getitem.js";
import { withList } from "../../src/ml/layers/with-list.js";
import { withPadded } from "../../src/ml/layers/with-padded.js";
import { withRagged } from "../../src/ml/layers/with-ragged.js";
import { type AnyModel, Model, withScope } from "../../src/ml/model.js";
import { registerCombinators } from "../../src/ml/register-combinators.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { type Floats2d, type Floats3d, Ints2d, Padded, Ragged } from "../../src/ml/types.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";
import { affine, sgd } from "../helpers/layers.js";


/** Lengths of the sample sequences: an empty one and a tie included, so sorting and padding are exercised. */
const LENGTHS = Int32Array.from([2, 4, 0, 4, 1]);
const TOTAL = 11;

function sampleRows(nI: number, seed = 1): Floats2d {
  return tf.randomNormal([TOTAL, nI], 0, 1, "float32", seed) as Floats2d;
}

/** The batch kinds a case takes; `run` turns a flat (rows, nI) tensor into the kind and the model's output back into tensors. */
type Kind = "array" | "list" | "ragged" | "padded";

function toKind(kind: Kind, X: Floats2d): unknown {
  if (kind === "array") return X;
  const list = unflatten(X, LENGTHS);
  if (kind === "list") return list;
  if (kind === "ragged") return new Ragged(X, LENGTHS);
  return list2padded().predict(list);
}

/** Every output tensor of a batch of any kind, and the inverse: a batch of the same kind from gradient tensors. */
function tensorsOf(Y: unknown): Tensor[] {
  if (Y instanceof tf.Tensor) return [Y as Tensor];
  if (Y instanceof Ragged) return [Y.data];
  if (Y instanceof Padded) return [Y.data];
  return (Y as unknown[]).flatMap(tensorsOf);
}

function likeOf(Y: unknown, dY: Tensor[]): unknown {
  if (Y instanceof tf.Tensor) return dY[0];
  if (Y instanceof Ragged) return new Ragged(dY[0] as Floats2d, Y.lengths);
  if (Y instanceof Padded) return new Padded(dY[0] as Floats3d, Y.sizeAtT, Y.lengths, Y.indices);
  let at = 0;
  return (Y as unknown[]).map((item) => {
    const n = tensorsOf(item).length;
    const part = likeOf(item, dY.slice(at, at + n));
    at += n;
    return part;
  });
}

/** The gradient with respect to the flat input, from a gradient of the given kind. */
function flatGradient(kind: Kind, dX: unknown): Tensor {
  if (kind === "array") return dX as Tensor;
  if (kind === "list") return flatten(dX as Floats2d[]);
  if (kind === "ragged") return (dX as Ragged).data;
  return flatten(padded2list().predict(dX as Padded));
}

function assertSameList(got: Tensor[], expected: Tensor[]): void {
  assert.deepEqual(
    got.map((x) => x.arraySync()),
    expected.map((x) => x.arraySync()),
  );
}

interface Case {
  name: string;
  build: () => AnyModel;
  kind: Kind;
  nI: number;
  /** Shapes of the output tensors, in tensorsOf order. */
  shapes: number[][];
  dims?: Record<string, number>;
}

const cases: Case[] = [
  { name: "chain(affine, affine)", build: () => chain(affine(3), affine(2)), kind: "array", nI: 4, shapes: [[TOTAL, 2]], dims: { nI: 4, nO: 2 } },
  { name: "chain of three", build: () => chain(affine(3, 4), affine(5), affine(2)), kind: "array", nI: 4, shapes: [[TOTAL, 2]], dims: { nI: 4, nO: 2 } },
  { name: "concatenate", build: () => concatenate(affine(3), affine(2), affine(1)), kind: "array", nI: 4, shapes: [[TOTAL, 6]], dims: { nI: 4, nO: 6 } },
  {
    name: "concatenate over lists",
    build: () => concatenate(withArray(affine(3)), withArray(affine(2))),
    kind: "list",
    nI: 4,
    shapes: [...LENGTHS].map((n) => [n, 5]),
  },
  {
    name: "concatenate over ragged",
    build: () => concatenate(withArray(affine(3), { seq: "ragged" }), withArray(affine(2), { seq: "ragged" })),
    kind: "ragged",
    nI: 4,
    shapes: [[TOTAL, 5]],
  },
  { name: "add", build: () => add(affine(3), affine(3), affine(3)), kind: "array", nI: 4, shapes: [[TOTAL, 3]], dims: { nI: 4, nO: 3 } },
  { name: "residual", build: () => residual(affine(4, 4)), kind: "array", nI: 4, shapes: [[TOTAL, 4]], dims: { nI: 4, nO: 4 } },
  { name: "residual over lists", build: () => residual(withArray(affine(4, 4))), kind: "list", nI: 4, shapes: [...LENGTHS].map((n) => [n, 4]) },
  { name: "clone", build: () => clone(affine(4, 4), 3), kind: "array", nI: 4, shapes: [[TOTAL, 4]], dims: { nI: 4, nO: 4 } },
  { name: "noop", build: () => noop<Floats2d>(), kind: "array", nI: 4, shapes: [[TOTAL, 4]] },
  { name: "with_cpu", build: () => withCpu(affine(2)), kind: "array", nI: 4, shapes: [[TOTAL, 2]] },
  { name: "with_array on a list", build: () => withArray(affine(3)), kind: "list", nI: 4, shapes: [...LENGTHS].map((n) => [n, 3]), dims: { nI: 4, nO: 3 } },
  { name: "with_array on a list, padded", build: () => withArray(affine(3), { pad: 2 }), kind: "list", nI: 4, shapes: [...LENGTHS].map((n) => [n, 3]) },
  { name: "with_array on ragged", build: () => withArray(affine(3), { seq: "ragged" }), kind: "ragged", nI: 4, shapes: [[TOTAL, 3]] },
  { name: "with_array on padded", build: () => withArray(affine(3), { seq: "padded" }), kind: "padded", nI: 4, shapes: [[4, 5, 3]] },
  { name: "with_array on an array", build: () => withArray(affine(3), { seq: "array" }), kind: "array", nI: 4, shapes: [[TOTAL, 3]] },
  {
    name: "with_padded on a list",
    build: () => withPadded(withArray(affine(3), { seq: "padded" })),
    kind: "list",
    nI: 4,
    shapes: [...LENGTHS].map((n) => [n, 3]),
  },
  {
    name: "with_padded on ragged",
    build: () => withPadded(withArray(affine(3), { seq: "padded" }), { seq: "ragged" }),
    kind: "ragged",
    nI: 4,
    shapes: [[TOTAL, 3]],
  },
  { name: "with_list on ragged", build: () => withList(withArray(affine(3))), kind: "ragged", nI: 4, shapes: [[TOTAL, 3]] },
  { name: "with_list on padded", build: () => withList(withArray(affine(3)), { seq: "padded" }), kind: "padded", nI: 4, shapes: [[4, 5, 3]] },
  {
    name: "with_ragged on a list",
    build: () => withRagged(withArray(affine(3), { seq: "ragged" })),
    kind: "list",
    nI: 4,
    shapes: [...LENGTHS].map((n) => [n, 3]),
  },
  {
    name: "with_ragged on padded",
    build: () => withRagged(withArray(affine(3), { seq: "ragged" }), { seq: "padded" }),
    kind: "padded",
    nI: 4,
    shapes: [[4, 5, 3]],
  },
  {
    name: "list2ragged >> with_array >> ragged2list",
    build: () => chain(list2ragged(), withArray(affine(3), { seq: "ragged" }), ragged2list()),
    kind: "list",
    nI: 4,
    shapes: [...LENGTHS].map((n) => [n, 3]),
  },
  {
    name: "list2padded >> with_array >> padded2list",
    build: () => chain(list2padded(), withArray(affine(3), { seq: "padded" }), padded2list()),
    kind: "list",
    nI: 4,
    shapes: [...LENGTHS].map((n) => [n, 3]),
  },
  { name: "list2array >> affine", build: () => chain(list2array(), affine(3)), kind: "list", nI: 4, shapes: [[TOTAL, 3]] },
];

describe("combinators and data-shape layers", () => {
  before(async () => {
    await selectBackend();
  });

  for (const c of cases) {
    it(`${c.name}: forward shapes, dims, and backprop against finite differences`, () => {
      const X = tf.keep(sampleRows(c.nI));
      const model = c.build();
      withScope(() => model.initialize(toKind(c.kind, X)));
      for (const [dim, value] of Object.entries(c.dims ?? {})) assert.equal(model.getDim(dim), value, `dim ${dim}`);
      withScope(() => {
        const Y = model.predict(toKind(c.kind, X));
        assert.deepEqual(
          tensorsOf(Y).map((y) => y.shape),
          c.shapes,
        );
      });
      const run = (input: Tensor, isTrain: boolean): [Tensor[], (dY: Tensor[]) => Tensor] => {
        const [Y, backprop] = model.call(toKind(c.kind, input as Floats2d), isTrain);
        return [tensorsOf(Y), (dY) => flatGradient(c.kind, backprop(likeOf(Y, dY)))];
      };
      if ([...model.walk()].some((node) => node.paramNames.length > 0)) {
        assert.ok(checkParamGradients(model, (isTrain) => run(X, isTrain)) > 0);
      }
      checkInputGradient(run, X);
      X.dispose();
      model.dispose();
    });
  }

  it("chain infers dims from sample data and refuses no layers", () => {
    const model = chain(affine(null), affine(2));
    assert.equal(model.name, "affine>>affine");
    assert.equal(model.hasDim("nI"), null);
    assert.equal(model.getDim("nO"), 2);
    const count = tf.memory().numTensors;
    const X = tf.zeros([3, 5]) as Floats2d;
    const Y = tf.zeros([3, 2]) as Floats2d;
    model.initialize(X, Y);
    assert.equal(model.getDim("nI"), 5);
    assert.equal(model.layers[0]!.getDim("nO"), 2, "the open nO of a layer comes from Y");
    assert.equal(model.layers[1]!.getDim("nI"), 2);
    assert.equal(tf.memory().numTensors, count + 2 + 4, "only the samples and the params remain");
    X.dispose();
    Y.dispose();
    model.dispose();
  });

  it("concatenate and add flatten nested uses as Thinc does; clone copies weights apart", () => {
    const a = affine(1, 2);
    const b = affine(1, 2);
    const c = affine(1, 2);
    const joined = concatenate(concatenate(a, b), c);
    assert.equal(joined.layers.length, 3);
    assert.equal(joined.name, "affine|affine");
    assert.equal(add(add(a, b), c).layers.length, 3);
    const cloned = clone(affine(2, 2).initialize(), 3);
    assert.equal(cloned.layers.length, 3);
    assert.equal(new Set(cloned.layers.map((layer) => layer.id)).size, 3);
    assert.notEqual(cloned.layers[0]!.getParam("W"), cloned.layers[1]!.getParam("W"));
    assert.deepEqual(cloned.layers[0]!.getParam("W").dataSync(), cloned.layers[1]!.getParam("W").dataSync());
    assert.equal(clone(a, 1), a);
    assert.equal(clone(a, 0).name, "noop");
    cloned.dispose();
  });

  it("list, ragged and padded conversions are exact inverses, empty sequences included", () => {
    withScope(() => {
      const X = sampleRows(3);
      const list = unflatten(X, LENGTHS);
      assert.deepEqual(
        list.map((x) => x.shape),
        [...LENGTHS].map((n) => [n, 3]),
      );
      for (const pad of [0, 1, 3]) {
        const flat = flatten(list, pad);
        assert.equal(flat.shape[0], TOTAL + (pad > 0 ? pad * 5 : 0), "no padding around the empty sequence");
        const back = unflatten(flat, LENGTHS, pad);
        assertSameList(back, list);
      }
      const [ragged, toList] = list2ragged().call(list, true);
      assert.deepEqual([...ragged.lengths], [...LENGTHS]);
      assert.deepEqual(ragged.data.arraySync(), X.arraySync());
      assertSameList(toList(ragged), list);
      const [again, toRagged] = ragged2list().call(ragged, true);
      assert.deepEqual(toRagged(again).data.arraySync(), X.arraySync());
      const [array, fromArray] = list2array().call(list, true);
      assert.deepEqual(array.arraySync(), X.arraySync());
      assertSameList(fromArray(array), list);

      const [padded, unpad] = list2padded().call(list, true);
      // Longest first; equal lengths by later index first (Thinc sorts (length, index) pairs in reverse).
      assert.deepEqual([...padded.indices], [3, 1, 0, 4, 2]);
      assert.deepEqual([...padded.lengths], [4, 4, 2, 1, 0]);
      assert.deepEqual([...padded.sizeAtT], [4, 3, 2, 2]);
      assert.deepEqual(padded.data.shape, [4, 5, 3]);
      const data = padded.data.arraySync();
      const rows = X.arraySync();
      assert.deepEqual(data[1]![0], rows[7], "step 1 of sequence 3 (rows 6..9)");
      assert.deepEqual(data[3]![2], [0, 0, 0], "padding is zero");
      assertSameList(unpad(padded), list);
      const [unpadded, repad] = padded2list().call(padded, true);
      assertSameList(unpadded, list);
      assert.deepEqual(repad(unpadded).data.arraySync(), data);
      const single = list2padded().predict([list[1]!]);
      assert.deepEqual([...single.sizeAtT], [1, 1, 1, 1]);
      assert.deepEqual(padded2list().predict(single)[0]!.arraySync(), list[1]!.arraySync());
      assert.deepEqual(list2padded().predict([]).data.shape, [0, 0, 0]);
      assert.deepEqual(flatten<Floats2d>([]).shape, [0, 0]);
    });
  });

  it("keeps integer ids on the host through list2ragged and with_array", () => {
    const ids = [new Ints2d(Int32Array.from([1, 2, 3, 4]), 2, 2), new Ints2d(new Int32Array(0), 0, 2), new Ints2d(Int32Array.from([5, 6]), 1, 2)];
    const ragged = list2ragged<Ints2d>().predict(ids);
    assert.ok(ragged.data instanceof Ints2d);
    assert.deepEqual([...ragged.data.data], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual([...ragged.lengths], [2, 0, 1]);
    const padded = flatten(ids, 1);
    assert.deepEqual([...padded.data], [0, 0, 1, 2, 3, 4, 0, 0, 5, 6, 0, 0]);
    assert.deepEqual(
      unflatten(padded, ragged.lengths, 1).map((x) => [...x.data]),
      [[1, 2, 3, 4], [], [5, 6]],
    );
    assert.equal(getWidth(ragged), 2);
    const seen: number[] = [];
    const spy = new Model<Ints2d, Floats2d>("spy", (_m, X) => {
      seen.push(X.rows);
      return [tf.zeros([X.rows, 1]) as Floats2d, () => X];
    });
    withScope(() => withArray(spy, { seq: "ragged" }).predict(ragged));
    assert.deepEqual(seen, [3]);
  });

  it("with_getitem runs its layer on one item and passes the others through", () => {
    withScope(() => {
      const layer = affine(2, 3);
      const model = withGetitem(1, layer);
      const X0 = tf.ones([2, 7]);
      const X1 = tf.ones([4, 3]);
      model.initialize([X0, X1]);
      const [Y, backprop] = model.call([X0, X1], true);
      assert.equal(Y[0], X0);
      assert.deepEqual((Y[1] as Tensor).shape, [4, 2]);
      const d0 = tf.zeros([2, 7]);
      const dX = backprop([d0, tf.ones([4, 2])]);
      assert.equal(dX[0], d0);
      assert.deepEqual((dX[1] as Tensor).shape, [4, 3]);
      assert.ok(layer.hasGrad("W"));
      model.dispose();
    });
  });

  it("holds the tensor count flat across 100 updates", () => {
    const model = chain(affine(3), affine(2));
    const wrapped = withArray(chain(affine(3), affine(2)), { pad: 1 });
    const X = tf.keep(sampleRows(4)) as Floats2d;
    model.initialize(X);
    withScope(() => wrapped.initialize(unflatten(X, LENGTHS)));
    const step = () =>
      withScope(() => {
        const [Y, backprop] = model.beginUpdate(X);
        backprop(tf.mul(Y, 0.01) as Floats2d);
        model.finishUpdate(sgd(0.01));
        const [Ys, backpropList] = wrapped.beginUpdate(unflatten(X, LENGTHS));
        backpropList(Ys.map((y) => tf.mul(y, 0.01) as Floats2d));
        wrapped.finishUpdate(sgd(0.01));
      });
    step();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) step();
    assert.equal(tf.memory().numTensors, count);
    X.dispose();
    model.dispose();
    wrapped.dispose();
  });

  it("builds from a config through the registry", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    registerCombinators(registry);
    const config = parseConfig(
      [
        "[model]",
        '@layers = "chain.v1"',
        "",
        "[model.*.to_ragged]",
        '@layers = "list2ragged.v1"',
        "",
        "[model.*.back]",
        '@layers = "ragged2list.v1"',
        "",
        "[other]",
        '@layers = "clone.v1"',
        "n = 2",
        "",
        "[other.orig]",
        '@layers = "noop.v1"',
      ].join("\n"),
      { file: "inline.cfg" },
    );
    const resolved = resolveConfig(config.tree, registry) as { model: AnyModel; other: AnyModel };
    assert.equal(resolved.model.name, "list2ragged>>ragged2list");
    assert.equal(resolved.other.name, "noop>>noop");
    const build = registry.get("layers", "add.v1").build!;
    const built = build({ layer1: affine(2, 2), layer2: affine(2, 2) }, [affine(2, 2)]) as AnyModel;
    assert.equal(built.layers.length, 3);
    assert.throws(() => registry.get("layers", "concatenate.v1").build!({}, [affine(1, 1), 3]), /positional argument 2 is not a model/);
  });
});
