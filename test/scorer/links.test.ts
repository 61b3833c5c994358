import assert from "node:assert/strict";
import { entityLinkerScore } from "../../src/scorer/component-scorers.js";
import { eg, mk } from "./make-doc.js";

describe("scorer/links", () => {
  it("scores links of entities that match a reference entity, as spaCy's Scorer.score_links does", () => {
    const examples = [
      eg(
        mk(["Ada", "met", "Alan", "and", "Bob", "."], { ents: ["B-PER", "O", "B-PER", "O", "B-PER", "O"], kb: ["Q7259", "Q7251", "NIL"] }),
        mk(["Ada", "met", "Alan", "and", "Bob", "."], { ents: ["B-PER", "O", "B-PER", "O", "B-PER", "O"], kb: ["Q7259", "Q42", "Q99"] }),
      ),
      eg(
        mk(["Paris", "and", "Rome", "in", "Oslo"], { ents: ["B-LOC", "O", "B-LOC", "O", "B-GPE"], kb: ["NIL", "Q220", "Q585"] }),
        mk(["Paris", "and", "Rome", "in", "Oslo"], { ents: ["B-LOC", "O", "B-LOC", "O", "O"], kb: ["NIL", "NIL"] }),
      ),
    ];
    // What spaCy 3.5.4 returns for the same entities and ids.
    assert.deepEqual(entityLinkerScore(examples), {
      nel_score: 0.3333333333333333,
      nel_score_desc: "micro F",
      nel_micro_p: 0.3333333333333333,
      nel_micro_r: 0.3333333333333333,
      nel_micro_f: 0.3333333333333333,
      nel_macro_p: 0.25,
      nel_macro_r: 0.16666666666666666,
      nel_macro_f: 0.2,
      nel_f_per_type: { PER: { p: 0.5, r: 0.3333333333333333, f: 0.4 }, LOC: { p: 0, r: 0, f: 0 } },
    });
  });
});
