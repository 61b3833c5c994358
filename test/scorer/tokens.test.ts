import assert from "node:assert/strict";
import { attributeRulerScore, lemmatizerScore, morphologizerScore, taggerScore, tokenizerScore } from "../../src/scorer/component-scorers.js";
import { scoreTokenAttr } from "../../src/scorer/token-attr.js";
import { scoreTokenAttrPerFeat } from "../../src/scorer/token-attr-per-feat.js";
import { scoreTokenization } from "../../src/scorer/tokenization.js";
import { eg, mk } from "./make-doc.js";

// Expected numbers are what spaCy 3.5.4's Scorer (spacy/scorer.py) returns for the same docs,
// built with spaCy with "" / None where a value is missing.
function examples() {
  return [
    // "cannot" split in two on the predicted side, "sunscreen" merged.
    eg(
      mk(["Apply", "some", "sunscreen", "unless", "you", "can", "not"], {
        tags: ["VERB", "DET", "NOUN", "SCONJ", "PRON", "VERB", "VERB"],
        pos: ["VERB", "NOUN", "NOUN", "SCONJ", "PRON", "AUX", "PART"],
        lemmas: ["apply", "some", "sunscreen", "unless", "", "can", "not"],
        morphs: ["Mood=Imp|VerbForm=Fin", "PronType=Ind", "Number=Plur", "_", "Case=Nom|Person=2|PronType=Prs", "VerbForm=Fin", "Polarity=Neg"],
      }),
      mk(["Apply", "some", "sun", "screen", "unless", "you", "cannot"], {
        tags: ["VERB", "DET", "NOUN", "NOUN", "SCONJ", "", "VERB"],
        pos: ["VERB", "DET", "NOUN", "NOUN", "SCONJ", "PRON", "VERB"],
        lemmas: ["apply", "some", "sun", "screen", "unless", "you", "cannot"],
        morphs: ["Mood=Imp|VerbForm=Fin", "_", "Number=Sing", "Number=Sing", "", "Case=Nom|Person=2", "_"],
      }),
    ),
    // A whitespace token, skipped on the predicted side only.
    eg(
      mk(["Hi", "\n", "there", "!"], {
        spaces: [false, false, false, false],
        tags: ["INTJ", "_SP", "ADV", "."],
        pos: ["INTJ", "SPACE", "ADV", "PUNCT"],
        lemmas: ["hi", "\n", "there", "!"],
        morphs: ["_", "", "", "PunctType=Excl"],
      }),
      mk(["Hi", "\n", "the", "re", "!"], {
        spaces: [false, false, false, false, false],
        tags: ["INTJ", "_SP", "DET", "X", "."],
        pos: ["INTJ", "SPACE", "ADV", "ADV", "PUNCT"],
        lemmas: ["hi", "\n", "there", "there", "!"],
        morphs: ["", "", "", "", "PunctType=Excl"],
      }),
    ),
    // A reference with unknown spaces: left out of the tokenization scores only.
    eg(
      mk(["New", "York", "rocks"], { tags: ["PROPN", "NOUN", "VERB"] }),
      mk(["New", "York", "rocks"], { tags: ["PROPN", "PROPN", "VERB"], unknownSpaces: true }),
    ),
  ];
}

describe("scorer/tokens", () => {
  it("scores tokenization as spaCy does", () => {
    assert.deepEqual(scoreTokenization(examples()), {
      token_acc: 0.8,
      token_p: 0.4,
      token_r: 0.36363636363636365,
      token_f: 0.380952380952381,
    });
    assert.deepEqual(scoreTokenization(examples().slice(2)), { token_acc: null, token_p: null, token_r: null, token_f: null });
    assert.deepEqual(tokenizerScore(examples()), scoreTokenization(examples()));
  });

  it("scores tag, pos and lemma accuracy with missing reference values left out", () => {
    assert.deepEqual(scoreTokenAttr(examples(), "tag"), { tag_acc: 0.6956521739130435 });
    assert.deepEqual(scoreTokenAttr(examples(), "pos"), { pos_acc: 0.5 });
    assert.deepEqual(scoreTokenAttr(examples(), "lemma"), { lemma_acc: 0.5 });
    assert.deepEqual(scoreTokenAttr(examples().slice(0, 1), "tag"), { tag_acc: 0.8 });
    assert.deepEqual(scoreTokenAttr([eg(mk(["a"]), mk(["a"]))], "tag"), { tag_acc: null });
  });

  it("compares MORPH by its key, so that '_' (no features) is annotation and '' is not", () => {
    assert.deepEqual(scoreTokenAttr(examples(), "morph"), { morph_acc: 0.30769230769230765 });
  });

  it("scores morphological features per field", () => {
    const one = { p: 1, r: 1, f: 1 };
    const zero = { p: 0, r: 0, f: 0 };
    const scores = scoreTokenAttrPerFeat(examples(), "morph");
    assert.deepEqual(scores, {
      morph_micro_p: 0.8333333333333334,
      morph_micro_r: 0.7142857142857143,
      morph_micro_f: 0.7692307692307692,
      morph_per_feat: { Mood: one, VerbForm: one, Number: zero, Case: one, Person: one, PronType: zero, PunctType: one },
    });
    assert.deepEqual(Object.keys(scores.morph_per_feat as object), ["Mood", "VerbForm", "Number", "Case", "Person", "PronType", "PunctType"]);
    const empty = scoreTokenAttrPerFeat([eg(mk(["a"], { morphs: ["_"] }), mk(["a"], { morphs: ["_"] }))], "morph");
    assert.deepEqual(empty, { morph_micro_p: null, morph_micro_r: null, morph_micro_f: null, morph_per_feat: null });
  });

  it("takes a getter and missing values of the caller's", () => {
    const upper = scoreTokenAttr(examples().slice(0, 1), "tag", { getter: (token) => token.doc.tags[token.i]!.toLowerCase(), missingValues: new Set([""]) });
    assert.deepEqual(upper, { tag_acc: 0.8 });
    // With nothing missing, the reference's unannotated "you" counts against the prediction.
    const strict = scoreTokenAttr(examples().slice(0, 1), "tag", { missingValues: new Set() });
    assert.ok((strict.tag_acc as number) < 0.8);
    assert.throws(() => scoreTokenAttr(examples(), "colour"), { code: "E_SCORER_ATTR" });
  });

  it("the component scorers return spaCy's keys", () => {
    assert.deepEqual(taggerScore(examples()), { tag_acc: 0.6956521739130435 });
    assert.deepEqual(lemmatizerScore(examples()), { lemma_acc: 0.5 });
    assert.deepEqual(Object.keys(morphologizerScore(examples())), [
      "pos_acc",
      "morph_acc",
      "morph_micro_p",
      "morph_micro_r",
      "morph_micro_f",
      "morph_per_feat",
    ]);
    const ruler = attributeRulerScore(examples());
    assert.deepEqual(Object.keys(ruler), ["tag_acc", "pos_acc", "morph_acc", "morph_micro_p", "morph_micro_r", "morph_micro_f", "morph_per_feat", "lemma_acc"]);
    assert.equal(ruler.morph_acc, 0.30769230769230765);
    assert.equal(ruler.lemma_acc, 0.5);
  });
});
