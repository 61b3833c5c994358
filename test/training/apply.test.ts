import { strict as assert } from "node:assert";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { loadPipeline } from "../../src/language/disk.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { applyPipeline } from "../../src/training/apply.js";
import { walkDirectory } from "../../src/training/apply-files.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { createPrinter } from "../../src/util/printer.js";
import { type TinyPipelineFixture, tinyPipelineFixture } from "../commands/pipeline-commands-fixture.js";

function readDocs(path: string): Doc[] {
  return [...DocBin.fromDisk(path).getDocs(new Vocab())];
}

describe("applyPipeline (tsnlp apply)", function () {
  this.timeout(60_000);
  let fx: TinyPipelineFixture;
  let work: string;
  before(async () => {
    fx = await tinyPipelineFixture();
    work = mkdtempSync(join(fx.dir, "apply-"));
  });

  it("annotates the lines of a .txt file and writes them as one .spacy file, with the tags the pipeline predicts", async () => {
    const input = join(work, "texts.txt");
    writeFileSync(input, "I like green eggs.\n\nThe dog runs fast.\n");
    const out = join(work, "from-txt.spacy");
    const result = await applyPipeline(fx.model, input, out, { batchSize: 2 });
    assert.equal(result.docs, 2);
    const docs = readDocs(out);
    assert.deepEqual(
      docs.map((doc) => doc.text),
      ["I like green eggs.", "The dog runs fast."],
    );
    const nlp = loadPipeline(fx.model);
    assert.deepEqual(
      docs.map((doc) => [...doc.tags]),
      ["I like green eggs.", "The dog runs fast."].map((text) => [...nlp.call(text).tags]),
    );
    assert.ok(docs.every((doc) => doc.tags.every((tag) => fx.labels.includes(tag))));
  });

  it("reads the configured key of .jsonl lines and adds .spacy to an output without an extension", async () => {
    const input = join(work, "texts.jsonl");
    writeFileSync(input, `${JSON.stringify({ body: "They eat red apples." })}\n\n${JSON.stringify({ body: "A cat sleeps." })}\n`);
    const result = await applyPipeline(fx.model, input, join(work, "from-jsonl"), { textKey: "body" });
    assert.equal(result.output, join(work, "from-jsonl.spacy"));
    assert.deepEqual(
      readDocs(result.output).map((doc) => doc.text),
      ["They eat red apples.", "A cat sleeps."],
    );
    await assert.rejects(
      applyPipeline(fx.model, input, join(work, "missing-key.spacy")),
      (e: TsnlpError) => e.code === "E_APPLY_TEXT_KEY" && /does not contain the required 'text' field \(line 1\)/.test(e.message),
    );
  });

  it("walks a folder: .spacy and .jsonl files in path order, .txt files after them, other files skipped with a warning", async () => {
    const folder = join(work, "folder");
    mkdirSync(join(folder, "sub"), { recursive: true });
    mkdirSync(join(folder, ".hidden"));
    writeFileSync(join(folder, "a.txt"), "We see big dogs.\n");
    writeFileSync(join(folder, "b.jsonl"), `${JSON.stringify({ text: "You want small cats." })}\n`);
    writeFileSync(join(folder, "notes.md"), "not read\n");
    writeFileSync(join(folder, ".hidden", "c.txt"), "never read\n");
    const vocab = new Vocab();
    new DocBin({ docs: [new Doc(vocab, { words: ["Hello", "world"], spaces: [true, false] })] }).toDisk(join(folder, "sub", "docs.spacy"));
    assert.deepEqual(
      walkDirectory(folder).map((file) => file.slice(folder.length + 1)),
      ["a.txt", "b.jsonl", "notes.md", "sub/docs.spacy"],
    );
    const warnings: string[] = [];
    const printer = createPrinter((line) => warnings.push(line));
    const result = await applyPipeline(fx.model, folder, join(work, "from-folder.spacy"), { batchSize: 8, printer });
    assert.deepEqual(result.skipped, [join(folder, "notes.md")]);
    assert.ok(warnings.some((line) => line.includes("Skipping") && line.includes("notes.md")));
    assert.deepEqual(
      readDocs(result.output).map((doc) => doc.text),
      ["You want small cats.", "Hello world", "We see big dogs."],
    );
    // Docs read from .spacy files are annotated too.
    assert.ok(readDocs(result.output)[1]!.tags.every((tag) => tag !== ""));
  });

  it("refuses to overwrite an existing output without force, and overwrites with it", async () => {
    const input = join(work, "one.txt");
    writeFileSync(input, "A cat sleeps well.\n");
    const out = join(work, "exists.spacy");
    writeFileSync(out, "old");
    await assert.rejects(applyPipeline(fx.model, input, out), (e: TsnlpError) => e.code === "E_OUTPUT_EXISTS" && /--force/.test(e.hint ?? ""));
    await applyPipeline(fx.model, input, out, { force: true });
    assert.equal(readDocs(out).length, 1);
  });

  it("says clearly when the data is missing or of a type it cannot read, and writes nothing", async () => {
    const out = join(work, "never.spacy");
    await assert.rejects(applyPipeline(fx.model, join(work, "absent.txt"), out), (e: TsnlpError) => e.code === "E_APPLY_DATA_NOT_FOUND");
    const csv = join(work, "table.csv");
    writeFileSync(csv, "text\nhello\n");
    await assert.rejects(applyPipeline(fx.model, csv, out), (e: TsnlpError) => e.code === "E_APPLY_FILE_TYPE" && /\.csv/.test(e.message));
    assert.equal(existsSync(out), false);
    assert.deepEqual(
      readdirSync(work).filter((name) => name.endsWith(".tmp")),
      [],
    );
  });

  it("writes an empty .spacy file and warns for an empty folder", async () => {
    const empty = join(work, "empty");
    mkdirSync(empty);
    const lines: string[] = [];
    const result = await applyPipeline(fx.model, empty, join(work, "empty.spacy"), { printer: createPrinter((line) => lines.push(line)) });
    assert.equal(result.docs, 0);
    assert.equal(readDocs(result.output).length, 0);
    assert.ok(lines.some((line) => line.includes("Did not find data to process")));
  });
});
