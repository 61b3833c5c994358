import assert from "node:assert/strict";
import { scoreCats } from "../../src/scorer/cats.js";
import { scoreCatsV1 } from "../../src/scorer/cats-v1.js";
import { textcatMultilabelScore, textcatMultilabelScoreV1, textcatScore, textcatScoreV1 } from "../../src/scorer/component-scorers.js";
import { eg, mk } from "./make-doc.js";

// Expected numbers are what spaCy 3.5.4's Scorer.score_cats (v2 scorers) and spacy-legacy
// 3.0.12's score_cats_v1 (v1 scorers) return for the same cats.
const one = { p: 1, r: 1, f: 1 };
const zero = { p: 0, r: 0, f: 0 };
const KEYS = [
  "cats_score",
  "cats_score_desc",
  "cats_micro_p",
  "cats_micro_r",
  "cats_micro_f",
  "cats_macro_p",
  "cats_macro_r",
  "cats_macro_f",
  "cats_macro_auc",
  "cats_f_per_type",
  "cats_auc_per_type",
];

/** C is missing in the second reference, D is not a label, E's golds are all 1 (one class). */
function multi() {
  return [
    eg(mk(["one"], { cats: { A: 0.9, B: 0.2, C: 0.6, E: 0.7 } }), mk(["one"], { cats: { A: 1, B: 0, C: 1, E: 1 } })),
    eg(mk(["two"], { cats: { A: 0.4, B: 0.7, C: 0.5, E: 0.1 } }), mk(["two"], { cats: { A: 1, B: 1, E: 1 } })),
    eg(mk(["three"], { cats: { A: 0.1, B: 0.8, C: 0.3, E: 0.9 } }), mk(["three"], { cats: { A: 0, B: 1, C: 0, D: 1 } })),
  ];
}
const LABELS = ["A", "B", "C", "E"];

/** The last reference leaves POS out (0 for an exclusive task), and its prediction is a tie. */
function exclusive() {
  return [
    eg(mk(["a"], { cats: { POS: 0.8, NEG: 0.2 } }), mk(["a"], { cats: { POS: 1, NEG: 0 } })),
    eg(mk(["b"], { cats: { POS: 0.6, NEG: 0.4 } }), mk(["b"], { cats: { POS: 0, NEG: 1 } })),
    eg(mk(["c"], { cats: { POS: 0.3, NEG: 0.7 } }), mk(["c"], { cats: { POS: 0, NEG: 1 } })),
    eg(mk(["d"], { cats: { POS: 0.5, NEG: 0.5 } }), mk(["d"], { cats: { NEG: 1 } })),
  ];
}

describe("scorer/cats", () => {
  it("multi-label: threshold 0.5, missing golds unknown, a one-class label's AUC null and counted as 0", () => {
    const scores = textcatMultilabelScore(multi(), { labels: LABELS });
    assert.deepEqual(Object.keys(scores), KEYS);
    assert.deepEqual(scores, {
      cats_score: 0.75,
      cats_score_desc: "macro AUC",
      cats_micro_p: 1,
      cats_micro_r: 0.7142857142857143,
      cats_micro_f: 0.8333333333333333,
      cats_macro_p: 1,
      cats_macro_r: 0.75,
      cats_macro_f: 0.8333333333333333,
      cats_macro_auc: 0.75,
      cats_f_per_type: { A: { p: 1, r: 0.5, f: 0.6666666666666666 }, B: one, C: one, E: { p: 1, r: 0.5, f: 0.6666666666666666 } },
      cats_auc_per_type: { A: 1, B: 1, C: 1, E: null },
    });
  });

  it("multi-label with threshold 0.3", () => {
    assert.deepEqual(scoreCats(multi(), "cats", { labels: LABELS, multiLabel: true, threshold: 0.3 }), {
      cats_score: 0.75,
      cats_score_desc: "macro AUC",
      cats_micro_p: 0.8571428571428571,
      cats_micro_r: 0.8571428571428571,
      cats_micro_f: 0.8571428571428571,
      cats_macro_p: 0.875,
      cats_macro_r: 0.875,
      cats_macro_f: 0.8333333333333333,
      cats_macro_auc: 0.75,
      cats_f_per_type: { A: one, B: one, C: { p: 0.5, r: 1, f: 0.6666666666666666 }, E: { p: 1, r: 0.5, f: 0.6666666666666666 } },
      cats_auc_per_type: { A: 1, B: 1, C: 1, E: null },
    });
  });

  it("exclusive binary with a positive label reports its F; without one, macro F", () => {
    const common = {
      cats_micro_p: 0.5,
      cats_micro_r: 0.5,
      cats_micro_f: 0.5,
      cats_macro_p: 0.6666666666666666,
      cats_macro_r: 0.6666666666666666,
      cats_macro_f: 0.5,
      cats_macro_auc: 1,
      cats_f_per_type: { POS: { p: 0.3333333333333333, r: 1, f: 0.5 }, NEG: { p: 1, r: 0.3333333333333333, f: 0.5 } },
      cats_auc_per_type: { POS: 1, NEG: 1 },
    };
    assert.deepEqual(textcatScore(exclusive(), { labels: ["POS", "NEG"], positive_label: "POS", threshold: 0 }), {
      cats_score: 0.5,
      cats_score_desc: "F (POS)",
      ...common,
    });
    assert.deepEqual(textcatScore(exclusive(), { labels: ["POS", "NEG"] }), { cats_score: 0.5, cats_score_desc: "macro F", ...common });
    assert.throws(() => textcatScore(exclusive(), { labels: ["POS", "NEG"], positive_label: "YES" }), { code: "E_SCORER_POSITIVE_LABEL" });
  });

  it("exclusive with three labels ignores positive_label", () => {
    const three = [
      eg(mk(["x"], { cats: { X: 0.5, Y: 0.3, Z: 0.2 } }), mk(["x"], { cats: { X: 1, Y: 0, Z: 0 } })),
      eg(mk(["y"], { cats: { X: 0.1, Y: 0.3, Z: 0.6 } }), mk(["y"], { cats: { X: 0, Y: 1, Z: 0 } })),
      eg(mk(["z"], { cats: { X: 0.2, Y: 0.2, Z: 0.6 } }), mk(["z"], { cats: { X: 0, Y: 0, Z: 1 } })),
    ];
    assert.deepEqual(scoreCats(three, "cats", { labels: ["X", "Y", "Z"], multiLabel: false, positiveLabel: "X" }), {
      cats_score: 0.5555555555555555,
      cats_score_desc: "macro F",
      cats_micro_p: 0.6666666666666666,
      cats_micro_r: 0.6666666666666666,
      cats_micro_f: 0.6666666666666666,
      cats_macro_p: 0.5,
      cats_macro_r: 0.6666666666666666,
      cats_macro_f: 0.5555555555555555,
      cats_macro_auc: 0.8333333333333334,
      cats_f_per_type: { X: one, Y: zero, Z: { p: 0.5, r: 1, f: 0.6666666666666666 } },
      cats_auc_per_type: { X: 1, Y: 0.75, Z: 0.75 },
    });
  });

  it("with no labels everything is 0", () => {
    assert.deepEqual(textcatMultilabelScore(multi()), {
      cats_score: 0,
      cats_score_desc: "macro AUC",
      cats_micro_p: 0,
      cats_micro_r: 0,
      cats_micro_f: 0,
      cats_macro_p: 0,
      cats_macro_r: 0,
      cats_macro_f: 0,
      cats_macro_auc: 0,
      cats_f_per_type: {},
      cats_auc_per_type: {},
    });
  });

  it("counts a missed gold label when the prediction has no scores for the labels", () => {
    // spaCy 3.5.4 raises in this branch (its max() walks the dict's keys); the count is what it means.
    const scores = scoreCats([eg(mk(["a"]), mk(["a"], { cats: { POS: 1, NEG: 0 } }))], "cats", { labels: ["POS", "NEG"], multiLabel: false });
    assert.deepEqual(scores.cats_f_per_type, { POS: zero, NEG: zero });
    assert.equal(scores.cats_micro_r, 0);
    assert.equal(scoreCats([eg(mk(["a"], { cats: { POS: 0.9 } }), mk(["a"]))], "cats", { labels: ["POS", "NEG"], multiLabel: false }).cats_micro_p, 0);
  });

  it("v1 multi-label", () => {
    assert.deepEqual(textcatMultilabelScoreV1(multi().slice(0, 2), { labels: LABELS }), {
      cats_score: 0.25,
      cats_score_desc: "macro AUC",
      cats_micro_p: 1,
      cats_micro_r: 0.6666666666666666,
      cats_micro_f: 0.8,
      cats_macro_p: 1,
      cats_macro_r: 0.75,
      cats_macro_f: 0.8333333333333333,
      cats_macro_auc: 0.25,
      cats_f_per_type: { A: { p: 1, r: 0.5, f: 0.6666666666666666 }, B: one, C: one, E: { p: 1, r: 0.5, f: 0.6666666666666666 } },
      cats_auc_per_type: { A: null, B: 1, C: null, E: null },
    });
    // v1 does not filter categories to the labels: D needs a count, as in spaCy's KeyError.
    assert.throws(() => scoreCatsV1(multi(), "cats", { labels: LABELS }), { code: "E_SCORER_UNKNOWN_CATEGORY", message: /'D'/ });
  });

  it("v1 exclusive applies the threshold to the top prediction", () => {
    assert.deepEqual(textcatScoreV1(exclusive(), { labels: ["POS", "NEG"], positive_label: "POS", threshold: 0 }).cats_score, 0.5);
    assert.deepEqual(textcatScoreV1(exclusive(), { labels: ["POS", "NEG"], threshold: 0.7 }), {
      cats_score: 0.75,
      cats_score_desc: "macro F",
      cats_micro_p: 1,
      cats_micro_r: 0.5,
      cats_micro_f: 0.6666666666666666,
      cats_macro_p: 1,
      cats_macro_r: 0.6666666666666666,
      cats_macro_f: 0.75,
      cats_macro_auc: 1,
      cats_f_per_type: { POS: one, NEG: { p: 1, r: 0.3333333333333333, f: 0.5 } },
      cats_auc_per_type: { POS: 1, NEG: 1 },
    });
  });

  it("checks the types of the options it reads", () => {
    assert.throws(() => textcatScore(exclusive(), { labels: "POS" }), { code: "E_SCORER_OPTION", message: /labels/ });
    assert.throws(() => textcatMultilabelScore(multi(), { labels: LABELS, threshold: "0.5" }), { code: "E_SCORER_OPTION", message: /threshold/ });
  });
});
