import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import { tf } from "../../src/ml/tf.js";
import type { Tagger } from "../../src/pipes/tagger.js";
import type { Tok2Vec } from "../../src/pipes/tok2vec.js";
import { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TAGGED, taggedExamples, tinyTagger, tinyTaggerConfig } from "../helpers/pipeline.js";

function train(nlp: Language, steps: number) {
  const examples = taggedExamples(nlp);
  const optimizer = nlp.initialize(() => examples);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const stepLosses: Record<string, number> = {};
    nlp.update(examples, { sgd: optimizer, losses: stepLosses });
    losses.push(stepLosses.tagger ?? Number.NaN);
  }
  return { examples, optimizer, losses };
}

function predictedTags(nlp: Language): string[][] {
  return [...nlp.pipe(taggedExamples(nlp).map((eg) => eg.text))].map((doc) => [...doc.tags]);
}

describe("Language with tok2vec + tagger", function () {
  this.timeout(60_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  it("builds the pipeline from a config and links the listener to the tok2vec", () => {
    const nlp = tinyTagger();
    assert.deepEqual(nlp.pipeNames, ["tok2vec", "tagger"]);
    const tok2vec = nlp.getPipe("tok2vec") as Tok2Vec;
    assert.equal(tok2vec.listeners.length, 1);
    assert.deepEqual(tok2vec.listeningComponents, ["tagger"]);
  });

  it("learns a toy tagged corpus to 100% training accuracy, with a falling loss", () => {
    fixRandomSeed(1);
    const nlp = tinyTagger();
    const { losses } = train(nlp, 40);
    assert.ok(losses.at(-1)! < losses[0]! / 10, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    const gold = TAGGED.map((line) => line.split(" ").map((pair) => pair.split("/")[1]));
    assert.deepEqual(predictedTags(nlp), gold);
    assert.deepEqual([...(nlp.getPipe("tagger") as Tagger).labels], [".", "DT", "JJ", "NN", "NNS", "PRP", "RB", "VBP", "VBZ"]);
  });

  it("keeps the tensor count flat across updates", () => {
    const nlp = tinyTagger();
    const { examples, optimizer } = train(nlp, 2);
    const count = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) nlp.update(examples, { sgd: optimizer });
    for (const _ of nlp.pipe(examples.map((eg) => eg.text))) {
      // predictions leave no tensors behind either
    }
    assert.equal(tf.memory().numTensors, count);
  });

  it("saves and loads a pipeline folder with identical predictions", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-pipeline-"));
    try {
      fixRandomSeed(2);
      const nlp = tinyTagger();
      train(nlp, 15);
      nlp.toDisk(join(dir, "model"));
      assert.deepEqual(readdirSync(join(dir, "model")).sort(), ["config.cfg", "meta.json", "tagger", "tok2vec", "tokenizer", "vocab"]);
      const loaded = loadPipeline(join(dir, "model"));
      assert.deepEqual(loaded.pipeNames, ["tok2vec", "tagger"]);
      assert.deepEqual(predictedTags(loaded), predictedTags(nlp));
      assert.deepEqual(loaded.meta.labels.tagger, [...(nlp.getPipe("tagger") as Tagger).labels]);
      // Saving again over an existing folder replaces it.
      loaded.toDisk(join(dir, "model"));
      assert.deepEqual(predictedTags(loadPipeline(join(dir, "model"))), predictedTags(nlp));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("repeats exactly with the same seed", () => {
    const run = () => {
      fixRandomSeed(7);
      const nlp = tinyTagger();
      return train(nlp, 5).losses;
    };
    assert.deepEqual(run(), run());
  });

  it("adds, removes, disables and selects components", () => {
    const nlp = Language.fromConfig({ nlp: { lang: "en" } });
    assert.deepEqual(nlp.pipeNames, []);
    nlp.addPipe("tagger", { name: "pos" });
    nlp.addPipe("tok2vec", { first: true });
    assert.deepEqual(nlp.pipeNames, ["tok2vec", "pos"]);
    nlp.disable("pos");
    assert.deepEqual(nlp.pipeNames, ["tok2vec"]);
    assert.deepEqual(nlp.disabled, ["pos"]);
    nlp.enable("pos");
    const restore = nlp.selectPipes({ enable: ["pos"] });
    assert.deepEqual(nlp.pipeNames, ["pos"]);
    restore();
    assert.deepEqual(nlp.pipeNames, ["tok2vec", "pos"]);
    nlp.removePipe("pos");
    assert.deepEqual(nlp.pipeNames, ["tok2vec"]);
    assert.throws(() => nlp.getPipe("tagger"), (e: TsnlpError) => e.code === "E_PIPE_UNKNOWN");
    assert.throws(() => nlp.addPipe("tok2vec"), (e: TsnlpError) => e.code === "E_PIPE_EXISTS");
  });

  it("rejects a listener whose width differs from its tok2vec's", () => {
    const config = tinyTaggerConfig();
    const components = config.components as Record<string, { model: { tok2vec: Record<string, unknown> } }>;
    components.tagger!.model.tok2vec.width = 16;
    assert.throws(
      () => Language.fromConfig(config),
      (e: TsnlpError) => e.code === "E_LISTENER_WIDTH" && /width 16/.test(e.message) && /width 32/.test(e.message),
    );
  });

  it("says which component block is missing", () => {
    const config = tinyTaggerConfig();
    delete (config.components as Record<string, unknown>).tagger;
    assert.throws(() => Language.fromConfig(config), TsnlpError);
  });
});
