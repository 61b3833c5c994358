import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DocBin } from "../../../src/tokens/docbin.js";
import { Vocab } from "../../../src/tokens/vocab.js";
import { convertFile } from "../../../src/training/convert.js";
import { isTsnlpError } from "../../../src/util/errors.js";
import { fixture } from "./helpers.js";

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "tsnlp-convert-"));
}

/** Every file under a folder, relative, hidden ones included. */
function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe("convertFile", () => {
  it("writes INPUT-stem.spacy into the output folder, readable as a DocBin", () => {
    const out = tempDir();
    const result = convertFile(fixture("sample.conllu"), out, { nSents: 2 });
    assert.deepEqual(result.files, [
      { input: fixture("sample.conllu"), output: join(out, "sample.spacy"), converter: "conllu", docs: 2, sentences: 3, tokens: 9 },
    ]);
    const docs = [...DocBin.fromDisk(join(out, "sample.spacy")).getDocs(new Vocab())];
    assert.equal(docs[0]!.text, "I didn't go. Rain fell");
    assert.deepEqual(docs[0]!.tags, ["PRP", "VBD", "RB", "VB", ".", "NOUN", "VBD"]);
    assert.deepEqual(listAll(out), ["sample.spacy"]);
  });

  it("writes spaCy's JSON with --file-type json", () => {
    const out = tempDir();
    convertFile(fixture("sample.iob"), out, { fileType: "json", nSents: 0 });
    const json = JSON.parse(readFileSync(join(out, "sample.json"), "utf8"));
    assert.equal(json.length, 1);
    assert.equal(json[0].paragraphs.length, 1);
    assert.equal(json[0].paragraphs[0].sentences.length, 3);
  });

  it("converts a folder file by file, keeping sub-folders and skipping files no converter reads", () => {
    const input = tempDir();
    mkdirSync(join(input, "more"));
    copyFileSync(fixture("sample.conllu"), join(input, "a.conllu"));
    copyFileSync(fixture("sample.jsonl"), join(input, "more", "b.jsonl"));
    writeFileSync(join(input, "README.md"), "# notes\n");
    writeFileSync(join(input, ".hidden.conllu"), "not read\n");
    const out = tempDir();
    const messages: string[] = [];
    const result = convertFile(input, out, { log: (_, message) => messages.push(message) });
    assert.deepEqual(
      result.files.map((file) => [file.output.slice(out.length + 1), file.converter, file.docs]),
      [
        ["a.spacy", "conllu", 3],
        ["more/b.spacy", "jsonl", 3],
      ],
    );
    assert.deepEqual(result.skipped, [join(input, "README.md")]);
    assert.ok(messages.some((message) => /Skipped 1 file that no converter reads: README\.md/.test(message)));
    assert.deepEqual(listAll(out), ["a.spacy", "more/b.spacy"]);
  });

  it("--concatenate writes one output named after the folder", () => {
    const input = join(tempDir(), "corpus");
    mkdirSync(input);
    copyFileSync(fixture("sample.conllu"), join(input, "a.conllu"));
    copyFileSync(fixture("entities.conllu"), join(input, "b.conllu"));
    const out = tempDir();
    const result = convertFile(input, out, { concatenate: true });
    assert.deepEqual(
      result.files.map((file) => [file.output, file.docs]),
      [[join(out, "corpus.spacy"), 5]],
    );
    assert.equal(DocBin.fromDisk(join(out, "corpus.spacy")).length, 5);
  });

  it('writes to the stdout callback for output "-", and refuses several outputs there', () => {
    const chunks: Array<string | Uint8Array> = [];
    convertFile(fixture("sample.conllu"), "-", { stdout: (data) => chunks.push(data) });
    assert.equal(chunks.length, 1);
    assert.equal(DocBin.fromBytes(chunks[0] as Uint8Array).length, 3);
    const input = tempDir();
    copyFileSync(fixture("sample.conllu"), join(input, "a.conllu"));
    copyFileSync(fixture("sample.conllu"), join(input, "b.conllu"));
    assert.throws(() => convertFile(input, "-", { stdout: () => {} }), /cannot share standard output/);
  });

  it("writes nothing when any input file is bad", () => {
    const input = tempDir();
    copyFileSync(fixture("sample.conllu"), join(input, "a.conllu"));
    copyFileSync(fixture("bad_head.conllu"), join(input, "b.conllu"));
    const out = tempDir();
    assert.throws(
      () => convertFile(input, out),
      (error) => isTsnlpError(error) && error.file === join(input, "b.conllu") && error.line === 4,
    );
    assert.deepEqual(listAll(out), []);
  });

  it("says which converters exist when it cannot tell, and refuses unknown options", () => {
    const input = join(tempDir(), "notes.md");
    writeFileSync(input, "# Title\n");
    assert.throws(
      () => convertFile(input, tempDir()),
      (error) =>
        isTsnlpError(error) && /Cannot tell which converter reads \.md files/.test(error.message) && /conllu, iob, ner, jsonl, table/.test(error.hint ?? ""),
    );
    assert.throws(() => convertFile(fixture("sample.conllu"), tempDir(), { nSents: -1 }), /--n-sents must be a whole number/);
    assert.throws(() => convertFile(join(tempDir(), "missing.conllu"), tempDir()), /The input does not exist/);
    assert.throws(() => convertFile(fixture("sample.conllu"), fixture("sample.iob")), /The output must be a folder/);
  });

  it("takes spaCy's converter names: conll is the NER column converter", () => {
    const result = convertFile(fixture("conll2003.conll"), tempDir(), { converter: "conll" });
    assert.equal(result.files[0]!.converter, "ner");
    assert.equal(result.files[0]!.docs, 2);
  });

  it("reads the NER map and label list from files", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "map.json"), JSON.stringify({ LOC: "GPE" }));
    const out = tempDir();
    convertFile(fixture("entities.conllu"), out, { nerMap: join(dir, "map.json") });
    const [doc] = [...DocBin.fromDisk(join(out, "entities.spacy")).getDocs(new Vocab())];
    assert.deepEqual(
      doc!.ents.map((ent) => ent.label),
      ["PER", "GPE"],
    );
    writeFileSync(join(dir, "bad.json"), "[1, 2]");
    assert.throws(() => convertFile(fixture("entities.conllu"), out, { nerMap: join(dir, "bad.json") }), /The NER map must be a JSON object/);
  });
});
