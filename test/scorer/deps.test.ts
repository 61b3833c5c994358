import assert from "node:assert/strict";
import { parserScore } from "../../src/scorer/component-scorers.js";
import { scoreDeps } from "../../src/scorer/deps.js";
import { eg, mk } from "./make-doc.js";

// Expected numbers are what spaCy 3.5.4's parser scorer (spacy/pipeline/dep_parser.pyx,
// Scorer.score_deps) returns for the same docs; a "" label is a missing head and label.
const one = { p: 1, r: 1, f: 1 };
const zero = { p: 0, r: 0, f: 0 };

function examples() {
  return [
    eg(
      mk(["She", "ate", "pizza", "quickly", "."], { heads: [1, 1, 1, 2, 1], deps: ["nsubj", "ROOT", "obj", "advmod", "punct"] }),
      mk(["She", "ate", "pizza", "quickly", "."], { heads: [1, 1, 1, 1, 1], deps: ["nsubj", "ROOT", "dobj", "advmod", "punct"] }),
    ),
    // "now" has no gold head or label.
    eg(
      mk(["He", "sleeps", "now"], { heads: [1, 1, 1], deps: ["nsubj", "ROOT", "advmod"] }),
      mk(["He", "sleeps", "now"], { heads: [1, 1, 2], deps: ["nsubj", "ROOT", ""] }),
    ),
    // Token 2 is left out here too: spaCy keeps the missing indices from the example before.
    eg(
      mk(["They", "run", "fast", "!"], { heads: [1, 1, 1, 1], deps: ["nsubj", "ROOT", "advmod", "punct"] }),
      mk(["They", "run", "fast", "!"], { heads: [1, 1, 1, 1], deps: ["nsubj", "ROOT", "advmod", "punct"] }),
    ),
    // "cannot" spans two reference tokens, so its arc is a false positive.
    eg(
      mk(["I", "cannot", "go"], { heads: [2, 2, 2], deps: ["nsubj", "aux", "ROOT"] }),
      mk(["I", "can", "not", "go"], { spaces: [true, false, true, true], heads: [3, 3, 3, 3], deps: ["nsubj", "aux", "neg", "ROOT"] }),
    ),
  ];
}

describe("scorer/deps", () => {
  it("parser scorer: UAS, LAS and LAS per lowercased label, punctuation left out", () => {
    const scores = parserScore(examples());
    assert.deepEqual(scores, {
      sents_p: 1,
      sents_r: 1,
      sents_f: 1,
      dep_uas: 0.7500000000000001,
      dep_las: 0.6666666666666667,
      dep_las_per_type: { nsubj: one, root: one, dobj: zero, advmod: zero, obj: zero, aux: zero, neg: zero },
    });
    assert.deepEqual(Object.keys(scores.dep_las_per_type as object), ["nsubj", "root", "dobj", "advmod", "obj", "aux", "neg"]);
  });

  it("ignore_labels can be changed", () => {
    assert.deepEqual(parserScore(examples(), { ignore_labels: [] }), {
      sents_p: 1,
      sents_r: 1,
      sents_f: 1,
      dep_uas: 0.7857142857142856,
      dep_las: 0.7142857142857142,
      dep_las_per_type: { nsubj: one, root: one, dobj: zero, advmod: zero, punct: one, obj: zero, aux: zero, neg: zero },
    });
  });

  it("missing indices carry over to later examples, as in spaCy, so order matters", () => {
    const [, missing, full] = examples();
    assert.deepEqual(parserScore([full!, missing!]), {
      sents_p: 1,
      sents_r: 1,
      sents_f: 1,
      dep_uas: 1,
      dep_las: 1,
      dep_las_per_type: { nsubj: one, root: one, advmod: one },
    });
    const [, second, third] = examples();
    assert.deepEqual(parserScore([second!, third!]), {
      sents_p: 1,
      sents_r: 1,
      sents_f: 1,
      dep_uas: 0.888888888888889,
      dep_las: 0.888888888888889,
      dep_las_per_type: { nsubj: one, root: one, advmod: zero },
    });
  });

  it("scoreDeps keeps labels as they are without the parser's getter, and is null with nothing to score", () => {
    const scores = scoreDeps(examples(), "dep");
    assert.equal(scores.dep_uas, 0.7857142857142856);
    assert.ok("ROOT" in (scores.dep_las_per_type as object));
    assert.deepEqual(scoreDeps([eg(mk(["a"]), mk(["a"]))], "dep"), { dep_uas: null, dep_las: null, dep_las_per_type: null });
  });
});
