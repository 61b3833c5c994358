import { strict as assert } from "node:assert";
import { BiluoPushDown } from "../../../src/pipes/transition/biluo.js";
import { contextIds } from "../../../src/pipes/transition/greedy.js";
import { cutGoldBatch, exampleOracleSequence, initGoldBatch } from "../../../src/pipes/transition/oracle.js";
import { makeExample, perLocOrgSystem } from "./helpers.js";

const LONG = { words: "a b c d e f g h i j k l", gold: ["U-PER", "O", "B-LOC", "I-LOC", "L-LOC", "O", "O", "-", "-", "-", "-", "-"] };
const SHORT = { words: "m n o", gold: ["O", "U-ORG", "O"] };

describe("oracle and gold batches", () => {
  it("follows the first zero-cost move, also through unannotated tokens (as spaCy does)", () => {
    const system = perLocOrgSystem();
    const names = exampleOracleSequence(system, makeExample(LONG)).map((clas) => system.className(clas));
    assert.deepEqual(names, ["U-PER", "O", "B-LOC", "I-LOC", "L-LOC", "O", "O", "B-PER", "I-PER", "I-PER", "I-PER", "L-PER"]);
    assert.deepEqual(exampleOracleSequence(system, makeExample({ words: "a b", gold: ["-", "-"] })), [], "no gold, no sequence");
  });

  it("cuts long docs along the oracle where spaCy's _init_gold_batch does", () => {
    const system = perLocOrgSystem();
    const examples = [makeExample(SHORT), makeExample(LONG)];
    // spaCy: the segments' first buffer tokens, and their first context ids (SHORT's 3 tokens come first).
    const cut5 = cutGoldBatch(system, examples, 5);
    assert.deepEqual(
      cut5.states.map((state) => state.B(0)),
      [0, 0, 5],
    );
    assert.deepEqual(Array.from(contextIds(system, cut5.states, 3)), [0, -1, -1, 3, -1, -1, 8, -1, -1]);
    const starts = (maxLength: number) => cutGoldBatch(system, examples, maxLength).states.map((state) => state.B(0));
    assert.deepEqual(starts(3), [0, 0, 3, 6]);
    assert.deepEqual(starts(4), [0, 0, 4]);
    assert.deepEqual(starts(6), [0, 0, 6]);
    assert.deepEqual(starts(100), [0, 0]);
    assert.equal(cut5.golds[1], cut5.golds[2], "segments of one doc share its gold");
  });

  it("a segment starts where the oracle left off, open entity included", () => {
    const system = perLocOrgSystem();
    const eg = makeExample({ words: "a b c d e f", gold: ["O", "B-ORG", "I-ORG", "I-ORG", "L-ORG", "O"] });
    const { states } = cutGoldBatch(system, [eg], 3);
    assert.deepEqual(
      states.map((state) => [state.B(0), state.entityIsOpen, state.E(0)]),
      [
        [0, false, -1],
        [3, true, 1],
      ],
    );
  });

  it("leaves out examples without gold and empty docs, keeping offsets of the whole batch", () => {
    const system = perLocOrgSystem();
    const examples = [makeExample({ words: "a b", gold: ["-", "-"] }), makeExample({ words: "c d e", gold: ["O", "U-LOC", "O"] })];
    const { states } = initGoldBatch(system, examples);
    assert.equal(states.length, 1);
    assert.equal(states[0]!.offset, 2);
  });

  it("says when the gold cannot be reached", () => {
    const system = new BiluoPushDown();
    system.initializeActions(system.getActions([makeExample({ words: "x", gold: ["U-PER"] })]));
    const eg = makeExample({ words: "a b", gold: ["U-LOC", "O"] });
    assert.throws(() => exampleOracleSequence(system, eg), /no move 'U-LOC'/);
    for (const action of system.actionTypes) system.addAction(action, "LOC");
    assert.equal(exampleOracleSequence(system, eg).length, 2);
    // No entity may start on whitespace, so this gold cannot be reached.
    const spaced = makeExample({ words: ["a", " ", "b"], gold: ["O", "B-PER", "L-PER"] });
    assert.throws(() => exampleOracleSequence(system, spaced), /No move is both valid and correct at token 1/);
  });
});
