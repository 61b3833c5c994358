import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { loadPipeline } from "../../src/language/disk.js";
import { withScope } from "../../src/ml/model.js";
import { ngramSuggester } from "../../src/ml/models/spancat.js";
import { selectBackend } from "../../src/ml/backend.js";
import { tf } from "../../src/ml/tf.js";
import type { Floats2d } from "../../src/ml/types.js";
import { SpanCategorizer } from "../../src/pipes/spancat.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Span } from "../../src/tokens/span.js";
import type { Vocab } from "../../src/tokens/vocab.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { pipelineFrom, SPANS, spanExamples, spanKeys, spancatConfig, trainSteps } from "../helpers/classifiers.js";
import type { Language } from "../../src/language.js";

/** spaCy's test pattern for scores: ((i * 7 + j * 3) % 10) / 10 + 0.05, as float32. */
function fixedScores(rows: number, cols: number, formula = (i: number, j: number) => ((i * 7 + j * 3) % 10) / 10 + 0.05): Float32Array {
  return Float32Array.from({ length: rows * cols }, (_, k) => formula(Math.floor(k / cols), k % cols));
}

function close(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) < 1e-6, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

const pipeOf = (nlp: Language, name: string) => nlp.getPipe(name) as SpanCategorizer;

/** Two docs for the loss: the second is tokenized differently on the gold side. */
function lossExamples(vocab: Vocab): Example[] {
  const pred1 = new Doc(vocab, { words: ["a", "b", "c", "d"] });
  const ref1 = new Doc(vocab, { words: ["a", "b", "c", "d"] });
  ref1.spans.set("sc", [
    new Span(ref1, 0, 1, { label: "X" }),
    new Span(ref1, 1, 3, { label: "Y" }),
    new Span(ref1, 1, 3, { label: "X" }),
    new Span(ref1, 0, 3, { label: "X" }),
  ]);
  const pred2 = new Doc(vocab, { words: ["New-York", "is", "big"], spaces: [true, true, false] });
  const ref2 = new Doc(vocab, { words: ["New", "-", "York", "is", "big"], spaces: [false, false, true, true, false] });
  ref2.spans.set("sc", [new Span(ref2, 0, 3, { label: "Y" }), new Span(ref2, 2, 3, { label: "X" }), new Span(ref2, 3, 5, { label: "X" })]);
  return [new Example(pred1, ref1), new Example(pred2, ref2)];
}

function lossOf(pipe: SpanCategorizer, examples: Example[]): [number, number[]] {
  const spans = ngramSuggester(
    examples.map((eg) => eg.predicted),
    [1, 2],
  );
  return withScope(() => {
    const scores = tf.tensor2d(fixedScores(spans.data.rows, pipe.classCount), [spans.data.rows, pipe.classCount]) as Floats2d;
    const [loss, gradient] = pipe.getLoss(examples, [spans, scores]);
    return [loss, Array.from(gradient.dataSync())];
  });
}

/** Set annotations from fixed scores on two docs (4 tokens, 1 token) with n-grams of 1 and 2; each doc's spans and scores. */
function annotate(pipe: SpanCategorizer, formula: (i: number, j: number) => number): Array<[string[], number[]]> {
  const docs = [new Doc(pipe.vocab, { words: ["a", "b", "c", "d"] }), new Doc(pipe.vocab, { words: ["e"] })];
  const indices = ngramSuggester(docs, [1, 2]);
  pipe.setAnnotations(docs, { indices, scores: fixedScores(indices.data.rows, pipe.classCount, formula), classes: pipe.classCount });
  return docs.map((doc) => {
    const group = doc.spans.get("sc")!;
    return [group.spans.map((span) => `${span.start}:${span.end}:${span.label}`), group.attrs.scores as number[]];
  });
}

const varied = (i: number, j: number) => ((i * 5 + j * 2) % 7) / 7 + 0.03;
const distinct = (i: number, j: number) => ((i * 5 + j * 2) % 7) / 7 + 0.03 + i * 0.001;

function checkGroups(actual: Array<[string[], number[]]>, expected: Array<[string[], number[]]>): void {
  assert.deepEqual(
    actual.map(([spans]) => spans),
    expected.map(([spans]) => spans),
  );
  actual.forEach(([, scores], i) => {
    close(scores, expected[i]![1], `scores of doc ${i}`);
  });
}

describe("spancat", function () {
  this.timeout(30_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  it("learns overlapping labelled spans to F 1.0, with a falling loss and scores in attrs", () => {
    fixRandomSeed(3);
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const examples = spanExamples(nlp);
    const losses = trainSteps(nlp, examples, 30, "spancat");
    assert.ok(losses.at(-1)! < losses[0]! / 20, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    assert.deepEqual([...pipeOf(nlp, "spancat").labels], ["COLOR", "FRUIT", "ITEM"]);
    const scores = nlp.evaluate(examples);
    assert.equal(scores.spans_sc_f, 1);
    const docs = [...nlp.pipe(SPANS.map(([text]) => text))];
    assert.deepEqual(spanKeys(docs[0]!), ["2:3:COLOR", "2:4:ITEM", "3:4:FRUIT"]);
    for (const doc of docs) {
      const group = doc.spans.get("sc")!;
      const attrScores = group.attrs.scores as number[];
      assert.equal(attrScores.length, group.length);
      for (const score of attrScores) assert.ok(score >= 0.5 && score <= 1);
    }
  });

  it("spancat_singlelabel learns one label per span, with the negative class", () => {
    fixRandomSeed(4);
    const nlp = pipelineFrom(spancatConfig("spancat_singlelabel"));
    const pipe = pipeOf(nlp, "spancat_singlelabel");
    const examples = spanExamples(nlp, ["COLOR", "FRUIT"]);
    const losses = trainSteps(nlp, examples, 30, "spancat_singlelabel");
    assert.ok(losses.at(-1)! < losses[0]! / 20, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    assert.equal(pipe.classCount, 3);
    assert.equal(pipe.negativeLabel, 2);
    assert.equal(nlp.evaluate(examples).spans_sc_f, 1);
  });

  it("computes spaCy's loss over suggested spans aligned to gold spans", () => {
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const pipe = pipeOf(nlp, "spancat");
    for (const label of ["X", "Y"]) pipe.addLabel(label);
    const examples = lossExamples(nlp.vocab);
    // What spaCy 3.5's SpanCategorizer.get_loss computes for these examples and scores.
    const [loss, gradient] = lossOf(pipe, examples);
    assert.ok(Math.abs(loss - 7.439999580383301) < 1e-5, `loss ${loss}`);
    close(
      gradient,
      [
        [-0.95, 0.35],
        [0.75, 0.05],
        [0.45, 0.75],
        [0.15, 0.45],
        [0.85, 0.15],
        [-0.45, -0.15],
        [0.25, 0.55],
        [0.95, -0.75],
        [0.65, 0.95],
        [0.35, 0.65],
        [0.05, 0.35],
        [-0.25, 0.05],
      ].flat(),
      "d_scores",
    );
  });

  it("weights the negative spans' rows in spancat_singlelabel's loss as spaCy does", () => {
    const nlp = pipelineFrom(spancatConfig("spancat_singlelabel", "negative_weight = 0.5"));
    const pipe = pipeOf(nlp, "spancat_singlelabel");
    for (const label of ["X", "Y"]) pipe.addLabel(label);
    // What spaCy 3.5's get_loss computes with add_negative_label and negative_weight 0.5.
    const [loss, gradient] = lossOf(pipe, lossExamples(nlp.vocab));
    assert.ok(Math.abs(loss - 5.414999961853027) < 1e-5, `loss ${loss}`);
    close(
      gradient,
      [
        [-0.95, 0.35, 0.65],
        [0.375, 0.025, -0.325],
        [0.225, 0.375, -0.475],
        [0.075, 0.225, -0.125],
        [0.425, 0.075, -0.275],
        [-0.45, -0.15, 0.15],
        [0.125, 0.275, -0.075],
        [0.95, -0.75, 0.55],
        [0.325, 0.475, -0.375],
        [0.175, 0.325, -0.025],
        [0.025, 0.175, -0.175],
        [-0.25, 0.05, 0.35],
      ].flat(),
      "d_scores",
    );
  });

  it("keeps spans above the threshold and within max_positive, as spaCy's set_annotations", () => {
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const pipe = pipeOf(nlp, "spancat");
    for (const label of ["X", "Y"]) pipe.addLabel(label);
    // The groups spaCy 3.5 writes for the same candidates, scores and settings.
    pipe.cfg.threshold = 0.5;
    checkGroups(annotate(pipe, varied), [
      [
        ["1:2:X", "2:3:Y", "0:2:X", "1:3:X", "1:3:Y", "2:4:Y"],
        [0.7442857027053833, 0.7442857027053833, 0.8871428370475769, 0.6014285683631897, 0.8871428370475769, 0.6014285683631897],
      ],
      [[], []],
    ]);
    pipe.cfg.threshold = 0.3;
    pipe.cfg.max_positive = 1;
    checkGroups(annotate(pipe, varied), [
      [
        ["0:1:Y", "1:2:X", "2:3:Y", "3:4:Y", "0:2:X", "1:3:Y", "2:4:Y"],
        [0.3157142996788025, 0.7442857027053833, 0.7442857027053833, 0.4585714340209961, 0.8871428370475769, 0.8871428370475769, 0.6014285683631897],
      ],
      [["0:1:Y"], [0.3157142996788025]],
    ]);
    pipe.addLabel("Z");
    pipe.cfg.max_positive = 2;
    checkGroups(annotate(pipe, varied), [
      [
        ["0:1:Y", "0:1:Z", "1:2:X", "1:2:Z", "2:3:X", "2:3:Y", "3:4:Y", "3:4:Z", "0:2:X", "0:2:Z", "1:3:X", "1:3:Y", "2:4:Y", "2:4:Z"],
        [
          0.3157142996788025, 0.6014285683631897, 0.7442857027053833, 0.3157142996788025, 0.4585714340209961, 0.7442857027053833, 0.4585714340209961,
          0.7442857027053833, 0.8871428370475769, 0.4585714340209961, 0.6014285683631897, 0.8871428370475769, 0.6014285683631897, 0.8871428370475769,
        ],
      ],
      [
        ["0:1:Y", "0:1:Z"],
        [0.3157142996788025, 0.6014285683631897],
      ],
    ]);
  });

  it("keeps each span's best label unless it is the negative class, with or without overlaps", () => {
    const nlp = pipelineFrom(spancatConfig("spancat_singlelabel"));
    const pipe = pipeOf(nlp, "spancat_singlelabel");
    for (const label of ["X", "Y"]) pipe.addLabel(label);
    // The groups spaCy 3.5's spancat_singlelabel writes for the same scores.
    checkGroups(annotate(pipe, distinct), [
      [
        ["1:2:X", "2:3:Y", "0:2:X", "1:3:Y"],
        [0.74528568983078, 0.7462857365608215, 0.8911428451538086, 0.8921428322792053],
      ],
      [[], []],
    ]);
    pipe.cfg.allow_overlap = false;
    checkGroups(annotate(pipe, distinct), [
      [["1:3:Y"], [0.8921428322792053]],
      [[], []],
    ]);
  });

  it("saves and loads with identical predictions", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-spancat-"));
    try {
      fixRandomSeed(5);
      const nlp = pipelineFrom(spancatConfig("spancat"));
      const examples = spanExamples(nlp);
      trainSteps(nlp, examples, 8, "spancat");
      nlp.toDisk(join(dir, "model"));
      const loaded = loadPipeline(join(dir, "model"));
      const texts = [...SPANS.map(([text]) => text), "Green apples and red plums ."];
      const before = [...nlp.pipe(texts)];
      const after = [...loaded.pipe(texts)];
      assert.deepEqual(
        after.map((doc) => spanKeys(doc)),
        before.map((doc) => spanKeys(doc)),
      );
      assert.deepEqual(
        after.map((doc) => doc.spans.get("sc")!.attrs.scores),
        before.map((doc) => doc.spans.get("sc")!.attrs.scores),
      );
      assert.deepEqual([...pipeOf(loaded, "spancat").labels], ["COLOR", "FRUIT", "ITEM"]);
      assert.equal(pipeOf(loaded, "spancat").key, "sc");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects labels a trained model does not know, with clear errors", () => {
    fixRandomSeed(6);
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const examples = spanExamples(nlp, ["COLOR", "FRUIT"]);
    trainSteps(nlp, examples, 1, "spancat");
    const pipe = pipeOf(nlp, "spancat");
    assert.throws(
      () => pipe.addLabel(""),
      (e: TsnlpError) => e.code === "E_PIPE_LABEL",
    );
    assert.throws(
      () => pipe.addLabel("ITEM"),
      (e: TsnlpError) => e.code === "E_PIPE_NOT_RESIZABLE" && /'ITEM'/.test(e.message) && /2 outputs/.test(e.message),
    );
    assert.throws(
      () => pipe.update(spanExamples(nlp)),
      (e: TsnlpError) => e.code === "E_SPANCAT_UNKNOWN_LABEL" && /'ITEM'/.test(e.message) && /'COLOR', 'FRUIT'/.test(e.message),
    );
  });

  it("checks its settings and its training data", () => {
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const { model, suggester, vocab } = pipeOf(nlp, "spancat");
    assert.throws(
      () => new SpanCategorizer(vocab, model, "spans", { suggester, allowOverlap: false, maxPositive: 2 }),
      (e: TsnlpError) => e.code === "E_SPANCAT_SETTINGS" && /max_positive is 2/.test(e.message),
    );
    assert.throws(
      () => pipelineFrom(spancatConfig("spancat", "max_positive = 0")),
      (e: TsnlpError) => e.code === "E_FACTORY_ARGS" && /max_positive/.test(e.message),
    );
    const unlabelled = spanExamples(nlp, []);
    assert.throws(
      () => nlp.initialize(() => unlabelled),
      (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS",
    );
    assert.throws(
      () => pipeOf(nlp, "spancat").initialize(() => spanExamples(nlp), { nlp, settings: { labels: ["A"], positive_label: "A" } }),
      (e: TsnlpError) => e.code === "E_INIT_SETTINGS" && /'positive_label'/.test(e.message),
    );
    assert.throws(
      () => pipeOf(nlp, "spancat").initialize(() => spanExamples(nlp), { nlp, labels: "COLOR" }),
      (e: TsnlpError) => e.code === "E_INIT_SETTINGS" && /labels must be a list/.test(e.message),
    );
  });

  it("takes its labels from the initialize settings when given", () => {
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const pipe = pipeOf(nlp, "spancat");
    pipe.initialize(() => spanExamples(nlp), { nlp, labels: ["FRUIT", "COLOR", "ITEM", "EXTRA"] });
    assert.deepEqual([...pipe.labels], ["FRUIT", "COLOR", "ITEM", "EXTRA"]);
    const [doc] = [...nlp.pipe(["green apples"])];
    assert.ok(doc!.spans.has("sc"));
  });

  it("handles docs without candidates, and writes the candidates on request", () => {
    fixRandomSeed(7);
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const examples = spanExamples(nlp);
    trainSteps(nlp, examples, 2, "spancat");
    const pipe = pipeOf(nlp, "spancat");
    const empty = nlp.makeDoc("");
    pipe.call(empty);
    assert.equal(empty.spans.get("sc")!.length, 0);
    assert.deepEqual(pipe.update([new Example(nlp.makeDoc(""), nlp.makeDoc(""))]), { spancat: 0 });
    const doc = nlp.makeDoc("red plums now");
    pipe.setCandidates([doc]);
    assert.deepEqual(spanKeys(doc, "candidates"), ["0:1:", "0:2:", "1:2:", "1:3:", "2:3:"]);
  });

  it("keeps the tensor count flat across updates and predictions", () => {
    fixRandomSeed(8);
    const nlp = pipelineFrom(spancatConfig("spancat"));
    const examples = spanExamples(nlp);
    const optimizer = nlp.initialize(() => examples);
    nlp.update(examples, { sgd: optimizer });
    const count = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) nlp.update(examples, { sgd: optimizer });
    for (const _ of nlp.pipe(examples.map((eg) => eg.text))) {
      // predictions leave nothing behind
    }
    assert.equal(tf.memory().numTensors, count);
  });
});
