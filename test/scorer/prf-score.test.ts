import assert from "node:assert/strict";
import { PRFScore, prfTable, tupleKey } from "../../src/scorer/prf-score.js";

describe("scorer/prf-score", () => {
  it("gives spaCy's precision, recall and F (what spaCy's PRFScore gives for tp=3, fp=1, fn=2)", () => {
    const score = new PRFScore({ tp: 3, fp: 1, fn: 2 });
    assert.equal(score.precision, 0.75);
    assert.equal(score.recall, 0.6);
    assert.equal(score.fscore, 0.6666666666666665);
    assert.equal(score.length, 6);
    assert.deepEqual(score.toDict(), { p: 0.75, r: 0.6, f: 0.6666666666666665 });
  });

  it("is 0, not NaN, when nothing was counted", () => {
    assert.deepEqual(new PRFScore().toDict(), { p: 0, r: 0, f: 0 });
    assert.equal(new PRFScore().length, 0);
  });

  it("counts a set of candidates against gold", () => {
    const score = new PRFScore();
    score.scoreSet(new Set(["a", "b", "c"]), new Set(["b", "c", "d", "e"]));
    assert.deepEqual([score.tp, score.fp, score.fn], [2, 1, 2]);
  });

  it("adds in place (+=) and into a new score (+)", () => {
    const a = new PRFScore({ tp: 1, fp: 2, fn: 3 });
    const b = new PRFScore({ tp: 10, fp: 20, fn: 30 });
    const sum = a.plus(b);
    assert.deepEqual([sum.tp, sum.fp, sum.fn], [11, 22, 33]);
    assert.deepEqual([a.tp, a.fp, a.fn], [1, 2, 3]);
    assert.equal(a.add(b), a);
    assert.deepEqual([a.tp, a.fp, a.fn], [11, 22, 33]);
  });

  it("keys tuples by value, with True equal to 1 as in Python", () => {
    assert.equal(tupleKey("PER", 0, 1), tupleKey("PER", 0, 1));
    assert.notEqual(tupleKey("a|b", 1), tupleKey("a", "b|1"));
    assert.notEqual(tupleKey(1, "1"), tupleKey(1, 1));
    assert.equal(tupleKey(0, true), tupleKey(0, 1));
  });

  it("tables scores in the order they were created", () => {
    const table = prfTable(
      new Map([
        ["Z", new PRFScore({ tp: 1 })],
        ["A", new PRFScore({ fp: 1 })],
      ]),
    );
    assert.deepEqual(Object.keys(table), ["Z", "A"]);
    assert.deepEqual(table.Z, { p: 1, r: 1, f: 1 });
  });
});
