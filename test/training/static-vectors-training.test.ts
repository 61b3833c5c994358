import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import { tf } from "../../src/ml/tf.js";
import type { Tok2Vec } from "../../src/pipes/tok2vec.js";
import { Vectors } from "../../src/tokens/vectors.js";
import { plainNearestSearch } from "../../src/tokens/vectors-nearest.js";
import { initVectors } from "../../src/training/init-vectors.js";
import { backendNearestSearch } from "../../src/training/init-vectors-nearest.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TAGGED, TINY_TAGGER_CONFIG, taggedExamples } from "../helpers/pipeline.js";
import { SHARED } from "../helpers/shared.js";

const GLOVE_10K = join(SHARED, "data/vectors/glove.6B.100d.top10k.vec");

/** The tiny tagger with static vectors in its embedding, initialized from `vectors` (a pipeline folder, or null). */
function configWithVectors(vectors: string | null, attr = "") {
  const text = TINY_TAGGER_CONFIG.replace("include_static_vectors = false", "include_static_vectors = true");
  return parseConfig(`${text}\n[initialize]\nvectors = ${vectors === null ? "null" : JSON.stringify(vectors)}\n${attr}`).tree;
}

/** The toy corpus's words, lowercased: the rows of the toy vectors file. */
const WORDS = [...new Set(TAGGED.flatMap((line) => line.split(" ").map((pair) => pair.split("/")[0]!.toLowerCase())))];

/** A small word2vec file for the toy corpus's words: 6 dims, deterministic. */
function toyVectorsFile(path: string): void {
  const lines = WORDS.map((word, i) => `${word} ${Array.from({ length: 6 }, (_, k) => (Math.sin(i * 7 + k * 3) * 0.5).toFixed(4)).join(" ")}`);
  writeFileSync(path, `${lines.length} 6\n${lines.join("\n")}\n`);
}

function train(nlp: Language, steps: number): number[] {
  const examples = taggedExamples(nlp);
  const optimizer = nlp.initialize(() => examples);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const stepLosses: Record<string, number> = {};
    nlp.update(examples, { sgd: optimizer, losses: stepLosses });
    losses.push(stepLosses.tagger ?? Number.NaN);
  }
  return losses;
}

const predictedTags = (nlp: Language) => [...nlp.pipe(taggedExamples(nlp).map((eg) => eg.text))].map((doc) => [...doc.tags]);

describe("training with static vectors", function () {
  this.timeout(60_000);
  let dir: string;
  let vectorsDir: string;

  before(async () => {
    await selectBackend({ prefer: "wasm" });
    dir = mkdtempSync(join(tmpdir(), "tsnlp-static-vectors-"));
    toyVectorsFile(join(dir, "toy.vec"));
    vectorsDir = join(dir, "vectors");
    await initVectors("en", join(dir, "toy.vec"), vectorsDir, { attr: "LOWER" });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("trains a tagger with include_static_vectors = true and [initialize] vectors, and saves the vectors with it", () => {
    fixRandomSeed(4);
    const nlp = Language.fromConfig(configWithVectors(vectorsDir));
    const losses = train(nlp, 40);
    assert.equal(nlp.vocab.vectors.nKeys, WORDS.length);
    assert.equal(nlp.vocab.vectors.attr, "LOWER");
    assert.ok(losses.at(-1)! < losses[0]! / 10, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    const gold = TAGGED.map((line) => line.split(" ").map((pair) => pair.split("/")[1]));
    assert.deepEqual(predictedTags(nlp), gold);
    const layer = (nlp.getPipe("tok2vec") as Tok2Vec).model.getNode("static_vectors")!;
    assert.deepEqual(layer.getParam("W").shape, [6, 32]);

    const out = join(dir, "trained");
    nlp.toDisk(out);
    assert.ok(existsSync(join(out, "vocab", "vectors.keys")));
    const loaded = loadPipeline(out);
    assert.deepEqual(loaded.vocab.vectors.shape, [WORDS.length, 6]);
    assert.deepEqual(predictedTags(loaded), predictedTags(nlp));
    assert.deepEqual(loaded.meta.vectors, { width: 6, vectors: WORDS.length, keys: WORDS.length, name: "en_pipeline.vectors", mode: "default" });
  });

  it("keeps the table fixed while training and the tensor count flat", () => {
    const nlp = Language.fromConfig(configWithVectors(vectorsDir));
    train(nlp, 2);
    const table = nlp.vocab.vectors.data.slice();
    const examples = taggedExamples(nlp);
    const count = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) nlp.update(examples, { sgd: nlp.optimizer! });
    assert.equal(tf.memory().numTensors, count);
    assert.deepEqual(nlp.vocab.vectors.data, table);
  });

  it("says what to do when the config asks for static vectors but loads none, or names a missing folder", () => {
    const noVectors = Language.fromConfig(configWithVectors(null));
    assert.throws(
      () => train(noVectors, 1),
      (e: TsnlpError) => e.code === "E_STATIC_VECTORS" && /\[initialize\] vectors/.test(e.hint ?? ""),
    );
    const missing = Language.fromConfig(configWithVectors(join(dir, "nowhere")));
    assert.throws(
      () => train(missing, 1),
      (e: TsnlpError) => e.code === "E_VECTORS_NOT_FOUND" && e.message.includes("nowhere") && /tsnlp init vectors/.test(e.hint ?? ""),
    );
    assert.throws(
      () => train(Language.fromConfig(configWithVectors(join(dir, "toy.vec"))), 1),
      (e: TsnlpError) => e.code === "E_VECTORS_NOT_FOUND" && /not a pipeline folder/.test(e.message) && /convert the file first/.test(e.hint ?? ""),
    );
  });

  it("prunes on the tensor backend as the TypeScript search does", () => {
    const width = 16;
    const data = Float32Array.from(
      { length: 400 * width },
      (_, i) => Math.sin(i * 12.9898) * 43758.5453 - Math.floor(Math.sin(i * 12.9898) * 43758.5453) - 0.5,
    );
    const keys = Array.from({ length: 400 }, (_, i) => `w${i}`);
    const plain = new Vectors({ data: data.slice(), width, keys });
    const backend = new Vectors({ data: data.slice(), width, keys });
    const a = [...plain.prune(60, { search: plainNearestSearch }).entries()];
    const b = [...backend.prune(60, { search: backendNearestSearch, batchSize: 64 }).entries()];
    assert.equal(a.length, 340);
    assert.deepEqual(
      b.map(([word, { synonym }]) => [word, synonym]),
      a.map(([word, { synonym }]) => [word, synonym]),
    );
    for (const [i, [, { score }]] of b.entries()) assert.ok(Math.abs(score - a[i]![1].score) <= 1e-4);
  });

  it("trains with the shared GloVe vectors (top 10k, LOWER)", async function () {
    if (!existsSync(GLOVE_10K)) {
      console.log(`      (skipped: needs ${GLOVE_10K}, which is absent in this checkout)`);
      this.skip();
    }
    const glove = join(dir, "glove");
    await initVectors("en", GLOVE_10K, glove, { attr: "LOWER" });
    fixRandomSeed(5);
    const nlp = Language.fromConfig(configWithVectors(glove));
    const losses = train(nlp, 25);
    assert.deepEqual(nlp.vocab.vectors.shape, [10000, 100]);
    assert.ok(losses.at(-1)! < losses[0]! / 5, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    const doc = nlp.makeDoc("The dog runs");
    assert.ok(doc.token(0).hasVector && doc.token(1).hasVector);
    assert.ok(doc.token(1).similarity(nlp.makeDoc("cat").token(0)) > 0.7);
  });
});
