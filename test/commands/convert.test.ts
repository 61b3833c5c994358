import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DocBin } from "../../src/tokens/docbin.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/shared.js";

const FIXTURES = join(REPO_ROOT, "test/fixtures/convert");
const fixture = (name: string) => join(FIXTURES, name);
const tempDir = () => mkdtempSync(join(tmpdir(), "tsnlp-convert-cli-"));

describe("tsnlp convert", () => {
  it("converts a CoNLL-U file into the output folder and says so as spaCy does", () => {
    const out = tempDir();
    const result = tsnlp(["convert", fixture("sample.conllu"), out, "--n-sents", "2"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /ℹ Grouping every 2 sentences into a document\./);
    assert.ok(result.stdout.includes(`✔ Generated output file (2 documents): ${join(out, "sample.spacy")}`), result.stdout);
    assert.deepEqual(readdirSync(out), ["sample.spacy"]);
    assert.equal(DocBin.fromDisk(join(out, "sample.spacy")).length, 2);
  });

  it("converts a table with the table flags", () => {
    const out = tempDir();
    const args = ["convert", fixture("goemotions_train_head.tsv"), out, "--no-header", "--multilabel", "--labels", fixture("goemotions_labels.txt")];
    const result = tsnlp(args);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /Generated output file \(9 documents\)/);
  });

  it('writes JSON to standard output for "-", with messages on standard error only', () => {
    const result = tsnlp(["convert", fixture("sample.iob"), "-", "--file-type", "json", "--n-sents", "0"]);
    assert.equal(result.status, 0, result.output);
    const json = JSON.parse(result.stdout);
    assert.equal(json[0].paragraphs[0].sentences.length, 3);
    assert.match(result.stderr, /Auto-detected sentence-per-line NER format/);
  });

  it("writes .spacy bytes to standard output when it is not a terminal, reading standard input", () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, "bin/run.js"), "convert", "-", "-", "--converter", "iob"], {
      input: "I|O like|O London|B-GPE\n",
      env: { ...process.env, NO_COLOR: "1" },
    });
    assert.equal(run.status, 0, run.stderr.toString());
    const bin = DocBin.fromBytes(new Uint8Array(run.stdout));
    assert.equal(bin.length, 1);
  });

  describe("bad input: exit 1, no stack trace, the file and line, nothing written", () => {
    const cases: Array<[string, string[], number, RegExp]> = [
      ["bad_columns.conllu", [], 4, /9 tab-separated columns/],
      ["bad_head.conllu", [], 4, /HEAD 'two' is not a number/],
      ["head_out_of_range.conllu", [], 5, /HEAD 7 is outside the sentence/],
      ["bad_tag.conll", ["--converter", "ner"], 6, /'X-FOO' \(last column\) is not an entity tag/],
      ["bad_tag.iob", [], 2, /'X-PER' .* is not an entity tag/],
      ["not_json.jsonl", [], 2, /not valid JSON/],
      ["outside.jsonl", [], 1, /lies outside the text/],
      ["misaligned.jsonl", [], 2, /does not start and end on token boundaries/],
      [
        "no_label_column.csv",
        ["--text-col", "sentence", "--label-col", "label"],
        1,
        /There is no label column 'label'\. The header has: 1 'sentence', 2 'intent', 3 'source'/,
      ],
    ];
    for (const [name, flags, line, message] of cases) {
      it(name, () => {
        const out = tempDir();
        const result = tsnlp(["convert", fixture(name), out, ...flags]);
        assertUserError(result);
        assert.match(result.output, message);
        assert.ok(result.output.includes(`${fixture(name)}:${line}`), result.output);
        assert.deepEqual(readdirSync(out), [], "no output and no temporary file left behind");
      });
    }

    it("an input nothing can read lists the converters", () => {
      const result = tsnlp(["convert", join(REPO_ROOT, "README.md"), tempDir()]);
      assertUserError(result);
      assert.match(result.output, /Cannot tell which converter reads \.md files/);
      assert.match(result.output, /--converter: conllu, iob, ner, jsonl, table/);
    });

    it("an unknown converter and a missing input", () => {
      assertUserError(tsnlp(["convert", fixture("sample.conllu"), tempDir(), "--converter", "xml"]));
      const missing = tsnlp(["convert", join(tempDir(), "nope.conllu"), tempDir()]);
      assertUserError(missing);
      assert.match(missing.output, /The input does not exist/);
    });

    it("an output folder that does not exist yet is created", () => {
      const out = join(tempDir(), "new", "corpus");
      const result = tsnlp(["convert", fixture("sample.conllu"), out]);
      assert.equal(result.status, 0, result.output);
      assert.ok(existsSync(join(out, "sample.spacy")));
    });
  });
});
