import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { EntityRuler } from "../../src/pipes/entity-ruler.js";
import { Sentencizer } from "../../src/pipes/sentencizer.js";
import type { Tagger } from "../../src/pipes/tagger.js";
import { readLabels } from "../../src/training/corpus-labels.js";
import { initLabels, labelData } from "../../src/training/init-labels.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { createPrinter } from "../../src/util/printer.js";
import { type TinyPipelineFixture, tinyPipelineFixture, trainingConfigText } from "../commands/pipeline-commands-fixture.js";

const vocab = createVocab("en");

describe("initLabels (tsnlp init labels)", function () {
  this.timeout(60_000);
  let fx: TinyPipelineFixture;
  let work: string;
  before(async () => {
    fx = await tinyPipelineFixture();
    work = mkdtempSync(join(fx.dir, "labels-"));
  });

  it("writes NAME.json for each component with label data, in the form spacy.read_labels.v1 reads back", async () => {
    const out = join(work, "labels");
    const lines: string[] = [];
    const result = await initLabels(fx.config, out, { printer: createPrinter((line) => lines.push(line)) });
    assert.deepEqual(result.files, { tagger: join(out, "tagger.json") });
    assert.deepEqual(result.without, ["tok2vec"]);
    assert.deepEqual(JSON.parse(readFileSync(join(out, "tagger.json"), "utf8")), fx.labels);
    assert.deepEqual(readLabels(join(out, "tagger.json"), { require: true }), fx.labels);
    assert.equal(existsSync(join(out, "tok2vec.json")), false);
    assert.deepEqual(lines, ["ℹ No label data found for component 'tok2vec'", `✔ Saving label data for component 'tagger' to ${join(out, "tagger.json")}`]);
  });

  it("applies config overrides (the corpus path) before reading the corpus", async () => {
    const config = join(work, "no-paths.cfg");
    writeFileSync(config, trainingConfigText());
    const out = join(work, "overridden");
    const result = await initLabels(config, out, { overrides: { "paths.train": fx.corpus, "paths.dev": fx.corpus } });
    assert.deepEqual([...(result.nlp.getPipe("tagger") as Tagger).labels], fx.labels);
    await assert.rejects(initLabels(config, join(work, "none")), (e: TsnlpError) => e.code === "E_CORPUS_PATH_MISSING");
  });

  it("takes each component's labelData: the label list, null for rule-based components", () => {
    const ruler = new EntityRuler({ vocab, lang: "en", components: [], pipeline: [], makeDoc: (text) => createTokenizer(vocab, "en").call(text) });
    ruler.addPatterns([{ label: "ORG", pattern: "Acme" }]);
    assert.deepEqual(ruler.labels, ["ORG"]);
    assert.equal(labelData(ruler), null);
    assert.equal(labelData(new Sentencizer()), null);
  });
});
