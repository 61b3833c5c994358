import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import type { Optimizer } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import { registerMorphFactories } from "../../src/pipes/register-morph.js";
import { goldClasses, SentenceRecognizer } from "../../src/pipes/senter.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";

registerMorphFactories(registry);

/** The tiny tok2vec + tagger pipeline of the pipeline tests, with a senter in the tagger's place. */
const TINY_SENTER_CONFIG = TINY_TAGGER_CONFIG.replaceAll("tagger", "senter");

function tinySenter(): Language {
  return Language.fromConfig(parseConfig(TINY_SENTER_CONFIG).tree);
}

const senterOf = (nlp: Language) => nlp.getPipe("senter") as SentenceRecognizer;

/** Docs of several sentences; each sentence is a string of words, "." last. */
const TEXTS = [
  ["I like green eggs .", "They eat red apples .", "We see big dogs ."],
  ["You want small cats .", "The dog runs fast ."],
  ["A cat sleeps well .", "I like big apples .", "They see red dogs ."],
  ["We eat green eggs .", "You see small dogs ."],
];

function sentencesDoc(nlp: Language, sentences: readonly string[]): Doc {
  const words = sentences.flatMap((sentence) => sentence.split(" "));
  const sentStarts = sentences.flatMap((sentence) => sentence.split(" ").map((_, i) => i === 0));
  return new Doc(nlp.vocab, { words, spaces: words.map((_, i) => i < words.length - 1), sentStarts });
}

function examplesOf(nlp: Language): Example[] {
  return TEXTS.map((sentences) => {
    const reference = sentencesDoc(nlp, sentences);
    return new Example(nlp.makeDoc(reference.text), reference);
  });
}

const starts = (doc: Doc) => Array.from(doc.sentStarts);

describe("senter", function () {
  this.timeout(60_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  describe("on a toy corpus of sentences", () => {
    let nlp: Language;
    let losses: number[];
    let optimizer: Optimizer;

    before(() => {
      fixRandomSeed(4);
      nlp = tinySenter();
      const examples = examplesOf(nlp);
      optimizer = nlp.initialize(() => examples);
      losses = [];
      for (let i = 0; i < 30; i++) {
        const step: Record<string, number> = {};
        nlp.update(examples, { sgd: optimizer, losses: step });
        losses.push(step.senter!);
      }
    });

    it("has the fixed classes I and S, which it hides", () => {
      const senter = senterOf(nlp);
      assert.deepEqual([...senter.labels], ["I", "S"]);
      assert.equal(senter.labelData, null);
      assert.equal(senter.hideLabels, true);
    });

    it("starts from the uniform guess's loss and learns the sentence starts", () => {
      // A zero-initialized softmax guesses 1/2 for each class: each of the 50 tokens adds 1/2.
      assert.ok(Math.abs(losses[0]! - 50 / 2) < 1e-4, `first loss ${losses[0]}`);
      assert.ok(losses.at(-1)! < 0.05, `last loss ${losses.at(-1)}`);
      for (const eg of examplesOf(nlp)) assert.deepEqual(starts(nlp.call(eg.text)), starts(eg.reference));
      const doc = nlp.call("We like red eggs . They see big cats .");
      assert.deepEqual(
        doc.sents.map((sent) => sent.text),
        ["We like red eggs .", "They see big cats ."],
      );
    });

    it("scores sentence precision, recall and F", () => {
      const examples = examplesOf(nlp).map((eg) => new Example(nlp.call(eg.text), eg.reference));
      const scores = senterOf(nlp).score(examples);
      assert.deepEqual(scores, { sents_p: 1, sents_r: 1, sents_f: 1 });
    });

    it("predicts the same in batches and one doc at a time, and keeps the tensor count flat", () => {
      const texts = examplesOf(nlp).map((eg) => eg.text);
      const batched = [...nlp.pipe(texts, { batchSize: 3 })].map(starts);
      assert.deepEqual(
        texts.map((text) => starts(nlp.call(text))),
        batched,
      );
      const count = tf.memory().numTensors;
      nlp.update(examplesOf(nlp), { sgd: optimizer });
      for (const _ of nlp.pipe(texts)) {
        // predictions leave no tensors behind either
      }
      assert.equal(tf.memory().numTensors, count);
    });

    it("saves and loads with identical predictions, without listing its classes as labels", () => {
      const dir = mkdtempSync(join(tmpdir(), "tsnlp-senter-"));
      try {
        nlp.toDisk(join(dir, "model"));
        assert.deepEqual(readdirSync(join(dir, "model", "senter")).sort(), ["cfg", "model"]);
        assert.deepEqual(JSON.parse(readFileSync(join(dir, "model", "senter", "cfg"), "utf8")), { overwrite: false });
        const loaded = loadPipeline(join(dir, "model"));
        const texts = [...examplesOf(nlp).map((eg) => eg.text), "We like red eggs . They see big cats ."];
        assert.deepEqual([...loaded.pipe(texts)].map(starts), [...nlp.pipe(texts)].map(starts));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("annotations", () => {
    const senter = new SentenceRecognizer(new Vocab({ lang: "en" }), null as never, "senter");
    const doc = (vocab = senter.vocab) => new Doc(vocab, { words: ["a", "b", "c", "d"], sentStarts: [true, false, null, null] });

    it("fills unknown sentence starts and keeps set ones", () => {
      const annotated = doc();
      senter.cfg.overwrite = false;
      senter.setAnnotations([annotated], [Int32Array.of(0, 1, 1, 0)]);
      assert.deepEqual(starts(annotated), [1, -1, 1, -1]);
    });

    it("replaces every start when overwriting", () => {
      const annotated = doc();
      senter.cfg.overwrite = true;
      senter.setAnnotations([annotated], [Int32Array.of(0, 1, 1, 0)]);
      assert.deepEqual(starts(annotated), [-1, 1, 1, -1]);
      senter.cfg.overwrite = false;
    });

    it("takes unknown gold starts as I and misaligned tokens as missing, as spaCy does", () => {
      const vocab = senter.vocab;
      const reference = new Doc(vocab, { words: ["do", "n't", "go", "now"], spaces: [false, true, true, false], sentStarts: [true, false, null, null] });
      const predicted = new Doc(vocab, { words: ["don't", "go", "now"], spaces: [true, true, false] });
      assert.deepEqual(goldClasses(new Example(predicted, reference)), [null, "I", "I"]);
    });
  });

  describe("errors", () => {
    it("takes no labels", () => {
      const nlp = tinySenter();
      assert.throws(
        () => senterOf(nlp).addLabel("S"),
        (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS" && /fixed classes I and S/.test(e.message),
      );
      assert.throws(
        () => senterOf(nlp).initialize(() => examplesOf(nlp), { nlp, labels: ["S"] }),
        (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS",
      );
    });

    it("needs examples to initialize", () => {
      const nlp = tinySenter();
      assert.throws(
        () => senterOf(nlp).initialize(() => [], { nlp }),
        (e: TsnlpError) => e.code === "E_PIPE_NO_EXAMPLES" && /'senter'/.test(e.message),
      );
    });
  });
});
