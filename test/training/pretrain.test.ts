/** `pretrain` (the library function behind `tsnlp pretrain`) and [initialize] init_tok2vec, on a toy corpus. */
import { strict as assert } from "node:assert";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { before, describe, it } from "mocha";
import { z } from "zod";
import { parseConfig } from "../../src/config/load.js";
import type { Section } from "../../src/config/tree.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { selectBackend } from "../../src/ml/backend.js";
import { withScope } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import type { Tok2Vec } from "../../src/pipes/tok2vec.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { KIND } from "../../src/registry/builtins/common.js";
import { declareFunction } from "../../src/registry/declare.js";
import { Registry } from "../../src/registry/registry.js";
import { sig } from "../../src/registry/types.js";
import { Vectors } from "../../src/tokens/vectors.js";
import { pretrain, type PretrainOptions } from "../../src/training/pretrain/pretrain.js";
import { logLine } from "../../src/training/pretrain/weights.js";
import { smartRound } from "../../src/training/pretrain/tracker.js";
import { formatRow } from "../../src/training/pretrain/table.js";
import { TsnlpError } from "../../src/util/errors.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TINY_TAGGER_CONFIG, taggedExamples } from "../helpers/pipeline.js";

const TEXTS = [
  "I like green eggs and ham .",
  "They eat red apples every day .",
  "We see big dogs in the park .",
  "You want small cats for your house .",
  "The dog runs fast down the street .",
  "A cat sleeps well on the warm mat .",
  "My friends like big red apples .",
  "The small dog sleeps in the house .",
];

/** [pretraining] and its corpus, with a small output layer so that the tests run fast. */
function pretrainingBlock(objective: string): string {
  return `
[paths]
raw_text = null

[pretraining]
max_epochs = 4
dropout = 0.2
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 40
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
${objective}

[pretraining.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01
use_averages = true

[corpora]

[corpora.pretrain]
@readers = "spacy.JsonlCorpus.v1"
path = \${paths.raw_text}
min_length = 5
max_length = 500
limit = 0
`;
}

const CHARACTERS = `@architectures = "spacy.PretrainCharacters.v1"
maxout_pieces = 3
hidden_size = 48
n_characters = 4`;

const VECTORS = (loss: string) => `@architectures = "spacy.PretrainVectors.v1"
maxout_pieces = 3
hidden_size = 48
loss = "${loss}"`;

const TOY_VECTORS = "tsnlp_test.toy_vectors.v1";

/** A registry with the built-ins and a before_init callback that gives the vocab a small vectors table. */
function testRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  implementBuiltins(registry);
  registry.register(
    declareFunction("callbacks", TOY_VECTORS, {
      description: "toy vectors for the tests",
      args: { width: z.number().int() },
      returns: sig.value(KIND.Callback),
      origin: "user",
    }),
  );
  registry.implement("callbacks", TOY_VECTORS, (args) => (nlp: Language) => {
    const width = args.width as number;
    const words = [...new Set(TEXTS.join(" ").split(" "))];
    const data = Float32Array.from({ length: words.length * width }, (_, i) => Math.sin(i * 1.7 + (i % width)));
    nlp.vocab.vectors = new Vectors({ keys: words, data, width });
    return nlp;
  });
  return registry;
}

interface Workspace {
  dir: string;
  config: string;
  raw: string;
  out: string;
}

function workspace(objective = CHARACTERS, extra = ""): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-pretrain-"));
  const raw = join(dir, "raw.jsonl");
  writeFileSync(raw, `${TEXTS.map((text) => JSON.stringify({ text })).join("\n")}\n`);
  writeFileSync(join(dir, "raw.txt"), `${TEXTS.join("\n")}\n`);
  const config = join(dir, "config.cfg");
  writeFileSync(config, TINY_TAGGER_CONFIG + pretrainingBlock(objective) + extra);
  return { dir, config, raw, out: join(dir, "out") };
}

const silent = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

function run(ws: Workspace, options: PretrainOptions = {}, out = ws.out) {
  fixRandomSeed(0);
  return pretrain(ws.config, out, {
    stdout: silent(),
    stderr: silent(),
    registry: testRegistry(),
    ...options,
    overrides: { "paths.raw_text": ws.raw, ...options.overrides },
  });
}

function logEntries(out: string): Array<{ nr_word: number; loss: number; epoch_loss: number; epoch: number }> {
  return readFileSync(join(out, "log.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

async function rejects(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TsnlpError, `expected a TsnlpError, got ${error}`);
    assert.equal(error.code, code, error.message);
    assert.match(`${error.message} ${error.hint ?? ""}`, pattern);
    return true;
  });
}

/** The tok2vec component's vectors for a text, as plain numbers. */
function tokvecs(nlp: Language, text = "The small dog eats green apples ."): number[] {
  const tok2vec = nlp.getPipe("tok2vec") as Tok2Vec;
  return withScope(() => [...tok2vec.model.predict([nlp.makeDoc(text)])[0]!.dataSync()]);
}

function taggerPipeline(extra: Record<string, unknown> = {}, seed = 5, text = TINY_TAGGER_CONFIG): Language {
  const config = parseConfig(text).tree;
  config.initialize = { ...(config.initialize as Section | undefined), ...extra } as Section;
  fixRandomSeed(seed);
  const nlp = Language.fromConfig(config, { registry: testRegistry() });
  nlp.initialize(() => taggedExamples(nlp));
  return nlp;
}

describe("pretrain", function () {
  this.timeout(60_000);
  before(async () => {
    await selectBackend({ prefer: "wasm" });
  });

  it("lowers the characters objective's loss and writes spaCy's files", async () => {
    const ws = workspace();
    const result = await run(ws, { overrides: { "pretraining.max_epochs": 12 } });
    const losses = result.epochs.map((epoch) => epoch.loss);
    assert.equal(losses.length, 12);
    assert.ok(losses.at(-1)! < losses[0]! * 0.9, `epoch losses ${losses.map((l) => l.toFixed(1)).join(" ")}`);
    // 62 tokens, 4 bytes each, start at (1 - 1/256)² + 255/256² per byte.
    assert.ok(Math.abs(losses[0]! - 62 * 4 * (255 / 256)) < 2, `first epoch loss ${losses[0]}`);
    for (let epoch = 0; epoch < 12; epoch++) assert.ok(existsSync(join(ws.out, `model${epoch}.bin`)), `model${epoch}.bin`);
    assert.ok(existsSync(join(ws.out, "model-last.bin")));
    assert.ok(existsSync(join(ws.out, "config.cfg")));
    const log = logEntries(ws.out);
    assert.deepEqual(
      log.map((entry) => entry.epoch),
      [...Array.from({ length: 12 }, (_, i) => i), 12],
    );
    assert.equal(log[0]!.nr_word, 62);
    assert.equal(log.at(-1)!.nr_word, 62 * 12);
    assert.ok(Math.abs(log[1]!.epoch_loss - losses[1]!) < 1e-3);
    assert.ok(Math.abs(log.at(-2)!.loss - losses.reduce((a, b) => a + b, 0)) < 1e-2);
  });

  it("leaves no tensors behind", async () => {
    const ws = workspace();
    await run(ws, { overrides: { "pretraining.max_epochs": 1 } });
    const count = tf.memory().numTensors;
    await run(ws, { overrides: { "pretraining.max_epochs": 3, "pretraining.n_save_every": 1 } }, join(ws.dir, "again"));
    assert.equal(tf.memory().numTensors, count);
  });

  it("reads a plain-text file, one document per line, the same as the JSONL file", async () => {
    const ws = workspace();
    const jsonl = await run(ws, { overrides: { "pretraining.max_epochs": 2 } });
    const text = await run(ws, { overrides: { "paths.raw_text": join(ws.dir, "raw.txt"), "pretraining.max_epochs": 2 } }, join(ws.dir, "out-txt"));
    assert.deepEqual(
      text.epochs.map((e) => [e.words, e.loss]),
      jsonl.epochs.map((e) => [e.words, e.loss]),
    );
  });

  for (const loss of ["cosine", "L2"]) {
    it(`lowers the vectors objective's loss (${loss}) with the vocab's vectors`, async () => {
      const ws = workspace(VECTORS(loss), `\n[initialize]\n\n[initialize.before_init]\n@callbacks = "${TOY_VECTORS}"\nwidth = 6\n`);
      const result = await run(ws, { overrides: { "pretraining.max_epochs": 30 } });
      const losses = result.epochs.map((epoch) => epoch.loss);
      // Only the masked 15% pass a gradient, so the loss of a batch is noisy: compare five epochs at each end.
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      assert.ok(mean(losses.slice(-5)) < mean(losses.slice(0, 5)) * 0.85, `epoch losses ${losses.map((l) => l.toFixed(3)).join(" ")}`);
    });
  }

  it("prints spaCy's table with a row every rowFrequency words", async () => {
    const ws = workspace();
    const out = capture();
    await run(ws, { stdout: out.stream, rowFrequency: 100, overrides: { "pretraining.max_epochs": 4 } });
    const text = out.text();
    assert.match(text, /Pre-training tok2vec layer - starting at epoch 0/);
    assert.match(text, /^ {2}# {6}# Words {3}Total Loss {5}Loss {4}w\/s$/m);
    const rows = [...text.matchAll(/^ +(\d+) +(\d+) +([\d.]+) +([\d.]+) +(\d+)$/gm)];
    // 248 words in batches of about 40: a row once 100 words have passed since the last one.
    const words = rows.map((row) => Number(row[2]));
    assert.equal(rows.length, 2, text);
    assert.ok(words[0]! >= 100 && words[1]! - words[0]! >= 100 && words[1]! < 248, `rows at ${words}`);
    assert.deepEqual(
      rows.map((row) => Number(row[1])),
      words.map((n) => Math.floor((n - 1) / 62)),
    );
    assert.match(text, /✔ Successfully finished pretrain/);
  });

  it("resumes from modelN.bin at epoch N + 1 with the saved weights", async () => {
    const ws = workspace();
    await run(ws, { overrides: { "pretraining.max_epochs": 2 } });
    const resumed = await run(ws, { resumePath: join(ws.out, "model1.bin"), overrides: { "pretraining.max_epochs": 4 } }, join(ws.dir, "resumed"));
    assert.equal(resumed.startEpoch, 2);
    assert.deepEqual(
      resumed.epochs.map((epoch) => epoch.epoch),
      [2, 3],
    );
    assert.deepEqual(
      logEntries(join(ws.dir, "resumed")).map((entry) => entry.epoch),
      [2, 3, 4],
    );
    assert.ok(existsSync(join(ws.dir, "resumed", "model3.bin")) && !existsSync(join(ws.dir, "resumed", "model0.bin")));
    // Nothing left to train: model-last holds exactly the weights it resumed from.
    const still = join(ws.dir, "still");
    await run(ws, { resumePath: join(ws.out, "model1.bin"), overrides: { "pretraining.max_epochs": 2 } }, still);
    assert.deepEqual(readFileSync(join(still, "model-last.bin")), readFileSync(join(ws.out, "model1.bin")));
  });

  it("resumes a renamed weights file with --epoch-resume, and needs it", async () => {
    const ws = workspace();
    await run(ws, { overrides: { "pretraining.max_epochs": 1 } });
    const renamed = join(ws.dir, "weights.bin");
    copyFileSync(join(ws.out, "model0.bin"), renamed);
    const resumed = await run(ws, { resumePath: renamed, epochResume: 5, overrides: { "pretraining.max_epochs": 6 } }, join(ws.dir, "resumed"));
    assert.deepEqual(
      resumed.epochs.map((epoch) => epoch.epoch),
      [5],
    );
    await rejects(run(ws, { resumePath: renamed }, join(ws.dir, "again")), "E_PRETRAIN_RESUME", /--epoch-resume/);
    await rejects(run(ws, { resumePath: renamed, epochResume: -1 }, join(ws.dir, "again")), "E_PRETRAIN_RESUME", /greater or equal to 0/);
  });

  it("saves temporary weights every n_save_every batches, every n_save_epoch epochs, and skips model-last on request", async () => {
    const ws = workspace();
    await run(ws, { skipLast: true, overrides: { "pretraining.max_epochs": 5, "pretraining.n_save_every": 1, "pretraining.n_save_epoch": 2 } });
    for (const name of ["model0.bin", "model2.bin", "model4.bin", "model0.temp.bin", "model3.temp.bin"]) assert.ok(existsSync(join(ws.out, name)), name);
    for (const name of ["model1.bin", "model3.bin", "model-last.bin"]) assert.ok(!existsSync(join(ws.out, name)), name);
  });

  it("stops after the current batch when asked, saving model-last", async () => {
    const ws = workspace();
    let batches = 0;
    const result = await run(ws, { shouldStop: () => ++batches >= 3, overrides: { "pretraining.max_epochs": 10 } });
    assert.ok(result.stopped);
    assert.equal(result.epochs.length, 1);
    assert.ok(existsSync(join(ws.out, "model-last.bin")));
  });

  it("pretrains the tok2vec a listener listens to when [pretraining] names the listening component", async () => {
    const ws = workspace();
    await run(ws, { overrides: { "pretraining.max_epochs": 1, "pretraining.component": "tagger", "pretraining.layer": "tok2vec" } });
    const nlp = taggerPipeline({ init_tok2vec: join(ws.out, "model-last.bin") });
    assert.equal(nlp.pipeNames.length, 2);
  });

  describe("errors", () => {
    it("a resume path that is missing or a folder", async () => {
      const ws = workspace();
      await rejects(run(ws, { resumePath: join(ws.dir, "model3.bin") }), "E_PRETRAIN_RESUME", /does not exist/);
      mkdirSync(join(ws.dir, "model4.bin"));
      await rejects(run(ws, { resumePath: join(ws.dir, "model4.bin") }), "E_PRETRAIN_RESUME", /is a directory/);
    });

    it("weights of another architecture to resume from", async () => {
      const ws = workspace();
      await run(ws, { overrides: { "pretraining.max_epochs": 1 } });
      await rejects(
        run(ws, { resumePath: join(ws.out, "model0.bin"), overrides: { "components.tok2vec.model.encode.width": 24 } }, join(ws.dir, "other")),
        "E_PRETRAIN_RESUME",
        /do not fit components\.tok2vec\.model/,
      );
    });

    it("a config without [pretraining]", async () => {
      const ws = workspace();
      writeFileSync(ws.config, TINY_TAGGER_CONFIG);
      await rejects(run(ws), "E_PRETRAIN_NO_BLOCK", /The \[pretraining\] block in your config is empty.*init fill-config .* --pretraining/);
    });

    it("a component or layer that is not there", async () => {
      const ws = workspace();
      await rejects(run(ws, { overrides: { "pretraining.component": "tok2ve" } }), "E_PRETRAIN_COMPONENT", /no such component.*Did you mean 'tok2vec'/i);
      await rejects(run(ws, { overrides: { "pretraining.layer": "encoder" } }), "E_PRETRAIN_LAYER", /no layer by that name.*encode/);
    });

    it("the vectors objective without vectors", async () => {
      const ws = workspace(VECTORS("cosine"));
      await rejects(run(ws), "E_PRETRAIN_NO_VECTORS", /vocab has none/);
    });
  });

  describe("the output formats", () => {
    it("rounds figures as spaCy's _smart_round and writes log lines as srsly does", () => {
      assert.equal(smartRound(3367.374084, 10), "3367.3741");
      assert.equal(smartRound(561.31732, 6), "561.32");
      assert.equal(smartRound(12345.6, 6), "12345");
      assert.equal(smartRound(1234567.89, 10), "1234567.89");
      assert.equal(smartRound(0.5, 6), "0.5000");
      assert.equal(formatRow(["0", "10000", "123.4567", "12.35", "999"]), "  0        10000     123.4567    12.35    999");
      assert.equal(logLine({ nrWord: 47, loss: 187.265625, epochLoss: 0, epoch: 20 }), '{"nr_word":47,"loss":187.265625,"epoch_loss":0.0,"epoch":20}');
    });
  });
});

describe("[initialize] init_tok2vec", function () {
  this.timeout(60_000);
  let weights = "";
  before(async () => {
    await selectBackend({ prefer: "wasm" });
    const ws = workspace();
    await run(ws, { overrides: { "pretraining.max_epochs": 2 } });
    weights = join(ws.out, "model-last.bin");
  });

  it("loads the pretrained weights before training, changing the tok2vec's output at step 0", () => {
    const plain = tokvecs(taggerPipeline());
    const loaded = taggerPipeline({ init_tok2vec: weights });
    assert.notDeepEqual(tokvecs(loaded), plain);
    const byHand = taggerPipeline({}, 9);
    (byHand.getPipe("tok2vec") as Tok2Vec).model.fromDisk(weights);
    assert.deepEqual(tokvecs(loaded), tokvecs(byHand));
    const doc = loaded.call("The small dog eats green apples .");
    assert.deepEqual(
      [...doc.tensor!.data].map((x) => x.toFixed(4)),
      tokvecs(loaded).map((x) => x.toFixed(4)),
    );
  });

  it("names the mismatch when the weights do not fit the architecture", () => {
    assert.throws(
      () => taggerPipeline({ init_tok2vec: weights }, 5, TINY_TAGGER_CONFIG.replace("width = 32", "width = 24")),
      (error: unknown) =>
        error instanceof TsnlpError &&
        error.code === "E_INIT_TOK2VEC_MISMATCH" &&
        /do not fit components\.tok2vec\.model: .*(nO|shape).*32/.test(error.message),
    );
  });

  it("says why it cannot load without [pretraining] when the pipeline has no tok2vec component, and when the file is missing", () => {
    const inline = `
[nlp]
lang = "en"
pipeline = ["tagger"]

[components]

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"

[components.tagger.model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
width = 32
depth = 1
embed_size = 500
window_size = 1
maxout_pieces = 3
subword_features = true
pretrained_vectors = null
`;
    assert.throws(
      () => taggerPipeline({ init_tok2vec: weights }, 5, inline),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_INIT_TOK2VEC_TARGET" && /has no tok2vec component/.test(error.message),
    );
    assert.throws(
      () => taggerPipeline({ init_tok2vec: `${weights}.missing` }),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_INIT_TOK2VEC_FILE",
    );
  });
});
