import assert from "node:assert/strict";
import { Alignment, AlignmentArray, getAlignments } from "../../src/tokens/alignment.js";
import { TsnlpError } from "../../src/util/errors.js";

const lists = (alignment: Alignment) => [alignment.x2y.toLists(), alignment.y2x.toLists()];
const flat = (array: AlignmentArray) => ({ lengths: Array.from(array.lengths), data: Array.from(array.data) });

describe("tokens/alignment", () => {
  describe("getAlignments", () => {
    // spaCy's test_align, checked both ways round.
    const cases: Array<[string[], string[], number[][], number[][]]> = [
      [
        ["a", "b", "c"],
        ["ab", "c"],
        [[0], [0], [1]],
        [[0, 1], [2]],
      ],
      [
        ["a", "b", '"', "c"],
        ['ab"', "c"],
        [[0], [0], [0], [1]],
        [[0, 1, 2], [3]],
      ],
      [
        ["a", "bc"],
        ["ab", "c"],
        [[0], [0, 1]],
        [[0, 1], [1]],
      ],
      [
        ["ab", "c", "d"],
        ["a", "b", "cd"],
        [[0, 1], [2], [2]],
        [[0], [0], [1, 2]],
      ],
      [
        ["a", "b", "cd"],
        ["a", "b", "c", "d"],
        [[0], [1], [2, 3]],
        [[0], [1], [2], [2]],
      ],
      [[" ", "a"], ["a"], [[], [0]], [[1]]],
      [
        ["a", "''", "'", ","],
        ["a'", "''", ","],
        [[0], [0, 1], [1], [2]],
        [[0, 1], [1, 2], [3]],
      ],
    ];
    for (const [a, b, a2b, b2a] of cases) {
      it(`aligns ${JSON.stringify(a)} with ${JSON.stringify(b)}`, () => {
        assert.deepEqual(getAlignments(a, b), [a2b, b2a]);
        assert.deepEqual(getAlignments(b, a), [b2a, a2b]);
      });
    }

    it("gives the identity for identical words", () => {
      const words = ["I", "like", "London", "."];
      assert.deepEqual(getAlignments(words, [...words]), [
        [[0], [1], [2], [3]],
        [[0], [1], [2], [3]],
      ]);
    });

    it("handles empty inputs", () => {
      assert.deepEqual(getAlignments([], []), [[], []]);
      assert.deepEqual(getAlignments([" "], []), [[[]], []]);
    });
  });

  describe("Alignment.fromStrings", () => {
    it("splits a token into two (spaCy's test_alignment)", () => {
      const align = Alignment.fromStrings(["i", "listened", "to", "obama", "'", "s", "podcasts", "."], ["i", "listened", "to", "obama", "'s", "podcasts", "."]);
      assert.deepEqual(flat(align.x2y), { lengths: [1, 1, 1, 1, 1, 1, 1, 1], data: [0, 1, 2, 3, 4, 4, 5, 6] });
      assert.deepEqual(flat(align.y2x), { lengths: [1, 1, 1, 1, 2, 1, 1], data: [0, 1, 2, 3, 4, 5, 6, 7] });
    });

    it("ignores letter case", () => {
      const align = Alignment.fromStrings(["I", "listened", "to", "obama", "'", "s", "podcasts", "."], ["i", "listened", "to", "Obama", "'s", "PODCASTS", "."]);
      assert.deepEqual(flat(align.x2y), { lengths: [1, 1, 1, 1, 1, 1, 1, 1], data: [0, 1, 2, 3, 4, 4, 5, 6] });
      assert.deepEqual(flat(align.y2x), { lengths: [1, 1, 1, 1, 2, 1, 1], data: [0, 1, 2, 3, 4, 5, 6, 7] });
    });

    it("aligns tokens that contain spaces with the words inside them", () => {
      const align = Alignment.fromStrings(["i listened to", "obama", "'", "s", "podcasts", "."], ["i", "listened", "to", "obama", "'s", "podcasts."]);
      assert.deepEqual(flat(align.x2y), { lengths: [3, 1, 1, 1, 1, 1], data: [0, 1, 2, 3, 4, 4, 5, 5] });
      assert.deepEqual(flat(align.y2x), { lengths: [1, 1, 1, 1, 2, 2], data: [0, 0, 0, 1, 2, 3, 4, 5] });
    });

    // spaCy's test_alignment_spaces: [x words, y words, x2y lengths, x2y data, y2x lengths, y2x data].
    const spaceCases: Array<[string, string[], string[], number[], number[], number[], number[]]> = [
      [
        "single leading whitespace",
        [" ", "i listened to", "obama", "'", "s", "podcasts", "."],
        ["i", "listened", "to", "obama", "'s", "podcasts."],
        [0, 3, 1, 1, 1, 1, 1],
        [0, 1, 2, 3, 4, 4, 5, 5],
        [1, 1, 1, 1, 2, 2],
        [1, 1, 1, 2, 3, 4, 5, 6],
      ],
      [
        "several leading whitespace tokens",
        [" ", " ", "i listened to", "obama", "'", "s", "podcasts", "."],
        ["i", "listened", "to", "obama", "'s", "podcasts."],
        [0, 0, 3, 1, 1, 1, 1, 1],
        [0, 1, 2, 3, 4, 4, 5, 5],
        [1, 1, 1, 1, 2, 2],
        [2, 2, 2, 3, 4, 5, 6, 7],
      ],
      [
        "leading whitespace on both sides, not identical",
        [" ", " ", "i listened to", "obama", "'", "s", "podcasts", "."],
        [" ", "i", "listened", "to", "obama", "'s", "podcasts."],
        [1, 0, 3, 1, 1, 1, 1, 1],
        [0, 1, 2, 3, 4, 5, 5, 6, 6],
        [1, 1, 1, 1, 1, 2, 2],
        [0, 2, 2, 2, 3, 4, 5, 6, 7],
      ],
      [
        "the same leading whitespace, tokenized differently",
        [" ", " ", "i listened to", "obama", "'", "s", "podcasts", "."],
        ["  ", "i", "listened", "to", "obama", "'s", "podcasts."],
        [1, 1, 3, 1, 1, 1, 1, 1],
        [0, 0, 1, 2, 3, 4, 5, 5, 6, 6],
        [2, 1, 1, 1, 1, 2, 2],
        [0, 1, 2, 2, 2, 3, 4, 5, 6, 7],
      ],
      [
        "trailing whitespace on one side",
        ["i listened to", "obama", "'", "s", "podcasts", ".", " "],
        ["i", "listened", "to", "obama", "'s", "podcasts."],
        [3, 1, 1, 1, 1, 1, 0],
        [0, 1, 2, 3, 4, 4, 5, 5],
        [1, 1, 1, 1, 2, 2],
        [0, 0, 0, 1, 2, 3, 4, 5],
      ],
      [
        "different trailing whitespace",
        ["i listened to", "obama", "'", "s", "podcasts", ".", " ", " "],
        ["i", "listened", "to", "obama", "'s", "podcasts.", " "],
        [3, 1, 1, 1, 1, 1, 1, 0],
        [0, 1, 2, 3, 4, 4, 5, 5, 6],
        [1, 1, 1, 1, 2, 2, 1],
        [0, 0, 0, 1, 2, 3, 4, 5, 6],
      ],
      [
        "the same trailing whitespace, tokenized differently",
        ["i listened to", "obama", "'", "s", "podcasts", ".", " ", " "],
        ["i", "listened", "to", "obama", "'s", "podcasts.", "  "],
        [3, 1, 1, 1, 1, 1, 1, 1],
        [0, 1, 2, 3, 4, 4, 5, 5, 6, 6],
        [1, 1, 1, 1, 2, 2, 2],
        [0, 0, 0, 1, 2, 3, 4, 5, 6, 7],
      ],
    ];
    for (const [name, x, y, x2yLengths, x2yData, y2xLengths, y2xData] of spaceCases) {
      it(`skips whitespace present on one side only: ${name}`, () => {
        const align = Alignment.fromStrings(x, y);
        assert.deepEqual(flat(align.x2y), { lengths: x2yLengths, data: x2yData });
        assert.deepEqual(flat(align.y2x), { lengths: y2xLengths, data: y2xData });
      });
    }

    it("allows other whitespace differences, with one entry per token", () => {
      const align = Alignment.fromStrings(["a", " \n ", "b", "c"], ["a", "b", " ", "c"]);
      assert.deepEqual(Array.from(align.x2y.data), [0, 1, 3]);
      assert.deepEqual(Array.from(align.y2x.data), [0, 2, 3]);
      // spaCy adds a phantom entry when one side ends inside a token; each side here has one per token.
      const trailing = Alignment.fromStrings(["a", " "], ["a", "  "]);
      assert.deepEqual(lists(trailing), [
        [[0], [1]],
        [[0], [1]],
      ]);
      const inner = Alignment.fromStrings(["a "], ["a"]);
      assert.deepEqual(lists(inner), [[[0]], [[0]]]);
      assert.doesNotThrow(() => Alignment.fromStrings([" ", "a"], ["  ", "a", " "]));
    });

    it("treats Python's whitespace as whitespace, not U+FEFF", () => {
      assert.doesNotThrow(() => Alignment.fromStrings(["a", "\u2003", "b"], ["a", "b"]));
      assert.doesNotThrow(() => Alignment.fromStrings(["a", "\x1c", "b"], ["a", "b"]));
      assert.throws(() => Alignment.fromStrings(["a", "\ufeff", "b"], ["a", "b"]), { code: "E_ALIGN_TEXT" });
    });

    it("aligns text outside the basic plane unit by unit, consistently", () => {
      const align = Alignment.fromStrings(["I", "❤️🍕", "pizza"], ["I", "❤️", "🍕", "pizza"]);
      assert.deepEqual(lists(align), [
        [[0], [1, 2], [3]],
        [[0], [1], [1], [2]],
      ]);
    });

    it("says where texts that differ part", () => {
      const x = ["she", "listened", "to", "obama", "'s", "podcasts", "."];
      const y = ["i", "listened", "to", "obama", "'s", "podcasts", "."];
      assert.throws(
        () => Alignment.fromStrings(x, y),
        (error: unknown) => {
          assert.ok(error instanceof TsnlpError);
          assert.equal(error.code, "E_ALIGN_TEXT");
          assert.match(error.message, /predicted token 0 'she' has 's'/);
          assert.match(error.message, /reference token 0 'i' has 'i'/);
          assert.ok(error.hint);
          return true;
        },
      );
      assert.throws(() => Alignment.fromStrings(["a", "b", "c", "dog", "e"], ["a", "b", "c", "dig", "e"]), /token 3 'dog' has 'o'.*\[dog\]/);
      assert.throws(() => Alignment.fromStrings(["a", "b"], ["a", "b", "c"]), /the predicted text ends \(after 2 tokens\), where reference token 2 'c'/);
    });
  });

  it("matches the overlap of characters on random tokenizations", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const letters = "abcAB.'é";
    const split = (text: string) => {
      const words: string[] = [];
      let word = "";
      for (const char of text) {
        word += char;
        if (random() < 0.4) {
          words.push(word);
          word = "";
        }
      }
      if (word) words.push(word);
      return words;
    };
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => letters[Math.floor(random() * letters.length)]).join("");
      const x = split(text);
      const y = split(text);
      const owners = (words: string[]) => words.flatMap((word, i) => new Array<number>(word.length).fill(i));
      const ownerX = owners(x);
      const ownerY = owners(y);
      const expected = x.map(() => new Set<number>());
      ownerX.forEach((i, c) => {
        expected[i]!.add(ownerY[c]!);
      });
      const [x2y, y2x] = getAlignments(x, y);
      assert.deepEqual(
        x2y,
        expected.map((set) => [...set].sort((p, q) => p - q)),
        `${JSON.stringify(x)} / ${JSON.stringify(y)}`,
      );
      y2x.forEach((xs, j) => {
        for (const i of xs) assert.ok(x2y[i]!.includes(j));
      });
    }
  });

  it("runs in time linear in the text", () => {
    const words = Array.from({ length: 200_000 }, (_, i) => `w${i % 97}x`);
    const other = words.flatMap((word, i) => (i % 3 === 0 ? [word.slice(0, 2), word.slice(2)] : [word]));
    const started = performance.now();
    const align = Alignment.fromStrings(words, other);
    const elapsed = performance.now() - started;
    assert.equal(align.x2y.length, words.length);
    assert.equal(align.y2x.length, other.length);
    assert.ok(elapsed < 3000, `took ${elapsed.toFixed(0)} ms`);
  });

  describe("AlignmentArray", () => {
    it("indexes and slices like spaCy's", () => {
      const a = AlignmentArray.fromLists([[0, 1, 2], [3], [], [4, 5, 6, 7], [8, 9]]);
      assert.deepEqual(Array.from(a.data), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      assert.deepEqual(Array.from(a.lengths), [3, 1, 0, 4, 2]);
      assert.deepEqual(Array.from(a.starts), [0, 3, 4, 4, 8]);
      assert.deepEqual(Array.from(a.ends), [3, 4, 4, 8, 10]);
      assert.deepEqual(Array.from(a.get(3)), [4, 5, 6, 7]);
      assert.deepEqual(Array.from(a.get(2)), []);
      assert.deepEqual(Array.from(a.get(-2)), [4, 5, 6, 7]);
      assert.deepEqual(Array.from(a.slice(1, 4)), [3, 4, 5, 6, 7]);
      assert.deepEqual(Array.from(a.slice(1, 99)), [3, 4, 5, 6, 7, 8, 9]);
      assert.deepEqual(Array.from(a.slice(0, 3)), [0, 1, 2, 3]);
      assert.deepEqual(Array.from(a.slice(3, 3)), []);
      assert.throws(() => a.get(5), RangeError);
      assert.deepEqual(AlignmentArray.fromLists([[], [1, 2, 3], [4, 5]]).toLists(), [[], [1, 2, 3], [4, 5]]);
    });

    it("refuses lengths that do not add up", () => {
      assert.throws(() => new AlignmentArray(new Int32Array([1, 2]), new Int32Array([1])), RangeError);
    });
  });
});
