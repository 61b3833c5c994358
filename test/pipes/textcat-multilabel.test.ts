import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import type { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import type { MultiLabelTextCategorizer } from "../../src/pipes/textcat-multilabel.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { assertClose, bowConfig, catsExample, goldenLoss, goldenLossExamples, MULTI, multiExamples, pipelineFrom, trainSteps } from "../helpers/classifiers.js";

const pipeOf = (nlp: Language) => nlp.getPipe("textcat_multilabel") as MultiLabelTextCategorizer;

describe("textcat_multilabel", function () {
  this.timeout(30_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  it("learns independent categories, none, one or both per doc, with a falling loss", () => {
    fixRandomSeed(1);
    const nlp = pipelineFrom(bowConfig("textcat_multilabel"));
    const examples = multiExamples(nlp);
    const losses = trainSteps(nlp, examples, 40, "textcat_multilabel");
    assert.ok(losses.at(-1)! < losses[0]! / 10, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
    assert.deepEqual([...pipeOf(nlp).labels], ["FOOD", "SPORT"]);
    const docs = [...nlp.pipe(MULTI.map(([text]) => text))];
    MULTI.forEach(([text, gold], i) => {
      for (const [label, value] of Object.entries(gold)) {
        assert.equal(docs[i]!.cats[label]! >= 0.5, value === 1, `${label} of "${text}": ${docs[i]!.cats[label]}`);
      }
    });
    const scores = nlp.evaluate(examples);
    assert.equal(scores.cats_micro_f, 1);
    // spaCy's headline score for independent categories is the macro ROC AUC.
    assert.equal(scores.cats_score_desc, "macro AUC");
    assert.equal(scores.cats_score, 1);
  });

  it("computes spaCy's loss, masking labels a doc's cats leave out", () => {
    const nlp = pipelineFrom(bowConfig("textcat_multilabel"));
    const pipe = pipeOf(nlp);
    for (const label of ["A", "B", "C"]) pipe.addLabel(label);
    // What spaCy 3.5's MultiLabel_TextCategorizer.get_loss computes: the second doc says
    // nothing of A and C, so they get no gradient (but still count in the mean).
    const [loss, gradient] = goldenLoss(pipe, goldenLossExamples(nlp.vocab));
    assert.ok(Math.abs(loss - 0.4463888704776764) < 1e-6, `loss ${loss}`);
    assertClose(gradient, [-0.95, 0.35, 0.65, 0, -0.95, 0, 0.45, 0.75, -0.95]);
  });

  it("saves and loads with identical predictions and its own cfg", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-textcat-multilabel-"));
    try {
      fixRandomSeed(2);
      const nlp = pipelineFrom(bowConfig("textcat_multilabel"));
      trainSteps(nlp, multiExamples(nlp), 5, "textcat_multilabel");
      nlp.toDisk(join(dir, "model"));
      const loaded = loadPipeline(join(dir, "model"));
      const texts = [...MULTI.map(([text]) => text), "Nothing here"];
      assert.deepEqual(
        [...loaded.pipe(texts)].map((doc) => doc.cats),
        [...nlp.pipe(texts)].map((doc) => doc.cats),
      );
      // spaCy's multi-label cfg has no positive_label, and the threshold defaults to 0.5.
      assert.deepEqual(JSON.parse(readFileSync(join(dir, "model/textcat_multilabel/cfg"), "utf8")), { labels: ["FOOD", "SPORT"], threshold: 0.5 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes any number of true categories, and a single label, but only values 0 and 1", () => {
    const nlp = pipelineFrom(bowConfig("textcat_multilabel"));
    nlp.initialize(() => [catsExample(nlp, "Just food", { FOOD: 1 })]);
    assert.deepEqual([...pipeOf(nlp).labels], ["FOOD"]);
    assert.deepEqual(Object.keys(pipeOf(nlp).update([catsExample(nlp, "All of it", { FOOD: 1 })])), ["textcat_multilabel"]);
    assert.throws(
      () => pipeOf(nlp).update([catsExample(nlp, "Rather food", { FOOD: 0.7 })]),
      (e: TsnlpError) => e.code === "E_TEXTCAT_CAT_VALUE" && /textcat_multilabel/.test(e.message) && /0\.7/.test(e.message),
    );
    const other = pipelineFrom(bowConfig("textcat_multilabel"));
    assert.throws(
      () => other.initialize(() => [catsExample(other, "Bad", { FOOD: -1 })]),
      (e: TsnlpError) => e.code === "E_TEXTCAT_CAT_VALUE",
    );
  });

  it("rejects settings it does not take, and missing labels", () => {
    const nlp = pipelineFrom(bowConfig("textcat_multilabel"));
    const examples = () => multiExamples(nlp);
    assert.throws(
      () => pipeOf(nlp).initialize(examples, { nlp, settings: { positive_label: "FOOD" } }),
      (e: TsnlpError) => e.code === "E_INIT_SETTINGS" && /'positive_label'/.test(e.message) && /takes 'labels'/.test(e.hint ?? ""),
    );
    assert.throws(
      () => pipeOf(nlp).initialize(() => [catsExample(nlp, "No cats", {})], { nlp }),
      (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS",
    );
  });
});
