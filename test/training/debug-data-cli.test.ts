import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "mocha";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { TAGGED, TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";

const CORPORA = `
[paths]
train = null
dev = null

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = \${paths.train}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = \${paths.dev}
`;

describe("tsnlp debug data", function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-debug-data-cli-"));
  const vocab = new Vocab({ lang: "en" });
  const config = join(dir, "config.cfg");
  writeFileSync(config, CORPORA + TINY_TAGGER_CONFIG);

  /** A .spacy file of `n` tagged sentences, each made distinct by a number. */
  function corpus(name: string, n: number): string {
    const docs = Array.from({ length: n }, (_, i) => {
      const pairs = TAGGED[i % TAGGED.length]!.split(" ").map((pair) => pair.split("/") as [string, string]);
      return new Doc(vocab, { words: [String(i), ...pairs.map(([word]) => word)], tags: ["CD", ...pairs.map(([, tag]) => tag)] });
    });
    const path = join(dir, name);
    new DocBin({ docs }).toDisk(path);
    return path;
  }

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 1 when there are errors, after printing every section and the summary; --verbose adds the explanations", () => {
    const result = tsnlp(["debug", "data", config, "--paths.train", corpus("small.spacy", 6), "--paths.dev", corpus("dev.spacy", 3), "--verbose"]);
    assert.equal(result.status, 1, result.output);
    assert.match(result.stdout, /=+ Data file validation =+\n✔ Pipeline can be initialized with data\n✔ Corpus is loadable/);
    assert.match(result.stdout, /✘ Low number of examples to train a new pipeline \(6\)/);
    assert.match(result.stdout, /=+ Part-of-speech Tagging =+\nℹ 10 label\(s\) in train data/);
    assert.match(result.stdout, /=+ Summary =+\n✔ \d+ checks? passed\n(⚠ \d+ warnings?\n)?✘ 1 error\n$/);
    assert.match(result.stdout, /^It's recommended to use at least 2000 examples \(minimum 100\)$/m);
    assert.match(result.stdout, /^10 most common words: /m);
  });

  it("exits 0 with warnings only; --ignore-warnings hides them and --no-format drops the icons", () => {
    const args = ["debug", "data", config, "--paths.train", corpus("train.spacy", 120), "--paths.dev", corpus("dev.spacy", 3)];
    const result = tsnlp(args);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /⚠ Low number of examples to train a new pipeline \(120\)/);
    assert.match(result.stdout, /⚠ \d+ warnings?\n$/);
    assert.doesNotMatch(result.stdout, /✘/);
    const quiet = tsnlp([...args, "--ignore-warnings", "--no-format"]);
    assert.equal(quiet.status, 0, quiet.output);
    assert.doesNotMatch(quiet.stdout, /[⚠✔]|Low number|warning/);
    assert.match(quiet.stdout, /^Summary\n\d+ checks passed\n$/m);
  });

  it("reports a corpus path that does not exist as an error, with exit code 1 and no stack trace", () => {
    const missing = join(dir, "missing.spacy");
    const result = tsnlp(["debug", "data", config, "--paths.train", missing, "--paths.dev", missing]);
    assertUserError(result);
    // Long messages wrap at 80 columns.
    assert.ok(
      result.stdout.replaceAll("\n", " ").includes(`✘ Can't load the training corpus (corpora.train): The corpus ${missing} does not exist.`),
      result.stdout,
    );
    assert.match(result.stdout, /✘ 2 errors\n$/);
  });

  it("stops with a clear error on an invalid config", () => {
    const result = tsnlp(["debug", "data", config, "--trainig.max_epochs", "2"]);
    assertUserError(result);
    assert.match(result.output, /no section 'trainig'.*Did you mean 'training'/);
  });
});
