import { strict as assert } from "node:assert";
import { resolveConfig } from "../../src/config/resolve.js";
import { registerTrainingFunctions } from "../../src/ml/register-training.js";
import { compounding, type Schedule } from "../../src/ml/schedules.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import {
  type Batcher,
  batchByPadded,
  batchBySequence,
  batchByWords,
  batchIndicesByLength,
  configureBatchByWords,
  itemLength,
} from "../../src/training/batchers.js";
import { registerBatchers } from "../../src/training/register-batchers.js";
import { TsnlpError } from "../../src/util/errors.js";

// The expected batches below are what spaCy 3.5.4's minibatch_by_words, minibatch and
// minibatch_by_padded_size return for items of these lengths (spacy/training/batchers.py).
const LENGTHS = [5, 12, 3, 30, 8, 8, 2, 25, 14, 1, 9, 40, 7, 6, 11];
const items = () => LENGTHS.map((n) => new Array<number>(n).fill(0));
const lengths = (batches: Iterable<number[][]>) => [...batches].map((batch) => batch.map((item) => item.length));

/** A schedule that counts how many sizes the batcher took from it. */
function counted(schedule: Schedule): { schedule: Schedule; taken: () => number } {
  return { schedule, taken: () => schedule.steps };
}

describe("batchers", () => {
  describe("spacy.batch_by_words.v1", () => {
    it("fills batches to the size, lets the overflow within the tolerance start the next batch, and batches oversize items alone", () => {
      assert.deepEqual(lengths(batchByWords(items(), { size: 20 })), [[30], [5, 12, 3], [25], [8, 8, 2], [40], [14, 1], [9, 7], [6, 11]]);
    });

    it("with no tolerance, an oversize item may come out before the batch it interrupted", () => {
      assert.deepEqual(lengths(batchByWords(items(), { size: 20, tolerance: 0 })), [[30], [5, 12, 3], [25], [8, 8, 2], [14, 1], [40], [9, 7], [6, 11]]);
    });

    it("a wider tolerance keeps more items in one batch", () => {
      assert.deepEqual(lengths(batchByWords(items(), { size: 25, tolerance: 0.5 })), [[5, 12, 3], [30], [8, 8, 2], [25], [40], [14, 1, 9], [7, 6, 11]]);
    });

    it("discard_oversize drops the items longer than size * (1 + tolerance)", () => {
      assert.deepEqual(lengths(batchByWords(items(), { size: 20, discardOversize: true })), [
        [5, 12, 3],
        [8, 8, 2],
        [14, 1],
        [9, 7],
        [6, 11],
      ]);
    });

    it("reads a new size from a schedule at each batch, and the schedule goes on in the next epoch", () => {
      const { schedule, taken } = counted(compounding(10, 40, 1.5));
      const batcher = configureBatchByWords<number[]>({ size: schedule, tolerance: 0.2, discardOversize: false });
      assert.deepEqual(lengths(batcher(items())), [[5], [30], [12, 3], [8, 8, 2], [25], [14, 1, 9], [40], [7, 6, 11]]);
      assert.equal(taken(), 7);
      assert.deepEqual(lengths(batcher(items())), [[5, 12, 3], [30, 8], [8, 2, 25], [14, 1, 9], [40], [7, 6, 11]]);
    });

    it("compares with fractional sizes as they come from the schedule", () => {
      const batches = lengths(batchByWords(items(), { size: compounding(10, 40, 1.001) }));
      assert.deepEqual(batches, [[5], [12], [30], [3], [8], [25], [14], [8, 2], [40], [1, 9], [7], [6], [11]]);
    });

    it("a list of sizes that runs out is a clear error (spaCy raises a RuntimeError)", () => {
      assert.throws(
        () => [...batchByWords(items(), { size: [20, 10] })],
        (error: unknown) => error instanceof TsnlpError && error.code === "E_BATCH_SIZE_EXHAUSTED",
      );
    });

    it("gives no batch for no items", () => {
      assert.deepEqual([...batchByWords([], { size: 20 })], []);
    });
  });

  describe("spacy.batch_by_sequence.v1", () => {
    it("cuts `size` items per batch", () => {
      assert.deepEqual(lengths(batchBySequence(items(), 4)), [
        [5, 12, 3, 30],
        [8, 8, 2, 25],
        [14, 1, 9, 40],
        [7, 6, 11],
      ]);
    });

    it("takes each batch's size from a schedule, truncated, and one more when the items run out", () => {
      const { schedule, taken } = counted(compounding(2, 6, 1.5));
      assert.deepEqual(lengths(batchBySequence(items(), schedule)), [
        [5, 12],
        [3, 30, 8],
        [8, 2, 25, 14],
        [1, 9, 40, 7, 6, 11],
      ]);
      assert.equal(taken(), 5);
    });
  });

  describe("spacy.batch_by_padded.v1", () => {
    it("sorts each buffer by length and keeps longest length x count within the size, longest batches first", () => {
      assert.deepEqual(lengths(batchByPadded(items(), { size: 30, buffer: 6 })), [[30], [12, 8], [5, 3, 8], [40], [25], [14], [2, 1, 9], [11], [7, 6]]);
      assert.deepEqual(lengths(batchByPadded(items(), { size: 50, buffer: 256 })), [[40], [30], [25], [12, 14], [8, 8, 9, 11], [5, 3, 2, 1, 7, 6]]);
    });

    it("discard_oversize drops batches whose padded size reaches the size", () => {
      assert.deepEqual(lengths(batchByPadded(items(), { size: 30, buffer: 6, discardOversize: true })), [
        [12, 8],
        [5, 3, 8],
        [25],
        [14],
        [2, 1, 9],
        [11],
        [7, 6],
      ]);
    });

    it("reads one size per buffer from a schedule", () => {
      const { schedule, taken } = counted(compounding(20, 60, 2));
      assert.deepEqual(lengths(batchByPadded(items(), { size: schedule, buffer: 5 })), [[30], [12], [8], [5, 3], [25], [14], [8, 2, 1], [40], [9, 7, 6, 11]]);
      assert.equal(taken(), 3);
    });

    it("breaks ties in length by position and keeps each batch in input order", () => {
      const named: Array<[string, number]> = [
        ["a", 3],
        ["b", 3],
        ["c", 2],
        ["d", 3],
        ["e", 2],
      ];
      const batches = [...batchByPadded(named, { size: 6, buffer: 10, getLength: (item) => item[1] })];
      assert.deepEqual(
        batches.map((batch) => batch.map((item) => item[0])),
        [["d"], ["a", "b"], ["c", "e"]],
      );
      assert.deepEqual(
        batchIndicesByLength(named, 6, (item) => item[1]),
        [[3], [0, 1], [2, 4]],
      );
    });
  });

  describe("lengths", () => {
    it("an Example's length is its number of predicted tokens", () => {
      const vocab = new Vocab();
      const predicted = new Doc(vocab, { words: ["New", "York", "is", "big"] });
      const example = new Example(predicted, new Doc(vocab, { words: ["New", "York", "is", "big"] }));
      assert.equal(itemLength(example), 4);
      assert.deepEqual(
        [...batchByWords([example, example, example], { size: 8 })].map((batch) => batch.length),
        [2, 1],
      );
    });

    it("an item without a length asks for a get_length function", () => {
      assert.throws(
        () => itemLength({ words: 3 }),
        (error: unknown) => error instanceof TsnlpError && error.code === "E_BATCH_ITEM_LENGTH" && /get_length/.test(error.hint ?? ""),
      );
    });
  });

  describe("registry", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    registerBatchers(registry);
    const build = (name: string, args: Record<string, unknown>) => {
      const decl = registry.get("batchers", name) as { build?: (args: Record<string, unknown>, positional: unknown[]) => unknown };
      assert.ok(decl.build, `${name} has an implementation`);
      return decl.build(args, []) as Batcher<number[]>;
    };

    it("builds each declared batcher from config arguments", () => {
      const byWords = build("spacy.batch_by_words.v1", { size: 20, tolerance: 0.2, discard_oversize: true, get_length: null });
      assert.deepEqual(lengths(byWords(items())), [
        [5, 12, 3],
        [8, 8, 2],
        [14, 1],
        [9, 7],
        [6, 11],
      ]);
      const bySequence = build("spacy.batch_by_sequence.v1", { size: 4, get_length: null });
      assert.deepEqual(lengths(bySequence(items())).length, 4);
      const byPadded = build("spacy.batch_by_padded.v1", { size: 30, buffer: 6, discard_oversize: false, get_length: null });
      assert.deepEqual(lengths(byPadded(items()))[0], [30]);
    });

    it("resolves a config block whose size is a schedule, which keeps its place across epochs", () => {
      registerTrainingFunctions(registry);
      const built = resolveConfig(
        {
          batcher: {
            "@batchers": "spacy.batch_by_words.v1",
            size: { "@schedules": "compounding.v1", start: 10, stop: 40, compound: 1.5, t: 0 },
            tolerance: 0.2,
            discard_oversize: false,
            get_length: null,
          },
        },
        registry,
      ) as { batcher: Batcher<number[]> };
      assert.deepEqual(lengths(built.batcher(items())), [[5], [30], [12, 3], [8, 8, 2], [25], [14, 1, 9], [40], [7, 6, 11]]);
      assert.deepEqual(lengths(built.batcher(items())), [[5, 12, 3], [30, 8], [8, 2, 25], [14, 1, 9], [40], [7, 6, 11]]);
    });

    it("passes a get_length function through", () => {
      const byWords = build("spacy.batch_by_words.v1", { size: 2, tolerance: 0, discard_oversize: false, get_length: () => 1 });
      assert.deepEqual(
        [...byWords(items())].map((batch) => batch.length),
        [2, 2, 2, 2, 2, 2, 2, 1],
      );
    });
  });
});
