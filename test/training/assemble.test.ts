import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { getPath } from "../../src/config/tree.js";
import { implementBuiltins } from "../../src/implementations.js";
import { loadPipeline } from "../../src/language/disk.js";
import type { Tagger } from "../../src/pipes/tagger.js";
import { registry } from "../../src/registry/index.js";
import { assemble } from "../../src/training/assemble.js";
import { initLabels } from "../../src/training/init-labels.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { createPrinter } from "../../src/util/printer.js";
import { type TinyPipelineFixture, tinyPipelineFixture, trainingConfigText } from "../commands/pipeline-commands-fixture.js";

const WIDTH = ["components", "tok2vec", "model", "encode", "width"];

const TOK2VEC_ONLY = trainingConfigText()
  .replace('pipeline = ["tok2vec","tagger"]', 'pipeline = ["tok2vec"]')
  .replace(/\[components\.tagger\][\s\S]*?(?=\[training\])/, "");

describe("assemble (tsnlp assemble)", function () {
  this.timeout(60_000);
  let fx: TinyPipelineFixture;
  let work: string;
  before(async () => {
    fx = await tinyPipelineFixture();
    work = mkdtempSync(join(fx.dir, "assemble-"));
  });

  it("saves a pipeline of components that need no labels, initialized without training data", async () => {
    const config = join(work, "tok2vec.cfg");
    writeFileSync(config, TOK2VEC_ONLY);
    const out = join(work, "tok2vec-pipeline");
    const lines: string[] = [];
    await assemble(config, out, { printer: createPrinter((line) => lines.push(line)) });
    assert.deepEqual(readdirSync(out).sort(), ["config.cfg", "meta.json", "tok2vec", "tokenizer", "vocab"]);
    assert.ok(lines.some((line) => line.includes("Initializing pipeline")));
    assert.ok(lines.includes("✔ Initialized pipeline"));
    assert.ok(lines.includes(`✔ Created output directory: ${out}`));
    const nlp = loadPipeline(out);
    assert.deepEqual(nlp.pipeNames, ["tok2vec"]);
    assert.equal(nlp.call("It runs.").length, 3);
  });

  it("initializes a tagger from labels in [initialize.components], as written by init labels", async () => {
    const labels = join(work, "labels");
    await initLabels(fx.config, labels);
    const config = join(work, "with-labels.cfg");
    const block = `\n[initialize]\n\n[initialize.components]\n\n[initialize.components.tagger]\n\n[initialize.components.tagger.labels]\n@readers = "spacy.read_labels.v1"\npath = ${JSON.stringify(join(labels, "tagger.json"))}\n`;
    writeFileSync(config, trainingConfigText() + block);
    const out = join(work, "tagger-pipeline");
    await assemble(config, out);
    const nlp = loadPipeline(out);
    assert.deepEqual([...(nlp.getPipe("tagger") as Tagger).labels], fx.labels);
    const doc = nlp.call("The cat sleeps.");
    assert.ok(
      doc.tags.every((tag) => fx.labels.includes(tag)),
      `untrained tags come from the label set: ${doc.tags}`,
    );
  });

  it("fails as spaCy does when a trainable component has no labels, and says where to give them", async () => {
    const config = join(work, "no-labels.cfg");
    writeFileSync(config, trainingConfigText());
    const out = join(work, "never");
    await assert.rejects(
      assemble(config, out),
      (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS" && /'tagger'/.test(e.message) && /initialize\.components\.tagger/.test(e.hint ?? ""),
    );
    assert.equal(existsSync(out), false);
  });

  it("applies config overrides before the config is filled", async () => {
    const config = join(work, "tok2vec-override.cfg");
    writeFileSync(config, TOK2VEC_ONLY);
    const out = join(work, "overridden");
    const { nlp } = await assemble(config, out, { overrides: { "components.tok2vec.model.encode.width": 16 } });
    assert.equal(getPath(nlp.config, WIDTH), 16);
    assert.equal(getPath(loadPipeline(out).config, WIDTH), 16);
  });

  it("assembles a rule-based pipeline (sentencizer) when tsnlp provides it", async () => {
    implementBuiltins(registry);
    if (!registry.find("factories", "sentencizer")?.build) {
      assert.fail("the sentencizer factory is not implemented");
    }
    const config = join(work, "sentencizer.cfg");
    writeFileSync(config, '[nlp]\nlang = "en"\npipeline = ["sentencizer"]\n\n[components]\n\n[components.sentencizer]\nfactory = "sentencizer"\n');
    const out = join(work, "rules");
    await assemble(config, out);
    const doc = loadPipeline(out).call("It rains. We stay in.");
    assert.deepEqual([...doc.sentStarts], [1, -1, -1, 1, -1, -1, -1]);
  });
});
