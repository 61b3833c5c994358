import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import type { Optimizer } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import { joinedLabel, type Morphologizer } from "../../src/pipes/morphologizer.js";
import { registerMorphFactories } from "../../src/pipes/register-morph.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { featsToDict } from "../../src/tokens/morphology.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";

registerMorphFactories(registry);

/** The tiny tok2vec + tagger pipeline of the pipeline tests, with a morphologizer in the tagger's place. */
const TINY_MORPH_CONFIG = TINY_TAGGER_CONFIG.replaceAll("tagger", "morphologizer");

function tinyMorphologizer(): Language {
  return Language.fromConfig(parseConfig(TINY_MORPH_CONFIG).tree);
}

const morphologizerOf = (nlp: Language) => nlp.getPipe("morphologizer") as Morphologizer;

interface Annotated {
  words: string[];
  pos: string[];
  morphs: string[];
}

/**
 * spaCy's TRAIN_DATA of spacy/tests/pipeline/test_morphologizer.py (v3.5.4). Its "" morphs
 * become "_" there (Doc(morphs=[""]) sets an empty analysis), so they are "_" here.
 */
const TRAIN_DATA: Annotated[] = [
  { words: ["I", "like", "green", "eggs"], pos: ["NOUN", "VERB", "ADJ", "NOUN"], morphs: ["Feat=N", "Feat=V", "Feat=J", "Feat=N"] },
  { words: ["Eat", "blue", "ham"], pos: ["", "ADJ", ""], morphs: ["Feat=V", "_", "_"] },
];

function examplesOf(nlp: Language, data: readonly Annotated[] = TRAIN_DATA): Example[] {
  return data.map(({ words, pos, morphs }) => {
    const reference = new Doc(nlp.vocab, { words, spaces: words.map((_, i) => i < words.length - 1), pos, morphs });
    return new Example(nlp.makeDoc(reference.text), reference);
  });
}

function train(nlp: Language, examples: Example[], steps: number): { losses: number[]; optimizer: Optimizer } {
  const optimizer = nlp.initialize(() => examples);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const step: Record<string, number> = {};
    nlp.update(examples, { sgd: optimizer, losses: step });
    losses.push(step.morphologizer!);
  }
  return { losses, optimizer };
}

/** Morphs as spaCy's str(token.morph) gives them: "" for none, set or not. */
const morphStrings = (doc: Doc) => doc.morphs.map((morph) => (morph === "_" ? "" : morph));

describe("morphologizer", function () {
  this.timeout(60_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  describe("on spaCy's toy corpus", () => {
    let nlp: Language;
    let losses: number[];
    let optimizer: Optimizer;

    before(() => {
      fixRandomSeed(1);
      nlp = tinyMorphologizer();
      ({ losses, optimizer } = train(nlp, examplesOf(nlp), 40));
    });

    it("joins POS and features into one label per token, in the order the data shows them", () => {
      assert.deepEqual([...morphologizerOf(nlp).labels], ["Feat=N|POS=NOUN", "Feat=V|POS=VERB", "Feat=J|POS=ADJ", "Feat=V", "POS=ADJ", "_"]);
    });

    it("keeps spaCy's label data: FEATS and the POS symbol id of each label", () => {
      // What spaCy's Morphologizer.label_data holds for TRAIN_DATA: 92 NOUN, 100 VERB, 84 ADJ, 0 none.
      assert.deepEqual(morphologizerOf(nlp).labelData, {
        morph: { "Feat=N|POS=NOUN": "Feat=N", "Feat=V|POS=VERB": "Feat=V", "Feat=J|POS=ADJ": "Feat=J", "Feat=V": "Feat=V", "POS=ADJ": "", _: "" },
        pos: { "Feat=N|POS=NOUN": 92, "Feat=V|POS=VERB": 100, "Feat=J|POS=ADJ": 84, "Feat=V": 0, "POS=ADJ": 84, _: 0 },
      });
    });

    it("starts from the uniform guess's loss and learns the corpus", () => {
      // A zero-initialized softmax guesses 1/6 for each of 6 labels: each of the 7 tokens adds 5/6.
      assert.ok(Math.abs(losses[0]! - (7 * 5) / 6) < 1e-4, `first loss ${losses[0]}`);
      assert.ok(losses.at(-1)! < 0.01, `last loss ${losses.at(-1)}`);
      // spaCy's test_overfitting_IO expectations for "I like blue ham".
      const doc = nlp.call("I like blue ham");
      assert.deepEqual(morphStrings(doc), ["Feat=N", "Feat=V", "", ""]);
      assert.deepEqual([...doc.pos], ["NOUN", "VERB", "ADJ", ""]);
      // Predicted analyses are always set, "_" when empty.
      assert.deepEqual([...doc.morphs], ["Feat=N", "Feat=V", "_", "_"]);
    });

    it("predicts the same in batches and one doc at a time", () => {
      const texts = ["Just a sentence.", "Then one more sentence about London.", "Here is another one.", "I like London."];
      const batched = [...nlp.pipe(texts)].map((doc) => [...doc.morphs, ...doc.pos]);
      const single = texts.map((text) => nlp.call(text)).map((doc) => [...doc.morphs, ...doc.pos]);
      assert.deepEqual(batched, single);
      assert.deepEqual(
        [...nlp.pipe(texts)].map((doc) => [...doc.morphs, ...doc.pos]),
        batched,
      );
    });

    it("keeps the tensor count flat across updates and predictions", () => {
      const examples = examplesOf(nlp);
      const count = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) nlp.update(examples, { sgd: optimizer });
      for (const _ of nlp.pipe(["I like blue ham", "Eat green eggs"])) {
        // predictions leave no tensors behind either
      }
      assert.equal(tf.memory().numTensors, count);
    });

    it("saves and loads with identical predictions and label data", () => {
      const dir = mkdtempSync(join(tmpdir(), "tsnlp-morph-"));
      try {
        nlp.toDisk(join(dir, "model"));
        const cfg = JSON.parse(readFileSync(join(dir, "model", "morphologizer", "cfg"), "utf8")) as Record<string, unknown>;
        assert.deepEqual(Object.keys(cfg), ["extend", "label_smoothing", "labels_morph", "labels_pos", "overwrite"]);
        const loaded = loadPipeline(join(dir, "model"));
        assert.deepEqual(morphologizerOf(loaded).labelData, morphologizerOf(nlp).labelData);
        const texts = ["I like blue ham", "Eat green eggs", "Just a sentence."];
        const predict = (pipeline: Language) => [...pipeline.pipe(texts)].map((doc) => [...doc.morphs, ...doc.pos]);
        assert.deepEqual(predict(loaded), predict(nlp));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("takes its labels back from label data, replacing what it had", () => {
      const other = tinyMorphologizer();
      const component = morphologizerOf(other);
      component.addLabel("Feat=Z|POS=X");
      component.initialize(() => examplesOf(other), { nlp: other, labels: morphologizerOf(nlp).labelData });
      assert.deepEqual([...component.labels], [...morphologizerOf(nlp).labels]);
    });

    it("scores POS, MORPH and MORPH per feature", () => {
      const examples = examplesOf(nlp).map((eg) => new Example(nlp.call(eg.predicted.text), eg.reference));
      const scores = morphologizerOf(nlp).score(examples);
      assert.equal(scores.pos_acc, 1);
      assert.equal(scores.morph_acc, 1);
      assert.deepEqual(Object.keys(scores.morph_per_feat as object), ["Feat"]);
    });
  });

  it("smooths the training target when asked", () => {
    const nlp = tinyMorphologizer();
    morphologizerOf(nlp).cfg.label_smoothing = 0.1;
    const { losses } = train(nlp, examplesOf(nlp), 1);
    // Targets 0.9 for the gold label and 0.02 for the 5 others against the uniform 1/6.
    const perToken = (0.9 - 1 / 6) ** 2 + 5 * (1 / 6 - 0.02) ** 2;
    assert.ok(Math.abs(losses[0]! - 7 * perToken) < 1e-4, `first loss ${losses[0]}`);
  });

  it("annotates empty docs and batches with empty docs", () => {
    fixRandomSeed(2);
    const nlp = tinyMorphologizer();
    train(nlp, examplesOf(nlp), 2);
    const docs = [...nlp.pipe(["", "I like", ""])];
    assert.deepEqual(
      docs.map((doc) => doc.length),
      [0, 2, 0],
    );
    // Predicted analyses are always set, so both tokens of the non-empty doc have one.
    assert.ok(docs[1]!.morphs.every((morph) => morph !== ""));
    assert.equal(nlp.call("").length, 0);
  });

  describe("overwrite and extend (spaCy's test_overfitting_IO)", () => {
    // A component that predicts label 0 for "I" and 1 for "like" without a model.
    const labels = { morph: { "Feat=N|POS=NOUN": "Feat=N", "Feat=V|POS=VERB": "Feat=V" }, pos: { "Feat=N|POS=NOUN": 92, "Feat=V|POS=VERB": 100 } };
    let nlp: Language;
    before(() => {
      nlp = tinyMorphologizer();
      morphologizerOf(nlp).initialize(() => examplesOf(nlp), { nlp, labels });
    });
    const run = (overwrite: boolean, extend: boolean, morphs: string[], pos?: string[]) => {
      const component = morphologizerOf(nlp);
      component.cfg.overwrite = overwrite;
      component.cfg.extend = extend;
      const doc = new Doc(nlp.vocab, { words: ["I", "like"], morphs, pos });
      component.setAnnotations([doc], [Int32Array.of(0, 1)]);
      return doc;
    };

    it("neither: keeps what is set, fills what is not", () => {
      const doc = run(false, false, ["Feat=A|That=A|This=A", ""], ["PRON", ""]);
      assert.deepEqual(morphStrings(doc), ["Feat=A|That=A|This=A", "Feat=V"]);
      assert.deepEqual([...doc.pos], ["PRON", "VERB"]);
      const empty = run(false, false, ["_", "Feat=N"]);
      assert.deepEqual([...empty.morphs], ["_", "Feat=N"]);
    });

    it("overwrite and extend: predicted features win, others stay", () => {
      const doc = run(true, true, ["Feat=A|That=A|This=A", ""], ["PRON", ""]);
      assert.deepEqual(morphStrings(doc), ["Feat=N|That=A|This=A", "Feat=V"]);
      assert.deepEqual([...doc.pos], ["NOUN", "VERB"]);
    });

    it("extend alone: set features win, new ones are added, POS stays", () => {
      const doc = run(false, true, ["Feat=A|That=A|This=A", "That=B"], ["PRON", ""]);
      assert.deepEqual(morphStrings(doc), ["Feat=A|That=A|This=A", "Feat=V|That=B"]);
      assert.deepEqual([...doc.pos], ["PRON", "VERB"]);
    });

    it("overwrite alone: predictions replace everything", () => {
      const doc = run(true, false, ["Feat=A|That=A|This=A", ""], ["PRON", ""]);
      assert.deepEqual(morphStrings(doc), ["Feat=N", "Feat=V"]);
      assert.deepEqual([...doc.pos], ["NOUN", "VERB"]);
    });
  });

  describe("missing annotation", () => {
    it("learns from POS alone, from features alone, and skips tokens with neither", () => {
      fixRandomSeed(3);
      const nlp = tinyMorphologizer();
      // spaCy's "unset morph and partial POS" case: only 'ham' is annotated.
      const data = TRAIN_DATA.map(({ words }) => ({ words, pos: words.map((w) => (w === "ham" ? "NOUN" : "")), morphs: words.map(() => "") }));
      const examples = examplesOf(nlp, data);
      const { losses } = train(nlp, examples, 30);
      assert.deepEqual([...morphologizerOf(nlp).labels], ["POS=NOUN"]);
      assert.deepEqual(morphologizerOf(nlp).goldLabels(examples[0]!), [null, null, null, null]);
      assert.deepEqual(morphologizerOf(nlp).goldLabels(examples[1]!), [null, null, "POS=NOUN"]);
      assert.ok(losses.at(-1)! < 0.01, `last loss ${losses.at(-1)}`);
      const doc = nlp.call("I like blue ham");
      assert.deepEqual([...doc.pos], ["NOUN", "NOUN", "NOUN", "NOUN"]);
      assert.deepEqual(morphStrings(doc), ["", "", "", ""]);
    });

    it("gives misaligned tokens no gold label", () => {
      const nlp = tinyMorphologizer();
      const component = morphologizerOf(nlp);
      component.addLabel("POS=VERB|VerbForm=Fin");
      component.addLabel("POS=PART");
      const reference = new Doc(nlp.vocab, {
        words: ["do", "n't", "go"],
        spaces: [false, true, false],
        pos: ["VERB", "PART", "VERB"],
        morphs: ["VerbForm=Fin", "_", "VerbForm=Fin"],
      });
      const predicted = new Doc(nlp.vocab, { words: ["don't", "go"], spaces: [true, false] });
      assert.deepEqual(component.goldLabels(new Example(predicted, reference)), [null, "POS=VERB|VerbForm=Fin"]);
    });

    it("builds labels in spaCy's normal form", () => {
      assert.equal(joinedLabel(featsToDict("Person=3|Number=Sing"), "PRON"), "Number=Sing|POS=PRON|Person=3");
      assert.equal(joinedLabel(featsToDict("PronType=Ind,Neg"), ""), "PronType=Ind,Neg");
      assert.equal(joinedLabel({}, ""), "_");
      const nlp = tinyMorphologizer();
      const component = morphologizerOf(nlp);
      assert.equal(component.addLabel("Person=3|POS=PRON|Number=Sing"), 1);
      assert.equal(component.addLabel("POS=PRON|Number=Sing|Person=3"), 0);
      assert.deepEqual(component.labelData, {
        morph: { "Number=Sing|POS=PRON|Person=3": "Number=Sing|Person=3" },
        pos: { "Number=Sing|POS=PRON|Person=3": 95 },
      });
    });
  });

  describe("errors", () => {
    it("says when the training data annotates neither POS nor features", () => {
      const nlp = tinyMorphologizer();
      const data = TRAIN_DATA.map(({ words }) => ({ words, pos: words.map(() => ""), morphs: words.map(() => "") }));
      assert.throws(
        () => nlp.initialize(() => examplesOf(nlp, data)),
        (e: TsnlpError) => e.code === "E_PIPE_NO_LABELS" && /morphologizer/.test(e.message) && /initialize\.components\.morphologizer/.test(e.hint ?? ""),
      );
    });

    it("names a POS that is not a universal tag, with its token", () => {
      const nlp = tinyMorphologizer();
      const data = [{ words: ["I", "like", "eggs"], pos: ["PRON", "VBP", "NOUN"], morphs: ["", "", ""] }];
      assert.throws(
        () => nlp.initialize(() => examplesOf(nlp, data)),
        (e: TsnlpError) => e.code === "E_BAD_POS" && /'VBP'/.test(e.message) && /token 1 \('like'\)/.test(e.message) && /PROPN/.test(e.hint ?? ""),
      );
      assert.throws(
        () => morphologizerOf(nlp).addLabel("POS=noun"),
        (e: TsnlpError) => e.code === "E_BAD_POS",
      );
    });

    it("rejects label data of the wrong shape", () => {
      const nlp = tinyMorphologizer();
      const component = morphologizerOf(nlp);
      for (const labels of [["POS=NOUN"], { morph: { "POS=NOUN": "" } }, { morph: { "POS=NOUN": "" }, pos: { "POS=NOUN": 12345 } }]) {
        assert.throws(
          () => component.initialize(() => examplesOf(nlp), { nlp, labels }),
          (e: TsnlpError) => e.code === "E_INIT_SETTINGS" && /\[initialize\.components\.morphologizer\] labels/.test(e.message),
        );
      }
    });

    it("cannot take a new label once its model is sized (spaCy's test_no_resize)", () => {
      const nlp = tinyMorphologizer();
      const component = morphologizerOf(nlp);
      component.addLabel("POS=NOUN");
      component.addLabel("POS=VERB");
      nlp.initialize(() => examplesOf(nlp, [{ words: ["eat", "ham"], pos: ["", ""], morphs: ["", ""] }]));
      assert.throws(
        () => component.addLabel("POS=ADJ"),
        (e: TsnlpError) => e.code === "E_PIPE_NOT_RESIZABLE" && /'POS=ADJ'/.test(e.message),
      );
      assert.equal(component.addLabel("POS=NOUN"), 0);
    });

    it("rejects labels that are not strings", () => {
      const component = morphologizerOf(tinyMorphologizer());
      assert.throws(
        () => component.addLabel(9 as unknown as string),
        (e: TsnlpError) => e.code === "E_PIPE_LABEL",
      );
    });
  });
});
