import { strict as assert } from "node:assert";
import { setEntityContextTokens } from "../../../src/pipes/transition/context-tokens.js";
import { contextIds } from "../../../src/pipes/transition/greedy.js";
import { Doc } from "../../../src/tokens/doc.js";
import { perLocOrgSystem, vocab } from "./helpers.js";

/**
 * The feature ids spaCy's ParserStepModel.get_token_ids gives for a batch of two docs (5 and 7
 * tokens) walked along PATHS, before each step; finished states drop out of the batch.
 */
const SPACY_IDS: Record<3 | 6, number[][][]> = {
  3: [
    [
      [0, -1, -1],
      [5, -1, -1],
    ],
    [
      [1, 0, 0],
      [6, -1, -1],
    ],
    [
      [2, 0, 1],
      [7, 6, 6],
    ],
    [
      [3, 0, 2],
      [8, 6, 7],
    ],
    [
      [4, -1, -1],
      [9, 6, 8],
    ],
    [[10, 6, 9]],
    [[11, 6, 10]],
  ],
  6: [
    [
      [0, -1, -1, -1, -1, -1],
      [5, -1, -1, -1, -1, -1],
    ],
    [
      [1, 0, -1, -1, -1, -1],
      [6, -1, -1, -1, -1, -1],
    ],
    [
      [2, 0, 1, -1, -1, -1],
      [7, 6, -1, -1, -1, -1],
    ],
    [
      [3, 0, 1, 2, -1, -1],
      [8, 6, 7, -1, -1, -1],
    ],
    [
      [4, -1, -1, -1, -1, -1],
      [9, 6, 7, 8, -1, -1],
    ],
    [[10, 6, 7, 8, 9, -1]],
    [[11, 6, 7, 8, 9, 10]],
  ],
};

const PATHS = [
  ["B-PER", "I-PER", "I-PER", "L-PER", "O"],
  ["O", "B-LOC", "I-LOC", "I-LOC", "I-LOC", "I-LOC", "L-LOC"],
];

describe("entity context tokens", () => {
  for (const nF of [3, 6] as const) {
    it(`match spaCy's ${nF} ids per state along two walks, with batch offsets`, () => {
      const system = perLocOrgSystem();
      const docs = [new Doc(vocab, { words: "a b c d e".split(" ") }), new Doc(vocab, { words: "f g h i j k l".split(" ") })];
      const states = system.initBatch(docs);
      const seen: number[][][] = [];
      for (let t = 0; t < 7; t++) {
        const live = states.filter((state) => !state.isFinal);
        const ids = contextIds(system, live, nF);
        seen.push(live.map((_, i) => Array.from(ids.subarray(i * nF, (i + 1) * nF))));
        states.forEach((state, i) => {
          if (!state.isFinal) system.apply(state, system.lookupTransition(PATHS[i]![t]!));
        });
      }
      assert.deepEqual(seen, SPACY_IDS[nF]);
    });
  }

  it("a final state shows nothing, and 1 or 2 slots give B0 and S0", () => {
    const system = perLocOrgSystem();
    const [, state] = system.initBatch([new Doc(vocab, { words: ["a", "b"] }), new Doc(vocab, { words: ["c"] })]);
    const ids = new Int32Array(8).fill(99);
    setEntityContextTokens(state!, 1, ids, 0);
    setEntityContextTokens(state!, 2, ids, 1);
    assert.deepEqual(Array.from(ids.subarray(0, 3)), [2, 2, -1]);
    system.apply(state!, system.lookupTransition("U-PER"));
    setEntityContextTokens(state!, 6, ids, 2);
    assert.deepEqual(Array.from(ids), [2, 2, -1, -1, -1, -1, -1, -1]);
    assert.throws(() => setEntityContextTokens(state!, 8, ids, 0), /1, 2, 3 or 6 context tokens/);
  });
});
