/**
 * The relation extraction example (examples/relation-extraction): its instance tensor layer's
 * own backprop against finite differences, its corpus reader, and training it with `train`.
 *
 * The example is user code that imports "tsnlp". Here that name is resolved to src/index.ts,
 * and the example is loaded the way this file and its imports are (mocha requires them through
 * tsx), so it runs on the very modules the test and train() use: a component made from a second
 * copy of the library (dist/, or src/ loaded by another loader) would not be recognised, and so
 * not trained, by this one. Its functions go into a registry of the test's own.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { loadPipeline } from "../../src/language/disk.js";
import { selectBackend } from "../../src/ml/backend.js";
import { type AnyModel, Model, withScope } from "../../src/ml/model.js";
import { type Tensor2D, tf } from "../../src/ml/tf.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { TrainablePipe } from "../../src/pipes/trainable-pipe.js";
import { Doc } from "../../src/tokens/doc.js";
import type { Example } from "../../src/tokens/example.js";
import type { Span } from "../../src/tokens/span.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { Reader } from "../../src/training/reader-types.js";
import { type TrainResult, train } from "../../src/training/train.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { tsnlp } from "../helpers/cli.js";
import { checkParamGradients } from "../helpers/gradcheck.js";
import { REPO_ROOT } from "../helpers/shared.js";

const EXAMPLE = join(REPO_ROOT, "examples/relation-extraction");
const CONFIG = join(EXAMPLE, "config.cfg");
const TRAIN = join(EXAMPLE, "data/train.jsonl");

type GetInstances = (doc: Doc) => Array<[Span, Span]>;
type Relations = Record<string, Record<string, number>>;

/** What the test uses of the example's modules (loaded at run time, see `exampleModule`). */
interface Functions {
  register(registry: Registry): void;
}
interface InstanceTensorModule {
  instanceTensor(tok2vec: AnyModel, pooling: AnyModel, getInstances: GetInstances): Model<Doc[], Tensor2D>;
}
interface InstancesModule {
  instanceGenerator(maxLength: number): GetInstances;
}

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
const requireHere = createRequire(import.meta.url);

/** Resolve "tsnlp" to src/index.ts while `fn` runs: what the example requires then is this checkout's source. */
function withTsnlpFromSource<T>(fn: () => T): T {
  const original = moduleInternals._resolveFilename;
  const source = join(REPO_ROOT, "src/index.ts");
  moduleInternals._resolveFilename = function (this: unknown, request, ...rest) {
    return original.call(this, request === "tsnlp" ? source : request, ...rest);
  };
  try {
    return fn();
  } finally {
    moduleInternals._resolveFilename = original;
  }
}

/** A module of the example, by file name; its path is computed, so the type checker leaves the example to its own build. */
function exampleModule<T>(file: string): T {
  return withTsnlpFromSource(() => requireHere(join(EXAMPLE, file)) as T);
}

const quiet = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

let registry: Registry;
let layer: InstanceTensorModule;
let instances: InstancesModule;

function reader(path = TRAIN): Reader {
  return registry.get("readers", "rel_corpus.v1").build!({ path }, []) as Reader;
}

async function readAll(nlp: Language, path = TRAIN): Promise<Example[]> {
  const examples: Example[] = [];
  for await (const eg of reader(path)(nlp)) examples.push(eg);
  return examples;
}

/** Relation predictions of a pipeline on the training texts, with the gold entities as input. */
async function predictRelations(nlp: Language): Promise<Relations[]> {
  const docs = (await readAll(nlp)).map((eg) => eg.predicted);
  return [...nlp.pipe(docs)].map((doc) => doc.userData.rel as Relations);
}

/** A doc from words and IOB entity tags. */
function doc(vocab: Vocab, tagged: string): Doc {
  const pairs = tagged.split(" ").map((pair) => pair.split("/") as [string, string]);
  return new Doc(vocab, { words: pairs.map(([word]) => word), ents: pairs.map(([, tag]) => tag) });
}

/** A tok2vec whose vector for a word is a row of its own table: its gradient is exactly what reaches the tokens. */
function tableTok2vec(words: readonly string[], width: number): Model<Doc[], Tensor2D[]> {
  return new Model<Doc[], Tensor2D[]>(
    "table_tok2vec",
    (model, docs) => {
      const ids = docs.map((d) => Int32Array.from(d.words, (word) => words.indexOf(word)));
      const table = model.getParam("E") as Tensor2D;
      const vectors = ids.map((id) => tf.gather(table, tf.tensor1d(id, "int32")) as Tensor2D);
      const backprop = (dY: Tensor2D[]) => {
        const rows = Int32Array.from(ids.flatMap((id) => [...id]));
        model.incGrad("E", tf.scatterND(tf.tensor2d(rows, [rows.length, 1], "int32"), tf.concat(dY, 0), table.shape));
        return docs;
      };
      return [vectors, backprop];
    },
    { dims: { nO: width }, params: { E: tf.randomUniform([words.length, width], -1, 1, "float32", 5) } },
  );
}

describe("examples/relation-extraction", function () {
  this.timeout(60_000);

  before(async () => {
    const tsnlp = withTsnlpFromSource(() => requireHere("tsnlp") as { TrainablePipe: unknown });
    assert.equal(tsnlp.TrainablePipe, TrainablePipe, "the example's tsnlp is not the TrainablePipe this test trains with");
    registry = new Registry();
    registerBuiltins(registry);
    implementBuiltins(registry);
    exampleModule<Functions>("functions.ts").register(registry);
    layer = exampleModule<InstanceTensorModule>("instance-tensor.ts");
    instances = exampleModule<InstancesModule>("instances.ts");
    await selectBackend({ prefer: "wasm" });
  });

  describe("rel_instance_tensor.v1", () => {
    const words = ["Ana", "Lima", "works", "for", "Acme", "Corp", "in", "Oslo", ".", "Bo", "left", "Cy", "met", "Di", "Ek"];

    function build() {
      const vocab = new Vocab({ lang: "en" });
      const docs = [
        doc(vocab, "Ana/B-PERSON Lima/I-PERSON works/O for/O Acme/B-ORG Corp/I-ORG in/O Oslo/B-LOC ./O"),
        doc(vocab, "Bo/B-PERSON left/O ./O"),
        doc(vocab, "Cy/B-PERSON met/O Di/B-PERSON Ek/I-PERSON"),
      ];
      const tok2vec = tableTok2vec(words, 4);
      const pooling = registry.get("layers", "reduce_mean.v1").build!({}, []) as AnyModel;
      const model = layer.instanceTensor(tok2vec, pooling, instances.instanceGenerator(100));
      model.initialize(docs);
      return { docs, tok2vec, model };
    }

    it("gives one row per candidate pair: the mean vectors of its two entities side by side", () => {
      const { docs, tok2vec, model } = build();
      assert.equal(model.getDim("nO"), 8);
      const [rows, expected] = withScope(() => {
        const Y = model.predict(docs);
        const E = tok2vec.getParam("E").arraySync() as number[][];
        const mean = (...names: string[]) => E[0]!.map((_, k) => names.reduce((sum, name) => sum + E[words.indexOf(name)]![k]!, 0) / names.length);
        // Three entities give six ordered pairs, one entity none, two entities two.
        return [Y.arraySync(), [...mean("Ana", "Lima"), ...mean("Acme", "Corp")]];
      });
      assert.equal(rows.length, 8);
      for (const [k, value] of rows[0]!.entries()) assert.ok(Math.abs(value - expected[k]!) < 1e-5, `row 0, column ${k}: ${value} vs ${expected[k]}`);
    });

    it("backpropagates to the entities' tokens as finite differences say, an entity in several pairs included", () => {
      const { docs, model } = build();
      const checked = checkParamGradients(
        model,
        (isTrain) => {
          const [Y, backprop] = model.call(docs, isTrain);
          return [[Y], (dY) => void backprop(dY[0] as Tensor2D)];
        },
        { samples: 30, eps: 1e-2 },
      );
      assert.ok(checked >= 30, `checked ${checked} entries`);
    });
  });

  describe("rel_corpus.v1", () => {
    it("reads entities onto both docs and gold relations onto the reference", async () => {
      const [first] = await readAll(new Language({ lang: "en" }));
      assert.equal(first!.reference.text, "Maria Lopez works for Bluefin Systems.");
      for (const side of [first!.predicted, first!.reference]) {
        assert.deepEqual(
          side.ents.map((ent) => [ent.text, ent.label]),
          [
            ["Maria Lopez", "PERSON"],
            ["Bluefin Systems", "ORG"],
          ],
        );
      }
      assert.deepEqual(first!.reference.userData.rel, { "0,4": { works_for: 1 } });
    });

    it("names the file and line of an entity off token boundaries", async () => {
      const dir = mkdtempSync(join(tmpdir(), "tsnlp-rel-corpus-"));
      try {
        const path = join(dir, "bad.jsonl");
        writeFileSync(
          path,
          '{"text": "Ana works.", "entities": [], "relations": []}\n{"text": "Ana works.", "entities": [[0, 2, "PERSON"]], "relations": []}\n',
        );
        await assert.rejects(
          () => readAll(new Language({ lang: "en" }), path),
          (error: TsnlpError) => error.code === "E_REL_CORPUS_LINE" && error.line === 2 && /token boundaries/.test(error.message),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("training", () => {
    let dir: string;
    let result: TrainResult;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "tsnlp-rel-train-"));
      // Evaluating on the training data shows how well the model fits what it learns from.
      result = await train(CONFIG, {
        registry,
        output: dir,
        overrides: { "paths.train": TRAIN, "paths.dev": TRAIN, "training.max_steps": 200 },
        stdout: quiet(),
        stderr: quiet(),
      });
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    it("learns the relations of its training data: F rises from about 0.25 to above 0.9", () => {
      const scores = result.rows.map((row) => row.otherScores.rel_micro_f as number);
      assert.equal(result.rows[0]!.step, 0);
      // Untrained, every probability is near 0.5: about half the labels of every pair pass the threshold.
      assert.ok(scores[0]! < 0.4, `F before training: ${scores[0]}`);
      assert.ok(scores.at(-1)! > 0.9, `F after training: ${scores.at(-1)} (all: ${scores.join(", ")})`);
      assert.deepEqual(result.nlp.getPipe("relation_extractor").labels, ["lives_in", "located_in", "works_for"]);
    });

    it("saves and loads a pipeline whose relation predictions are identical", async () => {
      const trained = await predictRelations(result.nlp);
      assert.ok(
        trained.some((rel) => Object.values(rel).some((labels) => Object.values(labels).some((p) => p > 0.5))),
        "the trained pipeline predicts some relation",
      );
      const loaded = loadPipeline(join(dir, "model-last"), { registry });
      assert.deepEqual(await predictRelations(loaded), trained);
    });

    // Last: it trains the pipeline further.
    it("leaves no tensors behind across updates and predictions", async () => {
      const nlp = result.nlp;
      const examples = await readAll(nlp);
      const batch = examples.slice(0, 8);
      nlp.update(batch, { sgd: nlp.optimizer });
      const count = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) nlp.update(batch, { sgd: nlp.optimizer, drop: 0.1 });
      await predictRelations(nlp);
      nlp.evaluate(examples.slice(0, 4));
      assert.equal(tf.memory().numTensors, count);
    });
  });

  it("trains from the command line with --code, as its README says", () => {
    const out = mkdtempSync(join(tmpdir(), "tsnlp-rel-cli-"));
    try {
      const result = tsnlp(["train", "examples/relation-extraction/config.cfg", "--code", "examples/relation-extraction/functions.ts", "--output", out, "--training.max_steps", "100"]);
      assert.equal(result.status, 0, result.output);
      const scores = [...result.stdout.matchAll(/^\s*\d+\s+\d+\s.*\s([\d.]+)\s*$/gm)].map((m) => Number(m[1]));
      assert.ok(scores.length >= 2 && scores.at(-1)! > scores[0]! + 0.3, `the score rises: ${scores.join(", ")}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
