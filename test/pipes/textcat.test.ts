import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { before, describe, it } from "mocha";
import type { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import { tf } from "../../src/ml/tf.js";
import type { TextCategorizer } from "../../src/pipes/textcat.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import {
  assertClose,
  bowConfig,
  catsExample,
  goldenLoss,
  goldenLossExamples,
  pipelineFrom,
  TEXTCAT_ENSEMBLE_CONFIG,
  TOPIC_LABELS,
  TOPICS,
  topicExamples,
  trainSteps,
} from "../helpers/classifiers.js";
import { tsnlp } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/shared.js";

const textcatOf = (nlp: Language) => nlp.getPipe("textcat") as TextCategorizer;

function predictedTopics(nlp: Language, texts: readonly string[]): string[] {
  return [...nlp.pipe(texts)].map((doc) => Object.entries(doc.cats).reduce((best, item) => (item[1] > best[1] ? item : best))[0]);
}

describe("textcat", function () {
  this.timeout(60_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  it("learns exclusive topics with TextCatBOW.v2 to 100% training accuracy, with a falling loss", () => {
    fixRandomSeed(1);
    const nlp = pipelineFrom(bowConfig("textcat"));
    const examples = topicExamples(nlp);
    const losses = trainSteps(nlp, examples, 25, "textcat");
    assert.ok(losses.at(-1)! < losses[0]! / 10, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    // The untrained softmax scores 1/3 everywhere: spaCy's mean squared error is then 2/9.
    assert.ok(Math.abs(losses[0]! - 2 / 9) < 1e-6, `first loss ${losses[0]}`);
    assert.deepEqual([...textcatOf(nlp).labels], TOPIC_LABELS);
    assert.deepEqual(
      predictedTopics(
        nlp,
        TOPICS.map(([text]) => text),
      ),
      TOPICS.map(([, topic]) => topic),
    );
    const scores = nlp.evaluate(examples);
    assert.equal(scores.cats_score, 1);
    assert.equal(scores.cats_score_desc, "macro F");
    const [doc] = [...nlp.pipe(["The team won the match"])];
    assert.deepEqual(Object.keys(doc!.cats), TOPIC_LABELS);
    const total = Object.values(doc!.cats).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(total - 1) < 1e-5, `exclusive scores sum to ${total}`);
  });

  it("learns with the default architecture, TextCatEnsemble.v2", () => {
    fixRandomSeed(2);
    const nlp = pipelineFrom(TEXTCAT_ENSEMBLE_CONFIG);
    const examples = topicExamples(nlp);
    const losses = trainSteps(nlp, examples, 10, "textcat");
    assert.ok(losses.at(-1)! < losses[0]! / 10, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    assert.equal(nlp.evaluate(examples).cats_score, 1);
  });

  it("computes spaCy's loss: mean squared error, absent labels counting as 0", () => {
    const nlp = pipelineFrom(bowConfig("textcat"));
    const pipe = textcatOf(nlp);
    for (const label of ["A", "B", "C"]) pipe.addLabel(label);
    // What spaCy 3.5's TextCategorizer.get_loss computes for these examples and scores.
    const [loss, gradient] = goldenLoss(pipe, goldenLossExamples(nlp.vocab));
    assert.ok(Math.abs(loss - 0.5224999785423279) < 1e-6, `loss ${loss}`);
    assertClose(gradient, [-0.95, 0.35, 0.65, 0.75, -0.95, 0.35, 0.45, 0.75, -0.95]);
  });

  it("saves and loads with identical predictions", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-textcat-"));
    try {
      for (const config of [bowConfig("textcat"), TEXTCAT_ENSEMBLE_CONFIG]) {
        fixRandomSeed(3);
        const nlp = pipelineFrom(config);
        trainSteps(nlp, topicExamples(nlp), 5, "textcat");
        nlp.toDisk(join(dir, "model"));
        const loaded = loadPipeline(join(dir, "model"));
        const texts = [...TOPICS.map(([text]) => text), "An unseen sentence about nothing", ""];
        assert.deepEqual(
          [...loaded.pipe(texts)].map((doc) => doc.cats),
          [...nlp.pipe(texts)].map((doc) => doc.cats),
        );
        assert.deepEqual([...textcatOf(loaded).labels], TOPIC_LABELS);
        assert.deepEqual(JSON.parse(readFileSync(join(dir, "model/textcat/cfg"), "utf8")), { labels: TOPIC_LABELS, threshold: 0, positive_label: null });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("grows a resizable model for a new label and refuses one a fixed model cannot take", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-textcat-"));
    try {
      fixRandomSeed(4);
      const bow = pipelineFrom(bowConfig("textcat"));
      trainSteps(bow, topicExamples(bow), 10, "textcat");
      bow.toDisk(join(dir, "bow"));
      const grown = loadPipeline(join(dir, "bow"));
      const before = [...grown.pipe(["She scored a goal"])][0]!.cats;
      assert.equal(textcatOf(grown).addLabel("MUSIC"), 1);
      assert.equal(textcatOf(grown).addLabel("MUSIC"), 0);
      const after = [...grown.pipe(["She scored a goal"])][0]!.cats;
      // The new class starts with spaCy's NEG_VALUE bias, so the old scores barely move.
      assert.deepEqual(Object.keys(after), [...TOPIC_LABELS, "MUSIC"]);
      assert.ok(after.MUSIC! < 1e-6);
      for (const label of TOPIC_LABELS) assert.ok(Math.abs(after[label]! - before[label]!) < 1e-5);
      // A saved grown model loads into a freshly built one.
      grown.toDisk(join(dir, "grown"));
      assert.deepEqual([...loadPipeline(join(dir, "grown")).pipe(["She scored a goal"])][0]!.cats, after);

      const ensemble = pipelineFrom(TEXTCAT_ENSEMBLE_CONFIG);
      trainSteps(ensemble, topicExamples(ensemble), 1, "textcat");
      ensemble.toDisk(join(dir, "ensemble"));
      const fixed = loadPipeline(join(dir, "ensemble"));
      assert.throws(
        () => textcatOf(fixed).addLabel("MUSIC"),
        (e: TsnlpError) =>
          e.code === "E_PIPE_NOT_RESIZABLE" && /'MUSIC'/.test(e.message) && /3 outputs/.test(e.message) && /'SPORT', 'FOOD', 'WEATHER'/.test(e.message),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects gold cats that are not one-of-n with 0 and 1", () => {
    const nlp = pipelineFrom(bowConfig("textcat"));
    const examples = topicExamples(nlp);
    const optimizer = nlp.initialize(() => examples);
    const pipe = textcatOf(nlp);
    assert.throws(
      () => pipe.update([catsExample(nlp, "Sporty food", { SPORT: 1, FOOD: 1, WEATHER: 0 })], { sgd: optimizer }),
      (e: TsnlpError) => e.code === "E_TEXTCAT_NOT_EXCLUSIVE" && /"Sporty food"/.test(e.message) && /textcat_multilabel/.test(e.hint ?? ""),
    );
    assert.throws(
      () => pipe.update([catsExample(nlp, "Half sporty", { SPORT: 0.5, FOOD: 0, WEATHER: 0 })]),
      (e: TsnlpError) => e.code === "E_TEXTCAT_CAT_VALUE" && /0\.5/.test(e.message) && /'SPORT'/.test(e.message),
    );
    assert.throws(
      () => pipelineFrom(bowConfig("textcat")).initialize(() => [...examples, catsExample(nlp, "Odd", { SPORT: 2 })]),
      (e: TsnlpError) => e.code === "E_TEXTCAT_CAT_VALUE",
    );
  });

  it("checks its labels and initialize settings", () => {
    const one = pipelineFrom(bowConfig("textcat"));
    assert.throws(
      () => one.initialize(() => [catsExample(one, "Only one", { SPORT: 1 })]),
      (e: TsnlpError) => e.code === "E_TEXTCAT_TOO_FEW_LABELS" && /only 'SPORT'/.test(e.message),
    );
    const nlp = pipelineFrom(bowConfig("textcat"));
    const pipe = textcatOf(nlp);
    assert.throws(
      () => pipe.addLabel(7 as unknown as string),
      (e: TsnlpError) => e.code === "E_PIPE_LABEL",
    );
    assert.deepEqual([...pipe.labels], []);
    const examples = () => topicExamples(nlp);
    assert.throws(
      () => pipe.initialize(examples, { nlp, settings: { positive_label: "SPORT" } }),
      (e: TsnlpError) => e.code === "E_TEXTCAT_POSITIVE_LABEL" && /3 labels/.test(e.message),
    );
    assert.throws(
      () => pipe.initialize(examples, { nlp, settings: { threshold: 0.5 } }),
      (e: TsnlpError) => e.code === "E_INIT_SETTINGS" && /'threshold'/.test(e.message),
    );
    const binary = pipelineFrom(bowConfig("textcat"));
    const binaryPipe = textcatOf(binary);
    const sentiment = () => [catsExample(binary, "I love it", { POS: 1, NEG: 0 }), catsExample(binary, "I hate it", { POS: 0, NEG: 1 })];
    assert.throws(
      () => binaryPipe.initialize(sentiment, { nlp: binary, settings: { positive_label: "GOOD" } }),
      (e: TsnlpError) => e.code === "E_TEXTCAT_POSITIVE_LABEL" && /"GOOD"/.test(e.message) && /'POS', 'NEG'/.test(e.message),
    );
    const fresh = pipelineFrom(bowConfig("textcat"));
    const freshPipe = textcatOf(fresh);
    freshPipe.initialize(sentiment, { nlp: fresh, labels: ["NEG", "POS"], settings: { labels: ["NEG", "POS"], positive_label: "POS" } });
    assert.deepEqual([...freshPipe.labels], ["NEG", "POS"]);
    assert.equal(freshPipe.cfg.positive_label, "POS");
    // With a positive label, spaCy's scorer reports that label's F.
    assert.equal(fresh.evaluate(sentiment()).cats_score_desc, "F (POS)");
  });

  it("scores 0 for every label when a batch has no tokens, and skips the update", () => {
    const nlp = pipelineFrom(bowConfig("textcat"));
    nlp.initialize(() => topicExamples(nlp));
    const [empty] = [...nlp.pipe([""])];
    assert.deepEqual(empty!.cats, { SPORT: 0, FOOD: 0, WEATHER: 0 });
    assert.deepEqual(textcatOf(nlp).update([catsExample(nlp, "", { SPORT: 1, FOOD: 0, WEATHER: 0 })]), { textcat: 0 });
  });

  it("keeps the tensor count flat across updates and predictions", () => {
    const nlp = pipelineFrom(TEXTCAT_ENSEMBLE_CONFIG);
    const examples = topicExamples(nlp);
    const optimizer = nlp.initialize(() => examples);
    nlp.update(examples, { sgd: optimizer });
    const count = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) nlp.update(examples, { sgd: optimizer });
    for (const _ of nlp.pipe(examples.map((eg) => eg.text))) {
      // predictions leave nothing behind
    }
    assert.equal(tf.memory().numTensors, count);
  });

  it("trains from the command line on a .spacy corpus and evaluates the result", () => {
    if (!existsSync(join(REPO_ROOT, "dist/pipes/register-classifiers.js"))) {
      assert.fail("dist/ has no classifiers: run `npx tsc -p tsconfig.build.json` (npm test does) first");
    }
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-textcat-cli-"));
    try {
      const vocab = new Vocab({ lang: "en" });
      const bin = new DocBin();
      for (const [text, topic] of TOPICS) {
        const doc = new Doc(vocab, { words: text.split(" ") });
        doc.cats = Object.fromEntries(TOPIC_LABELS.map((label) => [label, label === topic ? 1 : 0]));
        bin.add(doc);
      }
      bin.toDisk(join(dir, "train.spacy"));
      writeFileSync(join(dir, "config.cfg"), bowConfig("textcat"));
      // Registers the classifier factories, for builds whose implementations do not yet include them.
      writeFileSync(
        join(dir, "code.mjs"),
        `export { registerClassifierFactories as register } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, "dist/pipes/register-classifiers.js")).href)};\n`,
      );
      const out = join(dir, "out");
      const corpus = join(dir, "train.spacy");
      const trained = tsnlp([
        "train",
        join(dir, "config.cfg"),
        "-o",
        out,
        "-c",
        join(dir, "code.mjs"),
        "--paths.train",
        corpus,
        "--paths.dev",
        corpus,
        "--training.max_steps",
        "30",
        "--training.eval_frequency",
        "10",
      ]);
      assert.equal(trained.status, 0, trained.output);
      assert.match(trained.stdout, /LOSS TEXTCAT\s+CATS_SCORE/);
      const meta = JSON.parse(readFileSync(join(out, "model-best/meta.json"), "utf8"));
      assert.equal(meta.performance.cats_score, 1);
      const loaded = loadPipeline(join(out, "model-best"));
      assert.deepEqual(
        predictedTopics(
          loaded,
          TOPICS.map(([text]) => text),
        ),
        TOPICS.map(([, topic]) => topic),
      );
      const evaluated = tsnlp(["evaluate", join(out, "model-best"), corpus, "-c", join(dir, "code.mjs"), "--output", join(dir, "metrics.json")]);
      assert.equal(evaluated.status, 0, evaluated.output);
      const metrics = JSON.parse(readFileSync(join(dir, "metrics.json"), "utf8"));
      assert.equal(metrics.cats_score, 1);
      assert.deepEqual(Object.keys(metrics.cats_f_per_type), TOPIC_LABELS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
