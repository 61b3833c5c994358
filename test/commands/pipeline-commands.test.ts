import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { DocBin } from "../../src/tokens/docbin.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { type TinyPipelineFixture, tinyPipelineFixture, trainingConfigText } from "./pipeline-commands-fixture.js";

describe("pipeline commands: apply, benchmark speed, init labels, assemble, find-threshold, info", function () {
  this.timeout(60_000);
  let fx: TinyPipelineFixture;
  let work: string;
  before(async () => {
    fx = await tinyPipelineFixture();
    work = mkdtempSync(join(fx.dir, "cli-"));
  });

  it("tsnlp --help lists the commands", () => {
    const result = tsnlp(["--help"]);
    assert.equal(result.status, 0, result.output);
    for (const command of ["apply", "assemble", "find-threshold", "info"]) assert.match(result.stdout, new RegExp(`^\\s+${command}\\s+\\w`, "m"));
  });

  it("apply writes the annotated texts; a missing data path is a clear error", () => {
    const input = join(work, "texts.txt");
    writeFileSync(input, "I like red eggs.\nA dog sleeps.\n");
    const out = join(work, "annotated");
    const result = tsnlp(["apply", fx.model, input, out, "--batch-size", "4", "--n-process", "2"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /--n-process 2 is ignored/);
    assert.match(result.stdout, /Saved 2 annotated docs to .*annotated\.spacy/);
    assert.equal(DocBin.fromDisk(`${out}.spacy`).length, 2);
    const missing = tsnlp(["apply", fx.model, join(work, "absent.jsonl"), join(work, "x.spacy")]);
    assertUserError(missing);
    assert.match(missing.output, /Couldn't find data path: .*absent\.jsonl/);
  });

  it("benchmark speed prints the warm-up, the batches and spaCy's summary; fewer than 30 batches is refused", () => {
    const result = tsnlp(["benchmark", "speed", fx.model, fx.corpus, "--batches", "30", "--batch-size", "1", "--warmup", "1", "--no-shuffle"]);
    assert.equal(result.status, 0, result.output);
    assert.match(
      result.stdout,
      /Warming up for 1 epochs\.\.\.\n\nBenchmarking 30 batches\.\.\.\n\nOutliers: \d+\.\d%, extreme outliers: [\d.]+%\nMean: \d+\.\d words\/s \(95% CI: -?\d+\.\d \+\d+\.\d\)/,
    );
    const few = tsnlp(["benchmark", "speed", fx.model, fx.corpus, "--batches", "5"]);
    assertUserError(few);
    assert.match(few.output, /batches/);
  });

  it("init labels writes one JSON file per component with labels, taking config overrides; a missing config is a clear error", () => {
    const config = join(work, "config.cfg");
    writeFileSync(config, trainingConfigText());
    const out = join(work, "labels");
    const result = tsnlp(["init", "labels", config, out, "--paths.train", fx.corpus, "--paths.dev", fx.corpus]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /No label data found for component 'tok2vec'/);
    assert.match(result.stdout, /Saving label data for component 'tagger' to .*tagger\.json/);
    assert.deepEqual(JSON.parse(readFileSync(join(out, "tagger.json"), "utf8")), fx.labels);
    const missing = tsnlp(["init", "labels", join(work, "absent.cfg"), out]);
    assertUserError(missing);
    assert.match(missing.output, /config file does not exist: .*absent\.cfg/);
  });

  it("assemble saves a pipeline without training; a tagger without labels is a clear error", () => {
    const labels = join(work, "assemble-labels.json");
    writeFileSync(labels, JSON.stringify(fx.labels));
    const withLabels = `${trainingConfigText()}\n[initialize]\n\n[initialize.components]\n\n[initialize.components.tagger]\n\n[initialize.components.tagger.labels]\n@readers = "spacy.read_labels.v1"\npath = \${paths.labels}\n`;
    const config = join(work, "assemble.cfg");
    writeFileSync(config, withLabels.replace("[paths]\n", "[paths]\nlabels = null\n"));
    const out = join(work, "assembled");
    const result = tsnlp(["assemble", config, out, "--paths.labels", labels]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /Initialized pipeline[\s\S]*Serializing to disk/);
    assert.ok(existsSync(join(out, "tagger", "model")));
    assert.deepEqual(JSON.parse(readFileSync(join(out, "meta.json"), "utf8")).labels.tagger, fx.labels);
    const noLabels = join(work, "no-labels.cfg");
    writeFileSync(noLabels, trainingConfigText());
    const failed = tsnlp(["assemble", noLabels, join(work, "never")]);
    assertUserError(failed);
    assert.match(failed.output, /Labels for component 'tagger' not initialized[\s\S]*initialize\.components\.tagger/);
  });

  it("find-threshold prints the table and spaCy's warning; an unknown component is a clear error", () => {
    const result = tsnlp(["find-threshold", fx.model, fx.corpus, "tagger", "overwrite", "tag_acc", "--n_trials", "3"]);
    assert.equal(result.status, 0, result.output);
    assert.match(
      result.stdout,
      /Optimizing for tag_acc for component 'tagger' with 3 trials\.\nThreshold {4}tag_acc\n0\.0 {10}\d\.\d+\n0\.5 {10}\d\.\d+\n1\.0 {10}\d\.\d+\n/,
    );
    assert.match(result.stdout, /All scores are identical/);
    const unknown = tsnlp(["find-threshold", fx.model, fx.corpus, "taggr", "threshold", "tag_acc"]);
    assertUserError(unknown);
    assert.match(unknown.output, /No component 'taggr' found in pipeline\. Available names: \['tok2vec', 'tagger'\]/);
  });

  it("info prints a pipeline's meta (labels excluded by default) or Markdown; a folder without meta.json is a clear error", () => {
    const table = tsnlp(["info", fx.model]);
    assert.equal(table.status, 0, table.output);
    assert.match(table.stdout, /Info about pipeline/);
    assert.match(table.stdout, /^pipeline\s+\['tok2vec', 'tagger'\]$/m);
    assert.doesNotMatch(table.stdout, /^labels/m);
    const markdown = tsnlp(["info", fx.model, "--markdown", "--exclude", ""]);
    assert.equal(markdown.status, 0, markdown.output);
    assert.match(markdown.stdout, /^## Info about pipeline/m);
    assert.match(markdown.stdout, /^- \*\*labels:\*\* \{'tagger': \[/m);
    assert.equal(tsnlp(["info", "--silent"]).stdout, "");
    const missing = tsnlp(["info", work]);
    assertUserError(missing);
    assert.match(missing.output, /Can't find pipeline meta\.json/);
  });
});
