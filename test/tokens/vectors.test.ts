import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "mocha";
import { Doc, readVectorsFile, Vectors, Vocab } from "../../src/tokens/index.js";
import type { TsnlpError } from "../../src/util/errors.js";

/** The toy table the golden numbers below come from (word2vec text, with a header). */
const TOY = ["7 3", "apple 1 2 3", "pear 1 2 2.5", "car -1 0 4", "bus -1 0.5 3.5", "red 0.5 -1 0", "blue 0.4 -1.2 0.1", "Apple 2 4 6.5", ""].join("\n");
const TOY_WORDS = ["apple", "pear", "car", "bus", "red", "blue", "Apple"];

let dir: string;
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const read = async (name: string, content: string | Uint8Array, truncate = 0) => (await readVectorsFile(file(name, content), { truncate })).vectors;
const rows = (vectors: Vectors) => Array.from({ length: vectors.size }, (_, r) => Array.from(vectors.row(r)));

async function rejectsWith(promise: Promise<unknown>, check: (e: TsnlpError) => boolean): Promise<void> {
  await assert.rejects(promise, (e: TsnlpError) => {
    assert.ok(check(e), `unexpected error: ${e.code} ${e.message} (${e.location})`);
    return true;
  });
}

/** Codes of the process warnings `fn` emits (they are delivered on a later tick). */
async function warningsOf(fn: () => void): Promise<string[]> {
  const codes: string[] = [];
  const listener = (warning: Error & { code?: string }) => codes.push(`${warning.code}: ${warning.message}`);
  process.on("warning", listener);
  try {
    fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", listener);
  }
  return codes;
}

function toyVocab(attr: "ORTH" | "LOWER" = "ORTH"): Vocab {
  const data = new Float32Array([1, 2, 3, 1, 2, 2.5, -1, 0, 4, -1, 0.5, 3.5, 0.5, -1, 0, 0.4, -1.2, 0.1, 2, 4, 6.5]);
  return new Vocab({ lang: "en", vectors: new Vectors({ data, width: 3, keys: TOY_WORDS, attr }) });
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! * a[k]!;
    nb += b[k]! * b[k]!;
  }
  return dot / Math.sqrt(na * nb);
}

describe("Vectors", function () {
  this.timeout(20_000);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-vectors-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe("reading text files", () => {
    it("reads the word2vec format: header, words in file order, float32 values", async () => {
      const { vectors, info } = await readVectorsFile(file("toy.vec", TOY));
      assert.deepEqual(info.header, [7, 3]);
      assert.equal(info.gzipped, false);
      assert.deepEqual(vectors.shape, [7, 3]);
      assert.deepEqual([...vectors.keys()], TOY_WORDS);
      assert.deepEqual(Array.from(vectors.get("bus")!), [-1, 0.5, 3.5]);
      assert.equal(vectors.rowOf("Apple"), 6);
      assert.equal(vectors.rowOf("kiwi"), -1);
      assert.equal(vectors.get("kiwi"), null);
      // The last value has more digits than the fast path takes: it goes through the exact slow path.
      const precise = await read("precise.vec", "1 4\nthe -0.038194 1e-05 +2.5E+2 0.1234567890123456789\n");
      assert.deepEqual(Array.from(precise.row(0)), [Math.fround(-0.038194), Math.fround(1e-5), 250, Math.fround(Number("0.1234567890123456789"))]);
    });

    it("reads GloVe files without a header, taking the width from the first line", async () => {
      const { vectors, info } = await readVectorsFile(file("glove.txt", TOY.split("\n").slice(1).join("\n")));
      assert.equal(info.header, null);
      assert.deepEqual(vectors.shape, [7, 3]);
      assert.deepEqual(rows(vectors), rows(await read("toy2.vec", TOY)));
      // A first word that is a number is not a header.
      const numeric = await read("numbers.txt", "1 0.5 0.25\n2 1 2\n");
      assert.deepEqual([...numeric.keys()], ["1", "2"]);
      assert.deepEqual(Array.from(numeric.row(0)), [0.5, 0.25]);
    });

    it("reads gzipped files (with and without a header) as the plain ones", async () => {
      const plain = await read("plain.vec", TOY);
      const { vectors, info } = await readVectorsFile(file("toy.vec.gz", gzipSync(TOY)));
      assert.equal(info.gzipped, true);
      assert.deepEqual(rows(vectors), rows(plain));
      assert.deepEqual([...vectors.keys()], TOY_WORDS);
      const glove = await read("glove.txt.gz", gzipSync(TOY.split("\n").slice(1).join("\n")));
      assert.deepEqual(rows(glove), rows(plain));
    });

    it("reads lines that span read chunks, in plain and gzipped files", async () => {
      // About 6 MB: more than one 4 MB read of a plain file and many 1 MB chunks of gunzip.
      const lines = ["60000 12"];
      for (let i = 0; i < 60000; i++) lines.push(`w${i} ${Array.from({ length: 12 }, (_, k) => ((i * 13 + k * 7) % 1000) / 1000 - 0.5).join(" ")}`);
      const text = `${lines.join("\n")}\n`;
      for (const vectors of [await read("big.vec", text), await read("big.vec.gz", gzipSync(text))]) {
        assert.deepEqual(vectors.shape, [60000, 12]);
        for (const i of [0, 4321, 37777, 59999]) {
          assert.equal(vectors.rowOf(`w${i}`), i);
          assert.deepEqual(
            Array.from(vectors.row(i)),
            Array.from({ length: 12 }, (_, k) => Math.fround(((i * 13 + k * 7) % 1000) / 1000 - 0.5)),
          );
        }
      }
    });

    it("--truncate reads only the first N rows", async () => {
      const truncated = await read("t.vec", TOY, 2);
      assert.deepEqual(truncated.shape, [2, 3]);
      assert.deepEqual([...truncated.keys()], ["apple", "pear"]);
      const glove = await read("t.txt", TOY.split("\n").slice(1).join("\n"), 3);
      assert.deepEqual([...glove.keys()], ["apple", "pear", "car"]);
    });

    it("takes the values from the end of the line (words with spaces), skips blank lines and reads CRLF files", async () => {
      const vectors = await read("odd.vec", "3 2\r\nNew York 0.5 1\r\n\r\nat . . . 2 3\r\nx 4 5\r\n");
      assert.deepEqual([...vectors.keys()], ["New York", "at . . .", "x"]);
      assert.deepEqual(Array.from(vectors.get("New York")!), [0.5, 1]);
      assert.deepEqual(Array.from(vectors.get("x")!), [4, 5]);
    });

    it("names the file and line of a malformed line", async () => {
      const path = join(dir, "bad.vec");
      await rejectsWith(
        read("bad.vec", "3 3\na 1 2 3\nb 1 2\nc 1 2 3\n"),
        (e) =>
          e.code === "E_VECTORS_FORMAT" &&
          e.file === path &&
          e.line === 3 &&
          /Line 3 of .* has 2 values after the word, but the vectors are 3 wide/.test(e.message),
      );
      await rejectsWith(
        read("nan.vec", "2 3\na 1 2 3\nb 1 x2 3\n"),
        (e) => e.code === "E_VECTORS_FORMAT" && e.line === 3 && e.message.includes("Value 2 on line 3") && e.message.includes("'x2', not a number"),
      );
      await rejectsWith(
        read("glove-bad.txt", "a 1 2 3\nb 1 2 3\nc 1 2\n"),
        (e) => e.line === 3 && /2 values after the word/.test(e.message) && /first line sets the width/.test(e.hint ?? ""),
      );
      await rejectsWith(read("double-space.vec", "1 2\na 1  2\n"), (e) => e.line === 2 && /empty, not a number/.test(e.message));
      await rejectsWith(read("header.vec", "20000\na 1 2\n"), (e) => e.line === 1 && /not a header of two numbers/.test(e.message));
      await rejectsWith(read("more.vec", "1 2\na 1 2\nb 3 4\n"), (e) => e.line === 3 && /more rows than its header \(1 2\)/.test(e.message));
      await rejectsWith(read("empty.vec", "\n\n"), (e) => /is empty/.test(e.message));
      await rejectsWith(read("word-only.txt", "a\nb\n"), (e) => /has a word but no vector/.test(e.message));
      await rejectsWith(readVectorsFile(join(dir, "missing.vec")), (e) => e.code === "E_FILE_NOT_FOUND");
      await rejectsWith(read("bad.gz", gzipSync(TOY).subarray(0, 40)), (e) => e.code === "E_VECTORS_FILE" && /gzipped/.test(e.message));
    });
  });

  describe("the table", () => {
    it("merges duplicate rows and drops rows no word points to, keeping the row order", () => {
      const data = new Float32Array([1, 0, 0, 1, 1, 0, 0, 1, 5, 5]);
      const vectors = new Vectors({ data, width: 2, keys: ["a", "b", "c", "d"] });
      vectors.add("a", { row: 1 });
      vectors.deduplicate();
      // Row 0 lost its word; rows 1 and 3 hold the same vector; row 4 has no word.
      assert.deepEqual(rows(vectors), [
        [0, 1],
        [1, 0],
      ]);
      assert.deepEqual(
        ["a", "b", "c", "d"].map((word) => vectors.rowOf(word)),
        [0, 0, 1, 0],
      );
    });

    it("adds words with new vectors or pointing to existing rows", () => {
      const vectors = new Vectors();
      assert.deepEqual(vectors.shape, [0, 0]);
      assert.equal(vectors.add("x", { vector: [1, 2] }), 0);
      assert.equal(vectors.add("y", { vector: [3, 4] }), 1);
      assert.equal(vectors.add("z", { row: 0 }), 0);
      assert.equal(vectors.add("y", { vector: [5, 6] }), 1);
      assert.deepEqual(rows(vectors), [
        [1, 2],
        [5, 6],
      ]);
      assert.equal(vectors.nKeys, 3);
      assert.throws(() => vectors.add("w", { vector: [1] }), /has 1 values, but the table is 2 wide/);
      assert.throws(() => vectors.add("w", { row: 5 }), /table has 2 rows/);
    });

    it("finds the most similar rows by cosine, as spaCy does", () => {
      const vocab = toyVocab();
      vocab.pruneVectors(3);
      const found = vocab.vectors.mostSimilar(new Float32Array([1, 1, 1, 0.5, -1, 0.2]), { n: 2 });
      // What spaCy 3.8 gives for this table and these queries (the word of a row is the last one added for it).
      assert.deepEqual(found.keys, [
        ["pear", "Apple"],
        ["blue", "Apple"],
      ]);
      assert.deepEqual(Array.from(found.rows), [1, 0, 2, 0]);
      assert.deepEqual(Array.from(found.scores), [0.9467, 0.9258, 0.0641, -0.2118].map(Math.fround));
      assert.throws(() => vocab.vectors.mostSimilar(new Float32Array(3), { n: 4 }), /Unable to return 4 most similar vectors .* contains 3 vectors/);
    });

    it("prunes to the first rows and maps every other word to its nearest kept vector", () => {
      const vocab = toyVocab();
      const remap = vocab.pruneVectors(3);
      assert.deepEqual(vocab.vectors.shape, [3, 3]);
      // spaCy 3.8's prune_vectors(3) on the same table: what each dropped word maps to, and the rounded cosine.
      assert.deepEqual(
        // (spaCy's -0.0 for blue is a rounding of a tiny negative; the sign does not matter.)
        [...remap.entries()].map(([word, { synonym, score }]) => [word, synonym, score === 0 ? 0 : score]),
        [
          ["bus", "car", Math.fround(0.9901)],
          ["red", "car", Math.fround(-0.1085)],
          ["blue", "car", 0],
          ["Apple", "apple", Math.fround(0.9993)],
        ],
      );
      assert.equal(remap.size, 4);
      assert.deepEqual(remap.get("bus"), { synonym: "car", score: Math.fround(0.9901) });
      assert.equal(remap.get("apple"), undefined);
      assert.deepEqual(
        TOY_WORDS.map((word) => vocab.vectors.rowOf(word)),
        [0, 1, 2, 2, 2, 2, 0],
      );
      assert.deepEqual(Array.from(vocab.getVector("Apple")), [1, 2, 3]);
      assert.equal(vocab.hasVector("red"), true);
      assert.throws(() => vocab.pruneVectors(0), /Cannot prune a vectors table to 0 rows/);
    });

    it("saves and loads a folder with the same rows, words, name and attr", () => {
      const vocab = toyVocab("LOWER");
      vocab.pruneVectors(4);
      vocab.vectors.name = "toy.vectors";
      const folder = join(dir, "saved");
      vocab.vectors.toDisk(folder);
      const loaded = Vectors.fromDisk(folder);
      assert.deepEqual(rows(loaded), rows(vocab.vectors));
      assert.deepEqual([...loaded.keys()], [...vocab.vectors.keys()]);
      assert.deepEqual(
        TOY_WORDS.map((word) => loaded.rowOf(word)),
        TOY_WORDS.map((word) => vocab.vectors.rowOf(word)),
      );
      assert.equal(loaded.name, "toy.vectors");
      assert.equal(loaded.attr, "LOWER");
      assert.equal(JSON.parse(readFileSync(join(folder, "vectors.cfg"), "utf8")).format, "tsnlp.vectors.v1");
      assert.equal(readFileSync(join(folder, "vectors")).length, 4 * 3 * 4);
      writeFileSync(join(folder, "vectors"), new Uint8Array(10));
      assert.throws(
        () => Vectors.fromDisk(folder),
        (e: TsnlpError) => e.code === "E_VECTORS_FILE" && e.file === join(folder, "vectors") && /has 10 bytes, vectors.cfg implies 48/.test(e.message),
      );
    });

    it("keeps non-ASCII words", async () => {
      const vectors = await read("utf8.vec", "3 1\nnaïve 1\n東京 2\nnaive 3\n");
      assert.deepEqual([...vectors.keys()], ["naïve", "東京", "naive"]);
      assert.deepEqual([vectors.rowOf("東京"), vectors.rowOf("naive"), vectors.rowOf("naïve")], [1, 2, 0]);
    });
  });

  describe("doc, span and token vectors", () => {
    const vocab = toyVocab();
    const doc = new Doc(vocab, { words: ["apple", "pear", "car", "bus", "red", "blue", "Apple", "kiwi"] });

    it("gives a token its row, and zeros without one", () => {
      assert.deepEqual(Array.from(doc.token(3).vector), [-1, 0.5, 3.5]);
      assert.deepEqual(Array.from(doc.token(7).vector), [0, 0, 0]);
      assert.equal(doc.token(7).hasVector, false);
      assert.equal(doc.token(0).hasVector, true);
      assert.ok(Math.abs(doc.token(0).vectorNorm - Math.sqrt(14)) < 1e-6);
      // The copy is the caller's: changing it leaves the table alone.
      doc.token(0).vector[0] = 99;
      assert.equal(vocab.vectors.get("apple")![0], 1);
    });

    it("averages token vectors for spans and docs (values from spaCy 3.8)", () => {
      const expected = [0.36250001192092896, 0.7875000238418579, 2.450000047683716];
      Array.from(doc.vector).forEach((value, k) => {
        assert.ok(Math.abs(value - expected[k]!) < 1e-6);
      });
      assert.ok(Math.abs(doc.vectorNorm - 2.5988579429981176) < 1e-6);
      assert.ok(Math.abs(doc.span(4, 6).vectorNorm - 1.1895378) < 1e-6);
      assert.deepEqual(Array.from(doc.span(2, 2).vector), [0, 0, 0]);
      assert.equal(doc.span(7, 8).hasVector, false);
      assert.equal(doc.span(6, 8).hasVector, true);
    });

    it("compares by cosine: hand-computed values, and spaCy's for the same table", () => {
      const close = (got: number, want: number) => assert.ok(Math.abs(got - want) < 1e-6, `${got} vs ${want}`);
      close(doc.token(0).similarity(doc.token(1)), cosine([1, 2, 3], [1, 2, 2.5]));
      close(doc.token(0).similarity(doc.token(1)), 0.9960238933563232);
      close(doc.token(0).similarity(doc.token(2)), 0.7130240797996521);
      close(doc.token(2).similarity(doc.token(3)), 0.990147590637207);
      close(doc.span(0, 2).similarity(doc.span(2, 4)), cosine([1, 2, 2.75], [-1, 0.25, 3.75]));
      close(doc.span(0, 2).similarity(doc.span(2, 4)), 0.7118589282035828);
      close(doc.span(0, 3).similarity(doc), 0.9952930808067322);
      close(doc.similarity(doc.span(0, 3)), 0.9952930808067322);
      close(doc.token(2).similarity(doc.span(3, 4)), 0.990147590637207);
    });

    it("returns 1 for the same words and 0 for empty vectors, warning as spaCy does (W008)", async () => {
      const other = new Doc(vocab, { words: ["kiwi", "kiwi"] });
      assert.equal(doc.similarity(doc.span(0, 8)), 1);
      assert.equal(doc.token(7).similarity(other.token(0)), 1);
      assert.equal(doc.token(7).similarity(other.span(0, 1)), 1);
      assert.equal(new Doc(vocab, { words: [] }).similarity(new Doc(vocab, { words: [] })), 1);
      const warnings = await warningsOf(() => {
        assert.equal(doc.token(0).similarity(doc.token(7)), 0);
        assert.equal(doc.span(0, 2).similarity(other), 0);
        assert.equal(doc.token(1).similarity(doc.token(7)), 0);
      });
      // Once per kind of caller, as Python's default warning filter shows a warning once per place.
      assert.deepEqual(warnings, ["W008: Evaluating Token.similarity based on empty vectors.", "W008: Evaluating Span.similarity based on empty vectors."]);
    });

    it("looks words up by LOWER when the table says so", () => {
      const lower = toyVocab("LOWER");
      const upper = new Doc(lower, { words: ["APPLE", "Pear"] });
      assert.deepEqual(Array.from(upper.token(0).vector), [1, 2, 3]);
      assert.deepEqual(Array.from(upper.token(1).vector), [1, 2, 2.5]);
      assert.deepEqual(Array.from(new Doc(toyVocab(), { words: ["APPLE"] }).token(0).vector), [0, 0, 0]);
    });

    it("falls back to doc.tensor when the vocab has no vectors (warning W007)", async () => {
      const plain = new Vocab({ lang: "en" });
      const tensorDoc = new Doc(plain, { words: ["a", "b"] });
      assert.equal(tensorDoc.hasVector, false);
      assert.deepEqual(Array.from(tensorDoc.vector), []);
      tensorDoc.tensor = { data: new Float32Array([1, 0, 0, 1]), width: 2 };
      assert.deepEqual(Array.from(tensorDoc.token(1).vector), [0, 1]);
      assert.deepEqual(Array.from(tensorDoc.vector), [0.5, 0.5]);
      assert.equal(tensorDoc.token(0).hasVector, true);
      const warnings = await warningsOf(() => assert.ok(Math.abs(tensorDoc.token(0).similarity(tensorDoc.token(1))) < 1e-9));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /^W007: The model you're using has no word vectors loaded, so the result of the Token\.similarity method/);
    });

    it("sets and gets vectors through the vocab", () => {
      const fresh = new Vocab({ lang: "en" });
      assert.equal(fresh.vectorsLength, 0);
      fresh.setVector("hello", [1, 0]);
      fresh.setVector("world", [0, 2]);
      assert.equal(fresh.vectorsLength, 2);
      assert.deepEqual(Array.from(fresh.getVector("world")), [0, 2]);
      assert.deepEqual(Array.from(fresh.getVector("nope")), [0, 0]);
      assert.ok(Math.abs(new Doc(fresh, { words: ["hello", "world"] }).vectorNorm - Math.sqrt(0.25 + 1)) < 1e-6);
    });
  });
});
