import { strict as assert } from "node:assert";
import { compounding, constant, constantThen, cyclicTriangular, decaying, Schedule, slantedTriangular, warmupLinear } from "../../src/ml/schedules.js";
import { isTsnlpError } from "../../src/util/errors.js";

// Expected values are thinc 8.1.7's (thinc/schedules.py), the same float64 arithmetic in the same order.
describe("schedules", () => {
  it("constant.v1 yields its rate forever", () => {
    assert.deepEqual(constant(0.001).take(3), [0.001, 0.001, 0.001]);
  });

  it("decaying.v1 yields base_rate / (1 + decay·t)", () => {
    // 0.001/(1 + 1e-4·1) = 0.000999900009999; 0.001/(1 + 2e-4) = 0.0009998000399920016
    assert.deepEqual(decaying(0.001, 1e-4).take(3), [0.001, 0.000999900009999, 0.0009998000399920016]);
    assert.deepEqual(decaying(0.001, 1e-4, 1).take(1), [0.000999900009999]);
  });

  it("compounding.v1 multiplies step by step and clips at stop, either way", () => {
    assert.deepEqual(compounding(1.0, 10.0, 1.5).take(7), [1.0, 1.5, 2.25, 3.375, 5.0625, 7.59375, 10.0]);
    assert.deepEqual(compounding(10.0, 1.0, 0.5).take(4), [10.0, 5.0, 2.5, 1.25]);
    assert.deepEqual(compounding(10.0, 1.0, 0.5).take(6).slice(4), [1.0, 1.0]);
  });

  it("slanted_triangular.v1 rises for cut steps, then falls", () => {
    // num_steps 100, cut_frac 0.1: cut = 10; t = 1: p = 0.1, 0.1·(1 + 0.1·31)/32 = 0.0128125;
    // t = 10: p = 1 → 0.1; t = 11: p = 1 - 1/(10·9) → 0.09892361111111113.
    assert.deepEqual(
      slantedTriangular(0.1, 100).take(12),
      [
        0.0128125, 0.022500000000000003, 0.0321875, 0.041875, 0.051562500000000004, 0.06125, 0.0709375, 0.080625, 0.09031250000000002, 0.1, 0.09892361111111113,
        0.09784722222222222,
      ],
    );
    assert.throws(
      () => slantedTriangular(0.1, 5),
      (error: unknown) => isTsnlpError(error) && error.code === "E_SCHEDULE_ARGS",
    );
  });

  it("warmup_linear.v1 rises from 0, then falls to 0 and stays there", () => {
    // warmup 2, total 5: 0/2, 1/2, then (5 - t)/3 for t = 2..5, then 0.
    assert.deepEqual(warmupLinear(1.0, 2, 5).take(8), [0.0, 0.5, 1.0, 0.6666666666666666, 0.3333333333333333, 0.0, 0.0, 0.0]);
  });

  it("cyclic_triangular.v1 cycles from step 1", () => {
    // period 2: it = 1: cycle = floor(1 + 1/4) = 1, x = |0.5 - 1| = 0.5 → 0.1 + 0.4·0.5.
    const a = 0.30000000000000004;
    assert.deepEqual(cyclicTriangular(0.1, 0.5, 2).take(9), [a, 0.5, a, 0.1, a, 0.5, a, 0.1, a]);
  });

  it("constant_then.v1 yields its rate for `steps` steps, then the inner schedule", () => {
    assert.deepEqual(constantThen(1.0, 2, decaying(0.5, 1.0)).take(5), [1.0, 1.0, 0.5, 0.25, 0.16666666666666666]);
  });

  it("counts its steps and seeks back to any of them (to resume training)", () => {
    const schedule = constantThen(1.0, 2, decaying(0.5, 1.0));
    const first = schedule.take(4);
    assert.equal(schedule.steps, 4);
    schedule.seek(3);
    assert.deepEqual(schedule.take(2), [first[3], 0.16666666666666666]);
    schedule.seek(0);
    assert.deepEqual(schedule.take(4), first);
  });

  it("wraps functions of the step and lists", () => {
    assert.deepEqual(Schedule.fromFunction((step) => step * 2).take(3), [0, 2, 4]);
    const list = Schedule.fromValues([3, 4]);
    assert.deepEqual(list.take(5), [3, 4]);
    assert.deepEqual([...Schedule.fromValues([1, 2])], [1, 2]);
  });
});
