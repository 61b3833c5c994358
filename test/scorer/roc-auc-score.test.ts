import assert from "node:assert/strict";
import { pairwiseSum, ROCAUCScore, rocAucScore } from "../../src/scorer/roc-auc-score.js";

// Every expected value is what spaCy 3.5.4's _roc_auc_score / ROCAUCScore give for the same input.
describe("scorer/roc-auc-score", () => {
  it("matches spaCy on small curves, with ties and with an inverted ranking", () => {
    assert.equal(rocAucScore([0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8]), 0.5);
    assert.equal(rocAucScore([0, 0, 1, 1, 1, 0], [0.5, 0.5, 0.5, 0.9, 0.1, 0.2]), 0.5555555555555556);
    assert.equal(rocAucScore([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4]), 1.0);
    assert.equal(rocAucScore([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4]), 0.0);
  });

  it("treats only gold 1 as positive: golds {2, 1} work, golds {0, 0.5} give NaN", () => {
    assert.equal(rocAucScore([2, 1, 2, 1], [0.9, 0.2, 0.3, 0.4]), 0.25);
    assert.ok(Number.isNaN(rocAucScore([0, 0.5, 0.5], [0.2, 0.4, 0.3])));
  });

  it("sums the curve in numpy's pairwise order (a plain loop gives 0.459166666666667 here)", () => {
    const golds = Array.from({ length: 400 }, (_, i) => ((i * 7) % 5 < 2 ? 1 : 0));
    const distinct = Array.from({ length: 400 }, (_, i) => ((i * i * 31 + 7 * i) % 997) / 997);
    const tied = Array.from({ length: 400 }, (_, i) => ((i * 13) % 50) / 50);
    assert.equal(rocAucScore(golds, distinct), 0.45916666666666667);
    assert.equal(rocAucScore(golds, tied), 0.5);
  });

  it("refuses gold values with one class or with three", () => {
    assert.throws(() => rocAucScore([1, 1, 1], [0.2, 0.3, 0.4]), { code: "E_AUC_NOT_BINARY", message: /Only one class/ });
    assert.throws(() => rocAucScore([0, 1, 2], [0.2, 0.3, 0.4]), { code: "E_AUC_NOT_BINARY", message: /3 classes/ });
  });

  it("ROCAUCScore says whether it is binary and throws on score when it is not, as spaCy does", () => {
    const auc = new ROCAUCScore();
    assert.equal(auc.isBinary(), false);
    assert.throws(() => auc.score, { code: "E_AUC_NOT_BINARY" });
    auc.scoreSet(0.9, 1);
    auc.scoreSet(0.8, 1);
    assert.equal(auc.isBinary(), false);
    assert.throws(() => auc.score, { code: "E_AUC_NOT_BINARY" });
    auc.scoreSet(0.1, 0);
    assert.equal(auc.isBinary(), true);
    assert.equal(auc.score, 1);
    auc.scoreSet(0.95, 0);
    assert.equal(auc.score, 0.5);
  });

  it("pairwiseSum follows numpy's blocks (8 running sums, halves above 128)", () => {
    const values = Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    let plain = 0;
    for (const v of values) plain += v;
    const sum = pairwiseSum(values, 0, values.length);
    assert.ok(Math.abs(sum - plain) < 1e-12);
    assert.equal(pairwiseSum([0.1, 0.2, 0.3], 0, 3), 0.1 + 0.2 + 0.3);
  });
});
