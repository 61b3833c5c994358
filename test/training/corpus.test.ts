import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../src/config/resolve.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import type { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { createCorpusReader } from "../../src/training/corpus.js";
import { walkCorpus } from "../../src/training/corpus-files.js";
import { readLabels } from "../../src/training/corpus-labels.js";
import { readLines } from "../../src/training/corpus-lines.js";
import { createJsonlReader, createPlainTextReader } from "../../src/training/corpus-text.js";
import type { Reader, ReaderNlp } from "../../src/training/reader-types.js";
import { registerCorpusFunctions } from "../../src/training/register.js";
import { TsnlpError } from "../../src/util/errors.js";
import { needShared } from "../helpers/shared.js";
import { whitespaceNlp } from "../helpers/nlp.js";

/** An assert.throws / rejects check that the error is a TsnlpError and passes `check`. */
const tsnlpError = (check: (error: TsnlpError) => boolean) => (error: unknown) => error instanceof TsnlpError && check(error);

async function collect(reader: Reader, nlp: ReaderNlp = whitespaceNlp()): Promise<Example[]> {
  const out: Example[] = [];
  for await (const example of reader(nlp)) out.push(example);
  return out;
}

/** "Hi , you . Go now !": two gold sentences of 4 and 4 tokens. */
function twoSentenceDoc(vocab: Vocab, words = ["Hi", ",", "you", ".", "Go", "now", "there", "!"]): Doc {
  return new Doc(vocab, {
    words,
    spaces: words.map((_, i) => i < words.length - 1 && words[i + 1] !== "," && words[i + 1] !== "." && words[i + 1] !== "!"),
    tags: words.map((word) => (/^\w/.test(word) ? "X" : "PUNCT")),
    sentStarts: words.map((_, i) => i === 0 || i === 4),
  });
}

describe("corpus readers", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "corpus-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const writeBin = (path: string, ...texts: string[][]) => {
    const vocab = new Vocab();
    mkdirSync(join(path, ".."), { recursive: true });
    new DocBin({ docs: texts.map((words) => new Doc(vocab, { words })) }).toDisk(path);
  };

  describe("spacy.Corpus.v1", () => {
    it("gives examples whose predicted doc is the tokenizer's, skipping empty docs", async () => {
      const vocab = new Vocab();
      const path = join(dir, "train.spacy");
      new DocBin({ docs: [twoSentenceDoc(vocab), new Doc(vocab, { words: [] })] }).toDisk(path);
      const examples = await collect(createCorpusReader(path));
      assert.equal(examples.length, 1);
      assert.deepEqual(examples[0]!.reference.words, ["Hi", ",", "you", ".", "Go", "now", "there", "!"]);
      assert.deepEqual(examples[0]!.predicted.words, ["Hi,", "you.", "Go", "now", "there!"]);
      assert.deepEqual(examples[0]!.reference.tags.slice(0, 2), ["X", "PUNCT"]);
    });

    it("reads a folder recursively in Python's path order, skipping hidden files and other extensions", async () => {
      writeBin(join(dir, "b.spacy"), ["b"]);
      writeBin(join(dir, "a", "z.spacy"), ["a/z"]);
      writeBin(join(dir, "a-b.spacy"), ["a-b"]);
      writeBin(join(dir, ".hidden", "x.spacy"), ["hidden"]);
      writeBin(join(dir, "a", ".h.spacy"), ["hidden"]);
      writeFileSync(join(dir, "notes.txt"), "not a corpus");
      assert.deepEqual(walkCorpus(dir, ".spacy", "corpus"), [join(dir, "a", "z.spacy"), join(dir, "a-b.spacy"), join(dir, "b.spacy")]);
      const examples = await collect(createCorpusReader(dir));
      assert.deepEqual(
        examples.map((example) => example.reference.text),
        ["a/z ", "a-b ", "b "],
      );
    });

    it("reads one file at a time, and a limit stops before the next file is read", async () => {
      writeBin(join(dir, "a.spacy"), ["one"], ["two"], ["three"]);
      writeFileSync(join(dir, "b.spacy"), "this is not a DocBin");
      const limited = await collect(createCorpusReader(dir, { limit: 2 }));
      assert.deepEqual(
        limited.map((example) => example.reference.text),
        ["one ", "two "],
      );
      const seen: string[] = [];
      await assert.rejects(
        async () => {
          for await (const example of createCorpusReader(dir)(whitespaceNlp())) seen.push(example.reference.text);
        },
        tsnlpError((error) => error.file === join(dir, "b.spacy") && /not zlib-compressed/.test(error.message)),
      );
      assert.deepEqual(seen, ["one ", "two ", "three "], "the first file's docs came out before the second file was read");
    });

    it("splits docs of max_length tokens or more into sentences, and drops sentences that are still too long", async () => {
      const vocab = new Vocab();
      const long = twoSentenceDoc(vocab, ["A", "b", "c", ".", "D", "e", "f", "g", "h", "."]);
      const noSentences = new Doc(vocab, { words: ["x", "y", "z", "w", "v", "u", "t", "s", "r", "q"] });
      const path = join(dir, "train.spacy");
      new DocBin({ docs: [long, noSentences] }).toDisk(path);
      const texts = async (maxLength: number) => (await collect(createCorpusReader(path, { maxLength }))).map((example) => example.reference.words.join(" "));
      assert.deepEqual(await texts(0), ["A b c . D e f g h .", "x y z w v u t s r q"]);
      assert.deepEqual(await texts(11), ["A b c . D e f g h .", "x y z w v u t s r q"]);
      assert.deepEqual(await texts(10), ["A b c .", "D e f g h ."], "10 tokens is not below 10: split; the doc without sentences is dropped");
      assert.deepEqual(await texts(6), ["A b c ."], "the sentence of 6 tokens is dropped");
      const [first] = await collect(createCorpusReader(path, { maxLength: 10 }));
      assert.equal(first!.reference.sentStarts[0], 1);
      assert.deepEqual(first!.predicted.words, ["A", "b", "c."], "the predicted doc comes from the tokenizer, on the sentence text");
    });

    it("with gold_preproc, predicts on the reference's own words, one example per sentence", async () => {
      const vocab = new Vocab();
      const noSentences = new Doc(vocab, { words: ["no", "bounds", "!"], spaces: [true, false, false] });
      const path = join(dir, "train.spacy");
      new DocBin({ docs: [twoSentenceDoc(vocab), noSentences] }).toDisk(path);
      const examples = await collect(createCorpusReader(path, { goldPreproc: true }));
      assert.deepEqual(
        examples.map((example) => example.predicted.words),
        [
          ["Hi", ",", "you", "."],
          ["Go", "now", "there", "!"],
          ["no", "bounds", "!"],
        ],
      );
      assert.deepEqual(
        examples.map((example) => example.reference.words),
        examples.map((example) => example.predicted.words),
      );
      assert.equal(examples[1]!.predicted.text, "Go now there!");
    });

    it("predicts on the reference's words when its spaces are unknown", async () => {
      const vocab = new Vocab();
      const doc = new Doc(vocab, { words: ["Hi", ",", "you"] });
      doc.hasUnknownSpaces = true;
      const path = join(dir, "train.spacy");
      new DocBin({ docs: [doc] }).toDisk(path);
      const [example] = await collect(createCorpusReader(path));
      assert.deepEqual(example!.predicted.words, ["Hi", ",", "you"]);
    });

    it("passes every example through the augmenter", async () => {
      writeBin(join(dir, "train.spacy"), ["one"], ["two"]);
      const reader = createCorpusReader(dir, { augmenter: (_nlp, example) => [example, example] });
      assert.equal((await collect(reader)).length, 4);
    });

    it("reads spaCy's EWT dev file", async function () {
      const path = join(needShared(this), "golden", "en_ewt-ud-dev.spacy");
      const examples = await collect(createCorpusReader(path, { goldPreproc: true }));
      assert.equal(examples.length, 2001, "one example per sentence");
      assert.equal(
        examples.reduce((sum, example) => sum + example.reference.length, 0),
        25147,
      );
      const split = await collect(createCorpusReader(path, { maxLength: 100, limit: 5 }));
      assert.ok(split.length > 5 && split.every((example) => example.reference.length < 100));
    });

    it("says clearly when the path is missing, null, empty or of the wrong type", async () => {
      await assert.rejects(
        collect(createCorpusReader(join(dir, "nope.spacy"))),
        tsnlpError((error) => {
          return error.code === "E_CORPUS_NOT_FOUND" && error.file === join(dir, "nope.spacy") && /does not exist/.test(error.message);
        }),
      );
      assert.throws(
        () => createCorpusReader(null),
        tsnlpError((error) => error.code === "E_CORPUS_PATH_MISSING" && /--paths\.train/.test(error.hint ?? "")),
      );
      await assert.rejects(
        collect(createCorpusReader(dir)),
        tsnlpError((error) => error.code === "E_CORPUS_EMPTY" && error.file === dir),
      );
      writeFileSync(join(dir, "train.json"), "[]");
      await assert.rejects(
        collect(createCorpusReader(join(dir, "train.json"))),
        tsnlpError((error) => error.code === "E_CORPUS_FILE_TYPE" && /tsnlp convert/.test(error.hint ?? "")),
      );
    });
  });

  describe("spacy.JsonlCorpus.v1", () => {
    const texts = (examples: Example[]) => examples.map((example) => example.predicted.text);

    it("reads one text per line, skipping blank lines, with min_length, max_length (exclusive) and limit", async () => {
      const path = join(dir, "raw.jsonl");
      writeFileSync(
        path,
        ['{"text": "one"}', "", '{"text": "two words", "meta": 1}', "  ", '{"text": "three more words"}', '{"text": "four words here now"}'].join("\n"),
      );
      assert.deepEqual(texts(await collect(createJsonlReader(path))), ["one", "two words", "three more words", "four words here now"]);
      assert.deepEqual(texts(await collect(createJsonlReader(path, { minLength: 2, maxLength: 4 }))), ["two words", "three more words"]);
      assert.deepEqual(texts(await collect(createJsonlReader(path, { limit: 2 }))), ["one", "two words"]);
      const [example] = await collect(createJsonlReader(path));
      assert.notEqual(example!.reference, example!.predicted);
      assert.deepEqual(example!.reference.words, example!.predicted.words);
    });

    it("reports a line that is not JSON or has no text, with the file and line", async () => {
      const path = join(dir, "raw.jsonl");
      writeFileSync(path, '{"text": "fine"}\r\n{"text": "fine too"}\r\n{"txt": "oops"}\n');
      await assert.rejects(
        collect(createJsonlReader(path)),
        tsnlpError((error) => {
          return error.code === "E_JSONL_LINE" && error.file === path && error.line === 3 && /no "text" string/.test(error.message);
        }),
      );
      writeFileSync(path, '{"text": "fine"}\n{"text": broken}\n');
      await assert.rejects(
        collect(createJsonlReader(path)),
        tsnlpError((error) => error.line === 2 && /not valid JSON/.test(error.message)),
      );
      assert.deepEqual(texts(await collect(createJsonlReader(path, { limit: 1 }))), ["fine"], "a limit stops before the bad line is read");
    });

    it("reads every .jsonl file of a folder", async () => {
      writeFileSync(join(dir, "b.jsonl"), '{"text": "b"}\n');
      writeFileSync(join(dir, "a.jsonl"), '{"text": "a"}\n');
      assert.deepEqual(texts(await collect(createJsonlReader(dir))), ["a", "b"]);
    });
  });

  describe("spacy.PlainTextCorpus.v1", () => {
    it("reads one doc per non-empty line; max_length is inclusive here", async () => {
      const path = join(dir, "raw.txt");
      writeFileSync(path, "one\n\ntwo words\r\nthree more words\rfour words here now\n");
      const read = async (options = {}) => (await collect(createPlainTextReader(path, options))).map((example) => example.predicted.text);
      assert.deepEqual(await read(), ["one", "two words", "three more words", "four words here now"]);
      assert.deepEqual(await read({ minLength: 2, maxLength: 3 }), ["two words", "three more words"]);
      const [example] = await collect(createPlainTextReader(path));
      assert.notEqual(example!.reference, example!.predicted);
      assert.equal(example!.reference.text, example!.predicted.text);
    });
  });

  describe("line reading", () => {
    it("splits on \\n, \\r\\n and \\r, also when a \\r\\n straddles two chunks", async () => {
      const path = join(dir, "big.txt");
      const first = "x".repeat(65535);
      writeFileSync(path, `${first}\r\nsecond\rthird\n\nlast`);
      const lines = [];
      for await (const line of readLines(path)) lines.push([line.number, line.text.length > 10 ? line.text.length : line.text]);
      assert.deepEqual(lines, [
        [1, 65535],
        [2, "second"],
        [3, "third"],
        [4, ""],
        [5, "last"],
      ]);
    });

    it("streams a file of many chunks and reports bad UTF-8 with its line", async () => {
      const path = join(dir, "many.jsonl");
      const good = Array.from({ length: 20000 }, (_, i) => `{"text": "line ${i} é"}`).join("\n");
      writeFileSync(path, Buffer.concat([Buffer.from(`${good}\n{"text": "`), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]));
      let count = 0;
      await assert.rejects(
        async () => {
          for await (const line of readLines(path)) {
            assert.equal(line.number, count + 1);
            count++;
          }
        },
        tsnlpError((error) => error.code === "E_FILE_ENCODING" && error.line === 20001 && error.file === path),
      );
      assert.equal(count, 20000);
    });
  });

  describe("registry", () => {
    const registry = new Registry();
    registerBuiltins(registry);
    registerCorpusFunctions(registry);

    it("builds the readers and augmenters from config blocks", async () => {
      const vocab = new Vocab();
      const path = join(dir, "train.spacy");
      new DocBin({ docs: [new Doc(vocab, { words: ["Hello", "World"], tags: ["UH", "NN"] })] }).toDisk(path);
      const built = resolveConfig(
        {
          train: {
            "@readers": "spacy.Corpus.v1",
            path,
            gold_preproc: false,
            max_length: 0,
            limit: 0,
            augmenter: { "@augmenters": "spacy.lower_case.v1", level: 1 },
          },
          raw: { "@readers": "spacy.PlainTextCorpus.v1", path: join(dir, "raw.txt"), min_length: 0, max_length: 0 },
        },
        registry,
      ) as { train: Reader; raw: Reader };
      const [example] = await collect(built.train);
      assert.equal(example!.predicted.text, "hello world ");
      assert.deepEqual(example!.reference.tags, ["UH", "NN"]);
      writeFileSync(join(dir, "raw.txt"), "a b\n");
      assert.equal((await collect(built.raw)).length, 1);
    });

    it("reads labels files, and lets a missing one be inferred", () => {
      const path = join(dir, "labels.json");
      assert.equal(readLabels(path), null);
      assert.throws(
        () => readLabels(path, { require: true }),
        tsnlpError((error) => error.code === "E_FILE_NOT_FOUND"),
      );
      writeFileSync(path, '["ORG", "PER"]');
      assert.deepEqual(readLabels(path), ["ORG", "PER"]);
      writeFileSync(path, "[oops");
      assert.throws(
        () => readLabels(path),
        tsnlpError((error) => error.code === "E_LABELS_JSON" && error.file === path),
      );
    });
  });
});
