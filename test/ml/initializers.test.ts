import { strict as assert } from "node:assert";
import { selectBackend } from "../../src/ml/backend.js";
import * as init from "../../src/ml/initializers.js";
import { tf } from "../../src/ml/tf.js";

interface Stats {
  min: number;
  max: number;
  mean: number;
  variance: number;
}

function stats(initializer: init.Initializer, shape: number[]): Stats {
  const tensor = initializer(shape);
  assert.deepEqual(tensor.shape, shape);
  assert.equal(tensor.dtype, "float32");
  const values = tensor.dataSync();
  tensor.dispose();
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { min: Math.min(...values), max: Math.max(...values), mean, variance: squares / values.length };
}

/** 60000 draws: the sample variance is within about 1.5% of the true one (3 standard errors for a normal). */
function check(s: Stats, expected: { variance: number; mean?: number; bound?: number }): void {
  const sd = Math.sqrt(expected.variance);
  assert.ok(Math.abs(s.mean - (expected.mean ?? 0)) < 0.03 * sd, `mean ${s.mean}`);
  assert.ok(Math.abs(s.variance / expected.variance - 1) < 0.03, `variance ${s.variance} vs ${expected.variance}`);
  if (expected.bound !== undefined) {
    assert.ok(s.min >= -expected.bound && s.max <= expected.bound, `range [${s.min}, ${s.max}] vs ±${expected.bound}`);
    assert.ok(s.max > 0.95 * expected.bound && s.min < -0.95 * expected.bound, "the draw fills its range");
  }
}

// Shapes are thinc's [nO, nI]: fan_out = 200, fan_in = 300.
const shape = [200, 300];

describe("initializers", () => {
  before(async () => {
    await selectBackend();
  });

  it("glorot: uniform in ±√(6/(fan_in+fan_out)), normal with variance 2/(fan_in+fan_out)", () => {
    const bound = Math.sqrt(6 / 500);
    check(stats(init.glorotUniformInit(1), shape), { bound, variance: bound ** 2 / 3 });
    check(stats(init.glorotNormalInit(2), shape), { variance: 2 / 500 });
  });

  it("he: uniform in ±√(6/fan_in), normal with variance 2/fan_in", () => {
    const bound = Math.sqrt(6 / 300);
    check(stats(init.heUniformInit(3), shape), { bound, variance: bound ** 2 / 3 });
    check(stats(init.heNormalInit(4), shape), { variance: 2 / 300 });
  });

  it("lecun: uniform in ±√(3/fan_in), normal with variance 1/fan_in", () => {
    const bound = Math.sqrt(3 / 300);
    check(stats(init.lecunUniformInit(5), shape), { bound, variance: bound ** 2 / 3 });
    check(stats(init.lecunNormalInit(6), shape), { variance: 1 / 300 });
  });

  it("zero, uniform(lo, hi) and normal(mean, stddev)", () => {
    const zeros = stats(init.zeroInit(), [3, 4]);
    assert.deepEqual([zeros.min, zeros.max], [0, 0]);
    const u = stats(init.uniformInit(-0.5, 0.2, 7), shape);
    assert.ok(u.min >= -0.5 && u.max <= 0.2);
    check(u, { mean: -0.15, variance: 0.7 ** 2 / 12 });
    check(stats(init.normalInit({ mean: 2, stddev: 0.1, seed: 8 }), shape), { mean: 2, variance: 0.01 });
  });

  it("normal_init.v1 reads `mean` as the standard deviation, as thinc 8.1 does", () => {
    check(stats(init.thincNormalInit(0.5, 9), shape), { variance: 0.25 });
    const zeros = stats(init.thincNormalInit(0), [2, 2]);
    assert.deepEqual([zeros.min, zeros.max], [0, 0]);
  });

  it("initWeights draws [nO, nI] with thinc's fans and returns [nI, nO]", () => {
    const before = tf.memory().numTensors;
    const W = init.initWeights(init.heUniformInit(10), 300, 200);
    assert.deepEqual(W.shape, [300, 200]);
    // fan_in = nI = 300, so the bound is √(6/300), not √(6/200).
    assert.ok(tf.tidy(() => tf.max(tf.abs(W)).dataSync()[0]!) <= Math.sqrt(6 / 300));
    W.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
});
