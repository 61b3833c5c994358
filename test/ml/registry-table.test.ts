/**
 * One table-driven test over every implemented name in the "layers" and "architectures"
 * registries (the table: registry-table-cases.ts). For each: build from a config block through
 * resolveConfig, initialize on a sample of the declared input type, forward, check the output
 * against the declared output type, backprop, compare gradients with finite differences,
 * batched == unbatched, toBytes / fromBytes, and a flat tensor count across updates.
 * A newly implemented name without a table entry (or an explicit skip) fails the test.
 */
import { strict as assert } from "node:assert";
import { resolveConfig } from "../../src/config/resolve.js";
import type { Section } from "../../src/config/tree.js";
import { validateConfig } from "../../src/config/validate.js";
import { implementBuiltins } from "../../src/implementations.js";
import { selectBackend } from "../../src/ml/backend.js";
import { registerExtraModels } from "../../src/ml/models/register-models-extra.js";
import { registerRecurrentLayers } from "../../src/ml/register-recurrent.js";
import { type AnyModel, Model, type Optimizer, withScope } from "../../src/ml/model.js";
import { modelFromBytes, modelToBytes } from "../../src/ml/serialize.js";
import { type Tensor, tf } from "../../src/ml/tf.js";
import { Ints2d, Padded, Ragged, Uint64s2d } from "../../src/ml/types.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { formatSig, signatureOf } from "../../src/util/signature.js";
import { checkInputGradient, checkParamGradients } from "../helpers/gradcheck.js";
import { ARCHITECTURES, type Case, checkRows, describeValue, LAYERS, registerTestFunctions, SKIPS, TYPES } from "./registry-table-cases.js";

const REGISTRIES = ["layers", "architectures"] as const;
type Reg = (typeof REGISTRIES)[number];
const TABLES: Record<Reg, Record<string, Case>> = { layers: LAYERS, architectures: ARCHITECTURES };

const sgd: Optimizer = { update: (_key, param, grad) => tf.sub(param, tf.mul(grad, 0.01)) };

const registry = new Registry();
registerBuiltins(registry);
implementBuiltins(registry);
// Until src/implementations.ts calls them; implementing a name twice is harmless.
registerRecurrentLayers(registry);
registerExtraModels(registry);
/** Every implemented builtin, before the test's own helpers join the registry. */
const implemented = REGISTRIES.flatMap((reg) =>
  registry
    .names(reg)
    .filter((name) => registry.get(reg, name).build !== undefined)
    .map((name) => ({ reg, name })),
);
registerTestFunctions(registry);

// ---- structure helpers: the float tensors inside a batch of any type ----

/** Rebuild a value with each float tensor inside (tensors, Ragged and Padded data, lists, tuples) mapped. */
function mapTensors(value: unknown, fn: (t: Tensor) => Tensor): unknown {
  if (value instanceof tf.Tensor) return value.dtype === "float32" ? fn(value as Tensor) : value;
  if (value instanceof Ragged) return value.data instanceof tf.Tensor ? new Ragged(fn(value.data as Tensor) as never, value.lengths) : value;
  if (value instanceof Padded) return new Padded(fn(value.data) as never, value.sizeAtT, value.lengths, value.indices);
  if (Array.isArray(value)) return value.map((item) => mapTensors(item, fn));
  return value;
}

function tensorsOf(value: unknown): Tensor[] {
  const out: Tensor[] = [];
  mapTensors(value, (t) => {
    out.push(t);
    return t;
  });
  return out;
}

function replaceTensors(value: unknown, tensors: Tensor[]): unknown {
  let at = 0;
  return mapTensors(value, () => tensors[at++]!);
}

/** A value's data as lists of numbers, one per component (a Ragged: data, lengths; a tuple: its items'). */
function parts(value: unknown, list: boolean): number[][] {
  if (value instanceof tf.Tensor) return [Array.from(value.dataSync() as Float32Array)];
  if (value instanceof Ragged) return [...parts(value.data, false), Array.from(value.lengths)];
  if (value instanceof Padded) return [Array.from(value.data.dataSync())];
  if (value instanceof Ints2d) return [Array.from(value.data)];
  if (value instanceof Uint64s2d) return [Array.from(value.words)];
  if (value instanceof BigUint64Array) return [Array.from(value, Number)];
  if (ArrayBuffer.isView(value)) return [Array.from(value as unknown as ArrayLike<number>)];
  if (Array.isArray(value)) {
    const items = value.map((item) => parts(item, false));
    return list ? [items.flat(2)] : items.flat();
  }
  throw new Error(`cannot compare ${describeValue(value)}`);
}

function assertClose(got: number[][], want: number[][], what: string, tol = 1e-4): void {
  assert.equal(got.length, want.length, `${what}: components`);
  got.forEach((g, k) => {
    const w = want[k]!;
    assert.equal(g.length, w.length, `${what}: size of component ${k}`);
    for (let i = 0; i < g.length; i++) {
      assert.ok(Math.abs(g[i]! - w[i]!) <= tol * (1 + Math.abs(w[i]!)), `${what}: component ${k}[${i}]: ${g[i]} vs ${w[i]}`);
    }
  });
}

/** Seeded params of a useful size: reproducible kinks, and no layer stuck at a zero init. */
function randomizeParams(model: AnyModel): void {
  let seed = 1;
  for (const node of model.walk()) {
    for (const name of node.paramNames) {
      if (node.hasParam(name) !== true || node.getParam(name).dtype !== "float32") continue;
      const shape = node.getParam(name).shape;
      node.setParam(
        name,
        tf.tidy(() => tf.randomUniform(shape, -0.5, 0.5, "float32", seed++)),
      );
    }
  }
}

const hasParams = (model: AnyModel) => [...model.walk()].some((node) => node.paramNames.length > 0);

// ---- one entry ----

interface Resolved {
  c: Case;
  reg: Reg;
  name: string;
  inType: string;
  outType: string;
  block: Section;
  sample: () => unknown;
}

function resolveCase(reg: Reg, name: string, c: Case): Resolved {
  const decl = registry.get(reg, name);
  const declared = decl.returns.kind === "model" ? decl.returns : undefined;
  assert.ok(declared, `${name} declares ${formatSig(decl.returns)}, not a model`);
  const pick = (given: string | undefined, fromDecl: string, side: string): string => {
    if (given === undefined) {
      assert.ok(TYPES[fromDecl], `${name}: the table has no type '${fromDecl}' (declared ${side}); give the entry '${side}'`);
      return fromDecl;
    }
    assert.ok(!TYPES[fromDecl] || fromDecl === given, `${name}: the entry's ${side} type '${given}' differs from the declared '${fromDecl}'`);
    assert.ok(TYPES[given], `${name}: the table has no type '${given}'`);
    return given;
  };
  const inType = pick(c.in, declared.input, "in");
  const outType = pick(c.out, declared.output, "out");
  const sampleOf = c.sample ?? TYPES[inType]!.sample;
  assert.ok(sampleOf, `${name}: no sample generator for '${inType}'`);
  const nI = c.nI ?? 5;
  return { c, reg, name, inType, outType, block: { [`@${reg}`]: name, ...c.args }, sample: () => sampleOf(nI) };
}

function build(r: Resolved): AnyModel {
  const model = (resolveConfig({ model: r.block }, registry) as { model: unknown }).model;
  assert.ok(model instanceof Model, `${r.name} built ${describeValue(model)}, not a model`);
  return model;
}

function buildInitialized(r: Resolved): AnyModel {
  const model = build(r);
  withScope(() => model.initialize(r.sample()));
  return model;
}

/** The float outputs and a backprop taking their gradients (through the entry's adapter where it has one). */
function outputs(r: Resolved, model: AnyModel, X: unknown, isTrain: boolean): [Tensor[], (dOuts: Tensor[]) => unknown] {
  const [Y, backprop] = model.call(X, isTrain);
  if (r.c.adapter) {
    const [outs, toDY] = r.c.adapter(Y, model);
    return [outs, (dOuts) => backprop(toDY(dOuts))];
  }
  return [tensorsOf(Y), (dOuts) => backprop(replaceTensors(Y, dOuts))];
}

function gradientOptions(r: Resolved) {
  return { eps: r.c.hasKinks ? 1e-3 : 1e-2, samples: r.c.samples ?? 4 };
}

function defineCase(r: Resolved): void {
  describe(`${r.reg} ${r.name}`, () => {
    it(`builds from config, initializes, and runs ${r.inType} -> ${r.outType} forward and backward`, () => {
      const issues = validateConfig({ model: r.block }, registry).filter((item) => item.path[0] === "model" && item.severity === "error");
      assert.deepEqual(
        issues.map((item) => `${item.path.join(".")} ${item.key ?? ""}: ${item.message}`),
        [],
        "the config block validates",
      );
      const model = buildInitialized(r);
      assert.deepEqual(signatureOf(model), registry.get(r.reg, r.name).returns, "tagged with its declared signature");
      withScope(() => {
        const X = r.sample();
        const Y = model.predict(X);
        TYPES[r.outType]!.check(Y, "predict");
        checkRows(r.inType, r.outType, X, Y);
        if (r.c.nO !== undefined) {
          for (const y of tensorsOf(Y)) assert.equal(y.shape[y.rank - 1], r.c.nO, `output width (${describeValue(y)})`);
        }
        const [Yt, backprop] = model.beginUpdate(X);
        TYPES[r.outType]!.check(Yt, "beginUpdate");
        let dX: unknown;
        if (r.c.adapter) {
          const [outs, toDY] = r.c.adapter(Yt, model);
          dX = backprop(toDY(outs.map((y) => tf.onesLike(y))));
        } else {
          dX = backprop(mapTensors(Yt, (y) => tf.onesLike(y)));
        }
        if (r.c.checkDX) r.c.checkDX(dX);
        else {
          // The gradient of each float input, shaped as it; ids and docs may come back as anything.
          assert.deepEqual(
            tensorsOf(dX).map((t) => t.shape),
            tensorsOf(X).map((t) => t.shape),
            `backprop returns ${describeValue(dX)} for ${describeValue(X)}`,
          );
          if (tensorsOf(X).length > 0) TYPES[r.inType]!.check(dX, "backprop");
        }
        if (hasParams(model) && tensorsOf(Yt).length > 0) {
          const grads = [...model.walk()].flatMap((node) => node.paramNames.filter((p) => node.hasGrad(p)));
          assert.ok(grads.length > 0, "backprop gives some param a gradient");
        }
      });
      model.dispose();
    });

    // Softmax-like outputs take dY as the gradient of softmax + cross-entropy (as Thinc does),
    // which is not the layer's own derivative: those are checked in their family's tests.
    const gradients = r.c.passThroughGradient ? () => undefined : it;
    gradients("has gradients that match finite differences", () => {
      const model = buildInitialized(r);
      model.setDropoutRate(0);
      randomizeParams(model);
      const options = gradientOptions(r);
      let checked = 0;
      if (hasParams(model)) {
        checked += checkParamGradients(
          model,
          (isTrain) => {
            const [outs, backprop] = outputs(r, model, r.sample(), isTrain);
            return [outs, (dOuts) => void backprop(dOuts)];
          },
          options,
        );
      }
      // Where the input holds floats (and the backprop returns their gradient), check dX too.
      const leaves = withScope(() => tensorsOf(r.sample()).map((t) => t.shape));
      if (leaves.length > 0 && !r.c.adapter) {
        const sizes = leaves.map((shape) => shape.reduce((a, b) => a * b, 1));
        const flat = withScope(() => tf.keep(tf.concat(tensorsOf(r.sample()).map((t) => tf.reshape(t, [-1])))));
        checkInputGradient(
          (input, isTrain) => {
            const pieces = tf.split(input, sizes).map((piece, i) => tf.reshape(piece, leaves[i]!));
            const X = replaceTensors(r.sample(), pieces);
            const [outs, backprop] = outputs(r, model, X, isTrain);
            return [outs, (dOuts) => tf.concat(tensorsOf(backprop(dOuts)).map((t) => tf.reshape(t, [-1])))];
          },
          flat,
          options,
        );
        flat.dispose();
        checked++;
      }
      assert.ok(checked > 0 || !hasParams(model), "something was checked");
      model.dispose();
    });

    // Where the input is a list (of docs, arrays, sequences, examples): each item alone.
    const items = TYPES[r.inType]!.items;
    // Some layers mix items by design (noBatch says why): no batched-equals-unbatched test for them.
    const batched = r.c.noBatch ? () => undefined : it;
    if (items)
      batched("gives the same outputs batched as one item at a time", () => {
        const model = buildInitialized(r);
        randomizeParams(model);
        const list = TYPES[r.outType]!.list === true;
        withScope(() => {
          const all = parts(model.predict(r.sample()), list);
          const each = items!(r.sample()).map((item) => parts(model.predict(item), list));
          const joined = all.map((_, k) => each.flatMap((p) => p[k] ?? []));
          assert.equal(each[0]?.length, all.length, "each item gives the same components as the batch");
          assertClose(joined, all, "batched vs one at a time");
        });
        model.dispose();
      });

    const empty = TYPES[r.inType]!.empty;
    if (empty) {
      it("copes with a batch of only empty items, and its gradients stay clean", () => {
        const model = buildInitialized(r);
        randomizeParams(model);
        withScope(() => {
          const X = empty(r.c.nI ?? 5);
          const Y = model.predict(X);
          TYPES[r.outType]!.check(Y, "predict");
          checkRows(r.inType, r.outType, X, Y);
          const [outs, backprop] = outputs(r, model, X, true);
          backprop(outs.map((y) => tf.onesLike(y)));
          // With no output values there is no gradient: every param's must be zero (tfjs-wasm's
          // matMul over an empty inner dimension returns uninitialized memory, not zeros).
          const nothing = outs.every((y) => y.size === 0);
          for (const node of model.walk()) {
            for (const name of node.paramNames) {
              const grad = node.getGrad(name)?.dataSync();
              if (!grad) continue;
              const bad = Array.from(grad).findIndex((g) => !Number.isFinite(g) || (nothing && g !== 0));
              assert.equal(bad, -1, `${node.name}.${name}[${bad}] = ${grad[bad]} after backprop of an empty batch`);
            }
          }
        });
        model.dispose();
      });
    }

    it("saves with toBytes and loads into a freshly built model that predicts the same", () => {
      const model = buildInitialized(r);
      randomizeParams(model);
      const fresh = build(r);
      modelFromBytes(fresh, modelToBytes(model));
      withScope(() => {
        const want = parts(model.predict(r.sample()), false);
        const got = parts(fresh.predict(r.sample()), false);
        assert.deepEqual(got, want);
      });
      model.dispose();
      fresh.dispose();
    });

    it("keeps the tensor count flat across 20 updates, and frees everything on dispose", () => {
      const before = tf.memory().numTensors;
      const model = buildInitialized(r);
      const step = () =>
        withScope(() => {
          const [outs, backprop] = outputs(r, model, r.sample(), true);
          backprop(outs.map((y) => tf.onesLike(y)));
          model.finishUpdate(sgd);
        });
      step();
      const count = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) step();
      assert.equal(tf.memory().numTensors, count, "tensors leaked by updates");
      model.dispose();
      assert.equal(tf.memory().numTensors, before, "tensors left after dispose");
    });
  });
}

describe("every implemented layer and architecture, table-driven over the registry", function () {
  this.timeout(30_000);

  before(async () => {
    await selectBackend();
  });

  it("has a table entry or an explicit skip for every implemented name, and no stale ones", () => {
    const keys = implemented.map(({ reg, name }) => `${reg} ${name}`);
    const missing = implemented.filter(({ reg, name }) => !TABLES[reg][name] && !SKIPS[`${reg} ${name}`]).map(({ reg, name }) => `${reg} ${name}`);
    assert.deepEqual(missing, [], `implemented but not in the table (add an entry to test/ml/registry-table-cases.ts): ${missing.join(", ")}`);
    const stale = [...REGISTRIES.flatMap((reg) => Object.keys(TABLES[reg]).map((name) => `${reg} ${name}`)), ...Object.keys(SKIPS)].filter(
      (key) => !keys.includes(key),
    );
    assert.deepEqual(stale, [], "table entries or skips for names that are not implemented builtins");
    const both = Object.keys(SKIPS).filter((key) => {
      const [reg, name] = key.split(" ") as [Reg, string];
      return TABLES[reg]?.[name] !== undefined;
    });
    assert.deepEqual(both, [], "names both in the table and skipped");
  });

  for (const { reg, name } of implemented) {
    const c = TABLES[reg][name];
    if (!c) continue;
    let resolved: Resolved;
    try {
      resolved = resolveCase(reg, name, c);
    } catch (error) {
      it(`${reg} ${name}: the table entry fits the declaration`, () => {
        throw error;
      });
      continue;
    }
    defineCase(resolved);
  }
});
