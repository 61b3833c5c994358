import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { before, describe, it } from "mocha";
import { expandSpacyShortFlags } from "../../src/commands/debug/model.js";
import { parseConfig } from "../../src/config/load.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { selectBackend } from "../../src/ml/backend.js";
import { withScope } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import { Pipe } from "../../src/pipes/pipe.js";
import type { TrainablePipe } from "../../src/pipes/trainable-pipe.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { declareFactory, Registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { formatArrayRepr, formatArrayStr, formatShape, pythonRepr } from "../../src/training/debug-model-format.js";
import { formatMatrix, type LayerReport } from "../../src/training/debug-model-report.js";
import { type DebugModelFromConfigOptions, type DebugModelResult, debugModel, debugModelFromConfig, parseLayerList } from "../../src/training/debug-model.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { createPrinter } from "../../src/util/printer.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { TAGGED, TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";
import { REPO_ROOT } from "../helpers/shared.js";

/** The tiny tagger config with a [paths] block (overrides need the section), and the toy corpus. */
function workspace(): { dir: string; config: string; train: string; sevenLabels: string } {
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-debug-model-"));
  const vocab = new Vocab({ lang: "en" });
  const bin = new DocBin();
  for (const line of TAGGED) {
    const pairs = line.split(" ").map((pair) => pair.split("/") as [string, string]);
    bin.add(new Doc(vocab, { words: pairs.map(([w]) => w), tags: pairs.map(([, t]) => t) }));
  }
  bin.toDisk(join(dir, "train.spacy"));
  const config = join(dir, "config.cfg");
  writeFileSync(config, `[paths]\ntrain = null\n${TINY_TAGGER_CONFIG}`);
  // Labels given up front let the tagger initialize on the sample sentences; seven match the
  // output width spaCy sets for dummy data.
  const sevenLabels = join(dir, "seven-labels.cfg");
  writeFileSync(
    sevenLabels,
    `[paths]\ntrain = null\n${TINY_TAGGER_CONFIG}\n[initialize]\n\n[initialize.components]\n\n[initialize.components.tagger]\nlabels = ["A","B","C","D","E","F","G"]\n`,
  );
  return { dir, config, train: join(dir, "train.spacy"), sevenLabels };
}

async function run(config: string, component: string, options: DebugModelFromConfigOptions = {}): Promise<{ result: DebugModelResult; lines: string[] }> {
  const lines: string[] = [];
  const printer = createPrinter((line) => lines.push(...stripVTControlCharacters(line).split("\n")));
  const result = await debugModelFromConfig(config, component, { printer, ...options });
  return { result, lines };
}

/** The lines printed after a step's divider: the layer listing, or for step 3 the prediction. */
function section(lines: readonly string[], title: string): string[] {
  const start = lines.findIndex((line) => line.includes(` ${title} `));
  assert.ok(start >= 0, `no '${title}' divider in:\n${lines.join("\n")}`);
  const rest = lines.slice(start + 1).filter((line) => line !== "");
  const belongs = title.startsWith("STEP 3") ? (line: string) => !/^[✔ℹ] /.test(line) : (line: string) => /^ℹ (Layer \d| - )/.test(line);
  const end = rest.findIndex((line, i) => (title.startsWith("STEP 3") && i === 0 ? false : !belongs(line)));
  return end < 0 ? rest : rest.slice(0, end);
}

function layer(reports: readonly LayerReport[], name: string): LayerReport {
  const found = reports.find((report) => report.name === name);
  assert.ok(found, `no layer '${name}' in ${reports.map((r) => r.name).join(", ")}`);
  return found;
}

const TAGGER_LAYERS = ["tok2vec-listener>>with_array(softmax)", "tok2vec-listener", "with_array(softmax)", "softmax"];

describe("debug model", function () {
  this.timeout(20_000);
  let ws: ReturnType<typeof workspace>;

  before(async () => {
    await selectBackend({ prefer: "wasm" });
    ws = workspace();
  });

  it("lists the layers with their dims: None before initialization, sizes after", async () => {
    const { result, lines } = await run(ws.config, "tagger", {
      overrides: { "paths.train": ws.train },
      dimensions: true,
      printBeforeTraining: true,
      printAfterInit: true,
    });
    assert.equal(result.initializedWith, "training corpus");
    assert.ok(lines.includes(`ℹ Analysing model with ID ${result.modelId}`), lines.join("\n"));
    assert.ok(lines.includes("ℹ Fixing random seed: 0"));
    assert.ok(lines.includes("ℹ Initialized the model with the training corpus."));
    const step0 = section(lines, "STEP 0 - before training");
    const step1 = section(lines, "STEP 1 - after initialization");
    assert.deepEqual(
      step0.filter((line) => line.includes("Layer")),
      result.steps.beforeTraining.map((report, i) => `ℹ Layer ${i}: model ID ${report.id}: '${TAGGER_LAYERS[i]}'`),
    );
    assert.equal(step0[0], `ℹ Layer 0: model ID ${result.modelId}: '${TAGGER_LAYERS[0]}'`);
    const softmaxAt = (step: string[]) => step.slice(step.findIndex((line) => line.endsWith("'softmax'")));
    assert.deepEqual(softmaxAt(step0), [
      `ℹ Layer 3: model ID ${layer(result.steps.beforeTraining, "softmax").id}: 'softmax'`,
      "ℹ  - dim nO: None",
      "ℹ  - dim nI: 32",
    ]);
    assert.deepEqual(softmaxAt(step1).slice(1), ["ℹ  - dim nO: 9", "ℹ  - dim nI: 32"]);
    assert.ok(!lines.some((line) => line.includes("STEP 2") || line.includes("STEP 3")), "steps not asked for were printed");
    assert.equal(lines.at(-1), "✔ Successfully ended analysis - model looks good.");
  });

  it("moves the parameters in the updates and shows the last update's gradients", async () => {
    const { result, lines } = await run(ws.config, "tagger", {
      overrides: { "paths.train": ws.train },
      parameters: true,
      gradients: true,
      printAfterInit: true,
      printAfterTraining: true,
    });
    const [init, trained] = [layer(result.steps.afterInit, "softmax"), layer(result.steps.afterTraining, "softmax")];
    assert.deepEqual(layer(result.steps.beforeTraining, "softmax").params, [
      ["W", null],
      ["b", null],
    ]);
    for (const [name, sample] of init.params) assert.match(sample ?? "", name === "W" ? /^\(32, 9\) - sample: \[/ : /^\(9,\) - sample: \[/);
    assert.notDeepEqual(trained.params, init.params, "step 2 shows the same parameters as step 1");
    assert.deepEqual(init.grads, [
      ["W", null],
      ["b", null],
    ]);
    assert.ok(trained.grads.every(([, sample]) => sample !== null));
    const step1 = section(lines, "STEP 1 - after initialization");
    const step2 = section(lines, "STEP 2 - after training");
    assert.ok(step1.includes("ℹ  - grad W: False"), step1.join("\n"));
    assert.ok(
      step2.some((line) => /^ℹ {2}- grad W: \(32, 9\) - sample: \[[-\d. e+]+\]$/.test(line)),
      step2.join("\n"),
    );
    assert.ok(step2.includes(`ℹ  - param b: ${trained.params[1]![1]}`));
  });

  it("prints only the layers --layers names", async () => {
    const { lines } = await run(ws.config, "tagger", { overrides: { "paths.train": ws.train }, layers: [0, 3], attributes: true, printAfterInit: true });
    const step1 = section(lines, "STEP 1 - after initialization");
    assert.deepEqual(
      step1.filter((line) => line.includes("Layer")).map((line) => line.split(":")[0]),
      ["ℹ Layer 0", "ℹ Layer 3"],
    );
    assert.ok(step1.includes("ℹ  - attr softmax_normalize: False"), step1.join("\n"));
  });

  it("prints the prediction: an array of scores per doc", async () => {
    const { result, lines } = await run(ws.config, "tagger", { overrides: { "paths.train": ws.train }, printPrediction: true });
    const step3 = section(lines, "STEP 3 - prediction");
    assert.ok(step3[0]!.startsWith("ℹ [array([["), step3.join("\n"));
    // The first five examples of the corpus, nine tag scores per token.
    assert.equal(result.prediction.match(/dtype=float32\)/g)?.length, 5);
    const firstDoc = result.prediction.slice(0, result.prediction.indexOf("dtype"));
    assert.equal(firstDoc.match(/\[ ?-?\d/g)?.length, 5, "5 token rows in the first array");
    assert.equal(step3.join("\n"), `ℹ ${result.prediction}`);
  });

  it("repeats exactly under the config's seed", async () => {
    const first = await run(ws.config, "tagger", { overrides: { "paths.train": ws.train } });
    const second = await run(ws.config, "tagger", { overrides: { "paths.train": ws.train } });
    assert.equal(second.result.prediction, first.result.prediction);
    assert.deepEqual(
      second.result.steps.afterTraining.map((r) => r.params),
      first.result.steps.afterTraining.map((r) => r.params),
    );
  });

  it("initializes on the sample sentences when the config has no training corpus", async () => {
    const { result, lines } = await run(ws.sevenLabels, "tagger", { dimensions: true, printAfterInit: true, layers: [3] });
    assert.equal(result.initializedWith, "dummy data");
    assert.ok(lines.includes("ℹ Initialized the model with dummy data."));
    assert.ok(section(lines, "STEP 1 - after initialization").includes("ℹ  - dim nO: 7"));
    assert.equal(result.prediction.match(/dtype=float32\)/g)?.length, 4, "one array per sample sentence");
  });

  it("analyses the tok2vec component itself", async () => {
    const { result } = await run(ws.config, "tok2vec", { overrides: { "paths.train": ws.train } });
    assert.match(result.steps.afterInit[0]!.name, /^extract_features>>/);
    const params = (reports: LayerReport[]) => reports.flatMap((r) => r.params.map(([, sample]) => sample));
    assert.notDeepEqual(params(result.steps.afterTraining), params(result.steps.afterInit));
  });

  it("says why it cannot initialize when neither the corpus nor dummy data will do", async () => {
    await assert.rejects(run(ws.config, "tagger"), (error: TsnlpError) => {
      assert.equal(error.code, "E_DEBUG_MODEL_INIT");
      assert.match(error.message, /Could not initialize the model: you'll have to provide a valid 'train_corpus'/);
      assert.match(error.details ?? "", /training corpus: .*no path/);
      assert.match(error.details ?? "", /dummy data: .*no labels/);
      return true;
    });
  });

  it("names the components when the component is unknown", async () => {
    await assert.rejects(run(ws.config, "taggr"), (error: TsnlpError) => {
      assert.equal(error.code, "E_PIPE_UNKNOWN");
      assert.match(error.message, /'taggr'/);
      assert.match(error.hint ?? "", /tok2vec, tagger/);
      return true;
    });
  });

  it("refuses a component without a model", async () => {
    const registry = new Registry();
    registerBuiltins(registry);
    implementBuiltins(registry);
    registry.register(declareFactory("rules_only", { description: "a rule-based component", args: {}, defaultConfig: {}, origin: "tsnlp" }));
    registry.implement(
      "factories",
      "rules_only",
      (args) =>
        new (class extends Pipe {
          call(doc: Doc): Doc {
            return doc;
          }
        })(args.name as string, "rules_only"),
    );
    const nlp = Language.fromConfig(
      { nlp: { lang: "en", pipeline: ["rules", "tagger"] }, components: { rules: { factory: "rules_only" }, tagger: { factory: "tagger" } } },
      { registry },
    );
    await assert.rejects(debugModel(nlp, "rules", { printer: createPrinter(() => {}) }), (error: TsnlpError) => {
      assert.equal(error.code, "E_DEBUG_MODEL_NO_MODEL");
      assert.equal(error.message, "The component 'rules' does not specify an object that holds a Model.");
      assert.match(error.hint ?? "", /Components with a model: tagger\./);
      return true;
    });
  });

  it("leaves no tensors behind but the models' own", async () => {
    const count = tf.memory().numTensors;
    const nlp = Language.fromConfig(parseConfig(`[paths]\ntrain = ${JSON.stringify(ws.train)}\n${TINY_TAGGER_CONFIG}`).tree);
    await debugModel(nlp, "tagger", { printer: createPrinter(() => {}) });
    for (const [, component] of nlp.components) (component as TrainablePipe).model.dispose();
    assert.equal(tf.memory().numTensors, count);
  });
});

describe("debug model: reading --layers and spaCy's short options", () => {
  it("reads layer lists as spaCy's string_to_list does", () => {
    assert.deepEqual(parseLayerList(""), []);
    assert.deepEqual(parseLayerList("1,2, 5"), [1, 2, 5]);
    assert.deepEqual(parseLayerList("[0, 3]"), [0, 3]);
    assert.deepEqual(parseLayerList("'4','7'"), [4, 7]);
    assert.throws(
      () => parseLayerList("1,softmax"),
      (error: TsnlpError) => error.code === "E_DEBUG_MODEL_LAYERS" && /'softmax'/.test(error.message),
    );
  });

  it("rewrites -DIM, -PAR, -GRAD, -ATTR and -P0 to -P3 into the long flags, up to --", () => {
    assert.deepEqual(expandSpacyShortFlags(["c.cfg", "tagger", "-DIM", "-PAR", "-GRAD", "-ATTR", "-P0", "-P1", "-P2", "-P3", "-l", "1"]), [
      "c.cfg",
      "tagger",
      "--dimensions",
      "--parameters",
      "--gradients",
      "--attributes",
      "--print-step0",
      "--print-step1",
      "--print-step2",
      "--print-step3",
      "-l",
      "1",
    ]);
    assert.deepEqual(expandSpacyShortFlags(["-P0", "--", "-P0"]), ["--print-step0", "--", "-P0"]);
  });
});

describe("debug model: values printed as numpy prints them", () => {
  const f32 = (shape: number[], values: number[]) => ({ shape, values: Float32Array.from(values), dtype: "float32" as const });

  // Expected strings are what numpy (str / repr of float32 arrays) prints for the same values.
  it("formats positional values padded to a common width", () => {
    assert.equal(formatArrayStr(f32([3], [0, 0.5, -0.25])), "[ 0.    0.5  -0.25]");
    assert.equal(formatArrayStr(f32([5], [0, 0, 0, 0, 0])), "[0. 0. 0. 0. 0.]");
    assert.equal(formatArrayStr(f32([3], [1 / 3, -2 / 3, 0.1])), "[ 0.33333334 -0.6666667   0.1       ]");
    assert.equal(formatArrayStr(f32([2], [-0.06232744, 0.093505])), "[-0.06232744  0.093505  ]");
  });

  it("switches to scientific notation for small or wide-ranging values", () => {
    assert.equal(formatArrayStr(f32([3], [1.2345e-5, 3, 0])), "[1.2345e-05 3.0000e+00 0.0000e+00]");
    assert.equal(formatArrayStr(f32([3], [123.456, 1e7, 0.5])), "[1.23456e+02 1.00000e+07 5.00000e-01]");
  });

  it("wraps rows at 75 columns and writes repr with the dtype", () => {
    const values = [0.1, -0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 2, 3, 4, 5, 6, 7, 8, 9.5];
    assert.equal(
      formatArrayRepr(f32([2, 9], values)),
      "array([[ 0.1, -0.2,  0.3,  0.4,  0.5,  0.6,  0.7,  0.8,  0.9],\n       [ 1. ,  2. ,  3. ,  4. ,  5. ,  6. ,  7. ,  8. ,  9.5]],\n      dtype=float32)",
    );
    assert.equal(formatArrayRepr(f32([0, 9], [])), "array([], shape=(0, 9), dtype=float32)");
  });

  it("summarizes arrays of more than 1000 values", () => {
    const values = Array.from({ length: 2000 }, (_, i) => Math.fround(i / 7));
    const text = formatArrayStr(f32([40, 50], values));
    assert.equal(text.split("\n").slice(0, 2).join("\n"), "[[0.0000000e+00 1.4285715e-01 2.8571430e-01 ... 6.7142859e+00\n  6.8571429e+00 7.0000000e+00]");
    assert.equal(text.split("\n")[6], " ...");
    assert.equal(text.split("\n").length, 13);
  });

  it("writes shapes as tuples, parameter samples as _print_matrix does, and attrs as Python values", async () => {
    await selectBackend({ prefer: "wasm" });
    assert.equal(formatShape([96, 32]), "(96, 32)");
    assert.equal(formatShape([32]), "(32,)");
    const sample = withScope(() => formatMatrix(tf.tensor2d([0.5, 0.25, 0, 1, 2, 3, 4, 9, 9, 9, 9, 9, 9, 9], [2, 7])));
    assert.equal(sample, "(2, 7) - sample: [0.5  0.25 0.   1.   2.  ]");
    assert.equal(pythonRepr([true, null, "NORM", 0.2, 1e-5, { a: false }]), "[True, None, 'NORM', 0.2, 1e-05, {'a': False}]");
  });
});

describe("tsnlp debug model", function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof workspace>;
  before(() => {
    ws = workspace();
  });

  it("prints the steps asked for with spaCy's short options", () => {
    const result = tsnlp(["debug", "model", ws.config, "tagger", "-DIM", "-PAR", "-P0", "-P2", "-P3", "--layers", "3", "--paths.train", ws.train]);
    assert.equal(result.status, 0, result.output);
    const lines = result.stdout.split("\n");
    assert.deepEqual(section(lines, "STEP 0 - before training").slice(1), ["ℹ  - dim nO: None", "ℹ  - dim nI: 32", "ℹ  - param W: None", "ℹ  - param b: None"]);
    const step2 = section(lines, "STEP 2 - after training");
    assert.match(step2[0]!, /^ℹ Layer 3: model ID \d+: 'softmax'$/);
    assert.match(step2.join("\n"), /ℹ {2}- param W: \(32, 9\) - sample: \[.+\]/);
    assert.match(section(lines, "STEP 3 - prediction")[0]!, /^ℹ \[array\(\[\[/);
    assert.ok(!result.stdout.includes("STEP 1"));
    assert.match(result.stdout, /✔ Successfully ended analysis - model looks good\.\n$/);
  });

  it("exits 1 with a clear message for an unknown component, a component without a model and bad --layers", () => {
    const unknown = tsnlp(["debug", "model", ws.config, "taggr"]);
    assertUserError(unknown);
    assert.match(unknown.stderr, /The pipeline has no component 'taggr'/);
    assert.match(unknown.stderr, /Its components: tok2vec, tagger\./);

    const code = join(ws.dir, "rules.mjs");
    writeFileSync(
      code,
      `import { declareFactory } from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, "dist/index.js")).href)};
export function register(registry) {
  registry.register(declareFactory("rules_only", { description: "rules", args: {}, defaultConfig: {}, origin: "tsnlp" }));
  registry.implement("factories", "rules_only", ({ name }) => ({ name, factory: "rules_only", call: (doc) => doc }));
}
`,
    );
    const rulesConfig = join(ws.dir, "rules.cfg");
    writeFileSync(rulesConfig, '[nlp]\nlang = "en"\npipeline = ["rules"]\n\n[components]\n\n[components.rules]\nfactory = "rules_only"\n');
    const noModel = tsnlp(["debug", "model", rulesConfig, "rules", "--code", code]);
    assertUserError(noModel);
    assert.match(noModel.stderr, /The component 'rules' does not specify an object that holds a Model\./);

    const badLayers = tsnlp(["debug", "model", ws.config, "tagger", "--layers", "softmax"]);
    assertUserError(badLayers);
    assert.match(badLayers.stderr, /--layers takes layer numbers/);
  });
});
