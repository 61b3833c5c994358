import { strict as assert } from "node:assert";
import { createVocab } from "../../../src/lang/create.js";
import { selectBackend } from "../../../src/ml/backend.js";
import { SequenceCategoricalCrossentropy } from "../../../src/ml/losses/index.js";
import { withScope } from "../../../src/ml/model.js";
import { tagger } from "../../../src/ml/models/tagger.js";
import { maxoutWindowEncoder, multiHashEmbed, tok2vec } from "../../../src/ml/models/tok2vec.js";
import { Adam } from "../../../src/ml/optimizers/index.js";
import { tf } from "../../../src/ml/tf.js";
import type { Floats2d } from "../../../src/ml/types.js";
import { Doc } from "../../../src/tokens/index.js";

/** word/TAG sentences; a few words take different tags in different contexts. */
const CORPUS = [
  "The/DT cat/NN sat/VBD on/IN the/DT mat/NN ./.",
  "A/DT dog/NN ran/VBD in/IN the/DT park/NN ./.",
  "She/PRP likes/VBZ green/JJ apples/NNS ./.",
  "They/PRP eat/VBP fresh/JJ bread/NN every/DT day/NN ./.",
  "I/PRP saw/VBD a/DT bird/NN on/IN the/DT roof/NN ./.",
  "He/PRP reads/VBZ old/JJ books/NNS at/IN night/NN ./.",
  "We/PRP walk/VBP to/IN school/NN ./.",
  "The/DT children/NNS play/VBP outside/RB ./.",
  "My/PRP$ sister/NN sings/VBZ loudly/RB ./.",
  "Our/PRP$ team/NN won/VBD the/DT game/NN ./.",
  "The/DT old/JJ man/NN walked/VBD slowly/RB home/RB ./.",
  "Birds/NNS fly/VBP south/RB in/IN winter/NN ./.",
  "You/PRP can/MD run/VB fast/RB ./.",
  "She/PRP will/MD book/VB a/DT room/NN ./.",
  "The/DT book/NN is/VBZ on/IN the/DT table/NN ./.",
  "I/PRP run/VBP every/DT morning/NN ./.",
  "His/PRP$ run/NN was/VBD short/JJ ./.",
  "They/PRP can/MD play/VB chess/NN well/RB ./.",
  "A/DT small/JJ boat/NN sailed/VBD across/IN the/DT lake/NN ./.",
  "Cats/NNS sleep/VBP all/DT day/NN ./.",
  "The/DT teacher/NN gave/VBD us/PRP homework/NN ./.",
  "He/PRP quickly/RB opened/VBD the/DT door/NN ./.",
  "We/PRP will/MD visit/VB Paris/NNP soon/RB ./.",
  "Anna/NNP lives/VBZ in/IN Berlin/NNP ./.",
  "The/DT play/NN ended/VBD late/RB ./.",
  "Her/PRP$ brother/NN fixed/VBD the/DT old/JJ car/NN ./.",
];

function makeDocs(): { docs: Doc[]; tags: string[][] } {
  const vocab = createVocab("en");
  const docs = CORPUS.map((line) => {
    const pairs = line.split(" ").map((pair) => {
      const at = pair.lastIndexOf("/");
      return [pair.slice(0, at), pair.slice(at + 1)] as const;
    });
    return new Doc(vocab, { words: pairs.map(([word]) => word), tags: pairs.map(([, tag]) => tag) });
  });
  return { docs, tags: docs.map((doc) => doc.tags) };
}

describe("Tok2Vec + Tagger learn", function () {
  this.timeout(60_000);

  before(async () => {
    await selectBackend();
  });

  it("reaches 100% training accuracy with Adam, with a flat tensor count", () => {
    const { docs, tags } = makeDocs();
    const labels = [...new Set(tags.flat())].sort();
    const width = 32;
    const t2v = tok2vec(
      multiHashEmbed({ width, attrs: ["NORM", "PREFIX", "SUFFIX", "SHAPE"], rows: [500, 200, 200, 200] }),
      maxoutWindowEncoder({ width, windowSize: 1, maxoutPieces: 3, depth: 2 }),
    );
    const model = tagger(t2v);
    const truths = tags.map((docTags) => Int32Array.from(docTags, (tag) => labels.indexOf(tag)));
    withScope(() => {
      const Y = truths.slice(0, 4).map((t) => tf.cast(tf.oneHot(tf.tensor1d(t, "int32"), labels.length), "float32"));
      model.initialize(docs.slice(0, 4), Y as never);
    });
    assert.equal(model.getRef("output_layer").getDim("nO"), labels.length);
    const loss = new SequenceCategoricalCrossentropy({ names: labels });
    const optimizer = Adam({ learnRate: 0.01 });

    const accuracy = (): number => {
      const guesses = withScope(() => model.predict(docs).map((Y) => tf.argMax(Y, 1).dataSync() as Int32Array));
      let right = 0;
      let total = 0;
      guesses.forEach((guess, i) => {
        guess.forEach((g, j) => {
          total++;
          if (g === truths[i]![j]) right++;
        });
      });
      return right / total;
    };

    const step = () =>
      withScope(() => {
        const [Ys, backprop] = model.beginUpdate(docs);
        const [dYs] = loss.call(Ys, truths);
        backprop(dYs as Floats2d[]);
        model.finishUpdate(optimizer);
      });
    step();
    const tensors = tf.memory().numTensors;
    let steps = 1;
    let acc = accuracy();
    while (acc < 1 && steps < 150) {
      step();
      steps++;
      if (steps % 5 === 0) {
        assert.equal(tf.memory().numTensors, tensors, `tensor count after ${steps} steps`);
        acc = accuracy();
      }
    }
    assert.equal(acc, 1, `accuracy ${acc} after ${steps} steps`);
    console.log(`      (100% after ${steps} steps)`);
    assert.equal(tf.memory().numTensors, tensors);
    model.dispose();
    optimizer.dispose();
  });
});
