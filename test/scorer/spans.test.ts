import assert from "node:assert/strict";
import { entityRulerScore, nerScore, overlappingLabeledSpansScorer, senterScore, spancatScore } from "../../src/scorer/component-scorers.js";
import { getNerPrf } from "../../src/scorer/ner.js";
import { spanGroupSpans } from "../../src/scorer/span-getters.js";
import { scoreSpans } from "../../src/scorer/spans.js";
import { eg, mk } from "./make-doc.js";

// Expected numbers are what spaCy 3.5.4 returns for the same docs (get_ner_prf,
// Scorer.score_spans, and the spancat and senter scorers' arguments to it).
const one = { p: 1, r: 1, f: 1 };
const zero = { p: 0, r: 0, f: 0 };

function examples() {
  return [
    // "Mr." split and "City." merged on the predicted side.
    eg(
      mk(["Mr", ".", "Smith", "flew", "to", "New", "York", "City."], {
        spaces: [false, true, true, true, true, true, true, false],
        ents: ["B-PER", "I-PER", "I-PER", "O", "O", "B-GPE", "I-GPE", "I-GPE"],
        spans: {
          sc: [
            [0, 3, "PER"],
            [0, 2, "TITLE"],
            [5, 7, "GPE"],
            [5, 8, "LOC"],
          ],
        },
      }),
      mk(["Mr.", "Smith", "flew", "to", "New", "York", "City", "."], {
        spaces: [true, true, true, true, true, true, false, false],
        ents: ["B-PER", "I-PER", "O", "O", "B-GPE", "I-GPE", "I-GPE", "O"],
        spans: {
          sc: [
            [0, 2, "PER"],
            [0, 1, "TITLE"],
            [4, 7, "GPE"],
          ],
        },
      }),
    ),
    // "U.K. startup" is not annotated in the reference; the predicted doc has no span group.
    eg(
      mk(["Apple", "is", "buying", "U.K.", "startup", "Acme"], { ents: ["B-ORG", "O", "O", "B-GPE", "O", "B-PER"] }),
      mk(["Apple", "is", "buying", "U.K.", "startup", "Acme"], {
        ents: ["B-ORG", "O", "O", "", "", "B-ORG"],
        spans: {
          sc: [
            [0, 1, "ORG"],
            [5, 6, "ORG"],
          ],
        },
      }),
    ),
    // No entity annotation and no span group in the reference.
    eg(mk(["Tim", "Cook"], { ents: ["B-PER", "I-PER"], spans: { sc: [[0, 2, "PER"]] } }), mk(["Tim", "Cook"], { ents: ["", ""] })),
  ];
}

describe("scorer/spans", () => {
  it("get_ner_prf: predictions over unannotated reference tokens are not counted", () => {
    const expected = {
      ents_p: 0.5,
      ents_r: 0.5,
      ents_f: 0.5,
      ents_per_type: { PER: { p: 0.5, r: 1, f: 0.6666666666666666 }, GPE: zero, ORG: { p: 1, r: 0.5, f: 0.6666666666666666 } },
    };
    assert.deepEqual(getNerPrf(examples()), expected);
    assert.deepEqual(nerScore(examples()), expected);
    assert.deepEqual(entityRulerScore(examples()), expected);
    assert.deepEqual(getNerPrf(examples().slice(2)), { ents_p: null, ents_r: null, ents_f: null, ents_per_type: null });
  });

  it("score_spans on ents counts everything, labeled or not, with or without has_annotation", () => {
    assert.deepEqual(scoreSpans(examples(), "ents"), {
      ents_p: 0.3333333333333333,
      ents_r: 0.5,
      ents_f: 0.4,
      ents_per_type: { PER: { p: 0.3333333333333333, r: 1, f: 0.5 }, GPE: zero, ORG: { p: 1, r: 0.5, f: 0.6666666666666666 } },
    });
    assert.deepEqual(scoreSpans(examples(), "ents", { labeled: false }), { ents_p: 0.5, ents_r: 0.75, ents_f: 0.6 });
    assert.deepEqual(scoreSpans(examples(), "ents", { hasAnnotation: (doc) => doc.hasAnnotation("ENT_IOB") }), {
      ents_p: 0.4,
      ents_r: 0.5,
      ents_f: 0.4444444444444445,
      ents_per_type: { PER: { p: 0.5, r: 1, f: 0.6666666666666666 }, GPE: zero, ORG: { p: 1, r: 0.5, f: 0.6666666666666666 } },
    });
  });

  it("spancat: overlapping spans in a group, docs without the group skipped or counted as empty", () => {
    const perType = { TITLE: one, PER: one, LOC: zero, GPE: zero, ORG: zero };
    assert.deepEqual(spancatScore(examples(), { spans_key: "sc" }), {
      spans_sc_p: 0.5,
      spans_sc_r: 0.4,
      spans_sc_f: 0.4444444444444445,
      spans_sc_per_type: perType,
    });
    assert.deepEqual(spancatScore(examples(), { spans_key: "sc", allow_overlap: false }), {
      spans_sc_p: 0.5,
      spans_sc_r: 0.2,
      spans_sc_f: 0.28571428571428575,
      spans_sc_per_type: { ...perType, TITLE: zero },
    });
    assert.deepEqual(spancatScore(examples(), { spans_key: "sc", labeled: false }), { spans_sc_p: 0.5, spans_sc_r: 0.4, spans_sc_f: 0.4444444444444445 });
    assert.deepEqual(spancatScore(examples(), { spans_key: "other" }), {
      spans_other_p: null,
      spans_other_r: null,
      spans_other_f: null,
      spans_other_per_type: null,
    });
    assert.throws(() => spancatScore(examples()), { code: "E_SCORER_OPTION", message: /spans_key/ });
    assert.throws(() => spancatScore(examples(), { spans_key: 3 }), { code: "E_SCORER_OPTION", message: /not a string/ });
  });

  it("the span ruler's scorer reads its registered key, which a spans_key option overrides", () => {
    const docs = examples();
    for (const example of docs)
      for (const doc of [example.predicted, example.reference]) if (doc.spans.has("sc")) doc.spans.set("ruler", spanGroupSpans(doc, "sc"));
    const ruler = overlappingLabeledSpansScorer()(docs);
    assert.deepEqual(Object.keys(ruler), ["spans_ruler_p", "spans_ruler_r", "spans_ruler_f", "spans_ruler_per_type"]);
    assert.equal(ruler.spans_ruler_f, 0.4444444444444445);
    assert.equal(overlappingLabeledSpansScorer("sc")(docs).spans_sc_f, 0.4444444444444445);
    assert.equal(overlappingLabeledSpansScorer("x")(docs, { spans_key: "sc" }).spans_sc_r, 0.4);
  });

  it("senter: sentence spans over docs with sentence boundaries, without a per-type table", () => {
    const sents = [
      eg(
        mk(["A", "b", ".", "C", "d"], { sentStarts: [true, false, true, false, false] }),
        mk(["A", "b", ".", "C", "d"], { sentStarts: [true, false, false, true, false] }),
      ),
      eg(
        mk(["Hi.", "Yo", "."], { sentStarts: [true, true, false] }),
        mk(["Hi", ".", "Yo", "."], { spaces: [false, true, false, true], sentStarts: [true, false, true, false] }),
      ),
      eg(mk(["No", "sents", "here"], { sentStarts: [true, false, true] }), mk(["No", "sents", "here"])),
      eg(mk(["Gold", "only"]), mk(["Gold", "only"], { sentStarts: [true, true] })),
    ];
    assert.deepEqual(senterScore(sents), { sents_p: 0.5, sents_r: 0.3333333333333333, sents_f: 0.4 });
  });

  it("says which attributes it has no getter for", () => {
    assert.throws(() => scoreSpans(examples(), "chunks"), { code: "E_SCORER_ATTR", message: /chunks/ });
  });
});
