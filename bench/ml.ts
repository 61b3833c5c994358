/**
 * Training and prediction throughput of spaCy's efficiency tagger (MultiHashEmbed width 96 over
 * NORM PREFIX SUFFIX SHAPE, rows 5000 1000 2500 2500; MaxoutWindowEncoder width 96, depth 4,
 * window 1, 3 pieces; Tagger.v2) on UD English EWT, batches of about 1000 words, per backend;
 * a matMul GFLOP/s figure at tok2vec's shape; peak RSS; and a per-layer profile of training.
 *
 * spaCy 3.5.4 trains this model at about 7,800 words/s on one core. On wasm and cpu the Adam
 * step, Maxout's pieces and input gradient, LayerNorm and transposes run as host kernels
 * (src/ml/kernels); BENCH_HOST_KERNELS=0 runs the composite tfjs ops instead, for comparison.
 * BENCH_RUNS sets the number of timed batches (default 5); BENCH_ML_PROFILE=0 skips the profile.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { selectBackend } from "../src/ml/backend.js";
import { setHostKernelsEnabled } from "../src/ml/kernels/host-kernel.js";
import { SequenceCategoricalCrossentropy } from "../src/ml/losses/index.js";
import { type AnyModel, type Backprop, Model, withScope } from "../src/ml/model.js";
import { tagger } from "../src/ml/models/tagger.js";
import { maxoutWindowEncoder, multiHashEmbed, tok2vec } from "../src/ml/models/tok2vec.js";
import { Adam } from "../src/ml/optimizers/index.js";
import { tf } from "../src/ml/tf.js";
import type { Floats2d } from "../src/ml/types.js";
import type { Doc } from "../src/tokens/index.js";
import { convertText } from "../src/training/convert.js";
import { median, RUNS } from "./stats.js";

const EWT = join(import.meta.dirname, "../../shared/data/ud_en_ewt/en_ewt-ud-train.conllu");
const BATCH_WORDS = 1000;
const SPACY_WORDS_PER_SECOND = 7800;

interface Batch {
  docs: Doc[];
  truths: Int32Array[];
  words: number;
}

function makeBatches(docs: Doc[], labels: Map<string, number>, count: number): Batch[] {
  const batches: Batch[] = [];
  let current: Batch = { docs: [], truths: [], words: 0 };
  for (const doc of docs) {
    if (doc.length === 0) continue;
    current.docs.push(doc);
    current.truths.push(Int32Array.from(doc.tags, (tag) => labels.get(tag) ?? 0));
    current.words += doc.length;
    if (current.words >= BATCH_WORDS) {
      batches.push(current);
      if (batches.length === count) break;
      current = { docs: [], truths: [], words: 0 };
    }
  }
  return batches;
}

function buildModel(nO: number): AnyModel {
  const width = 96;
  const t2v = tok2vec(
    multiHashEmbed({ width, attrs: ["NORM", "PREFIX", "SUFFIX", "SHAPE"], rows: [5000, 1000, 2500, 2500] }),
    maxoutWindowEncoder({ width, windowSize: 1, maxoutPieces: 3, depth: 4 }),
  );
  return tagger(t2v, { nO });
}

function matmulGflops(): number {
  const a = tf.randomUniform([1000, 288]);
  const b = tf.randomUniform([288, 288]);
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    times.push(performance.now() - start);
    c.dispose();
  }
  a.dispose();
  b.dispose();
  return (2 * 1000 * 288 * 288) / (median(times.slice(5)) * 1e6);
}

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function trainStep(model: AnyModel, batch: Batch, loss: SequenceCategoricalCrossentropy, optimizer: ReturnType<typeof Adam>): void {
  withScope(() => {
    const [Ys, backprop] = model.beginUpdate(batch.docs) as [Floats2d[], Backprop<Floats2d[], unknown>];
    const [dYs] = loss.call(Ys, batch.truths);
    backprop(dYs as Floats2d[]);
    model.finishUpdate(optimizer);
  });
}

function predictStep(model: AnyModel, batch: Batch): void {
  withScope(() => {
    const Ys = model.predict(batch.docs) as Floats2d[];
    tf.argMax(tf.concat(Ys, 0), 1).dataSync();
  });
}

/** Words per second of each batch, after `warmup` untimed ones, and the tensors gained over the timed ones. */
function throughput(batches: Batch[], warmup: number, step: (batch: Batch) => void): { rates: number[]; leaked: number } {
  const rates: number[] = [];
  let tensors = 0;
  batches.forEach((batch, i) => {
    if (i === warmup) tensors = tf.memory().numTensors;
    const start = performance.now();
    step(batch);
    const ms = performance.now() - start;
    sampleRss();
    if (i >= warmup) rates.push((batch.words / ms) * 1000);
  });
  return { rates, leaked: tf.memory().numTensors - tensors };
}

// ---- profile: time per layer kind, by wrapping each node's call and backprop ----

interface Timing {
  forward: number;
  backward: number;
  calls: number;
}

function instrument(model: AnyModel, timings: Map<string, Timing>): void {
  const stack: number[] = [];
  const kind = (node: AnyModel) =>
    node.name
      .replace(/\(.*\)$/, "")
      .split(">>")[0]!
      .split("|")[0]!;
  for (const node of model.walk()) {
    const name = node.layers.length > 0 && !node.name.startsWith("with_array") ? `${kind(node)} (combinator)` : kind(node);
    const call = Model.prototype.call;
    const timed = <T>(what: "forward" | "backward", fn: () => T): T => {
      stack.push(0);
      const start = performance.now();
      const out = fn();
      const total = performance.now() - start;
      const children = stack.pop()!;
      if (stack.length > 0) stack[stack.length - 1]! += total;
      const t = timings.get(name) ?? { forward: 0, backward: 0, calls: 0 };
      t[what] += total - children;
      if (what === "forward") t.calls++;
      timings.set(name, t);
      return out;
    };
    node.call = (X: unknown, isTrain: boolean) => {
      const [Y, backprop] = timed("forward", () => call.call(node, X, isTrain));
      return [Y, (dY: unknown) => timed("backward", () => backprop(dY))];
    };
  }
}

function profile(nO: number, batches: Batch[]): void {
  const model = buildModel(nO);
  withScope(() => model.initialize(batches[0]!.docs));
  const loss = new SequenceCategoricalCrossentropy();
  const optimizer = Adam({ learnRate: 0.001 });
  for (const batch of batches.slice(0, 2)) trainStep(model, batch, loss, optimizer);
  const timings = new Map<string, Timing>();
  instrument(model, timings);
  let lossMs = 0;
  let updateMs = 0;
  let words = 0;
  const start = performance.now();
  for (const batch of batches.slice(2)) {
    words += batch.words;
    withScope(() => {
      const [Ys, backprop] = model.beginUpdate(batch.docs) as [Floats2d[], Backprop<Floats2d[], unknown>];
      let t = performance.now();
      const [dYs] = loss.call(Ys, batch.truths);
      lossMs += performance.now() - t;
      backprop(dYs as Floats2d[]);
      t = performance.now();
      model.finishUpdate(optimizer);
      updateMs += performance.now() - t;
    });
  }
  const total = performance.now() - start;
  const n = batches.length - 2;
  const rows = [...timings.entries()].map(([name, t]) => [name, t.forward / n, t.backward / n] as const);
  rows.push(["loss (SequenceCategoricalCrossentropy)", lossMs / n, 0], ["finishUpdate (Adam)", updateMs / n, 0]);
  rows.sort((a, b) => b[1] + b[2] - (a[1] + a[2]));
  const accounted = rows.reduce((sum, [, f, b]) => sum + f + b, 0);
  console.log(
    `  profile (${tf.getBackend()}): ${(total / n).toFixed(1)} ms per batch of ~${Math.round(words / n)} words; self time per layer kind, ms per batch:`,
  );
  for (const [name, f, b] of rows) {
    if (f + b < 0.05) continue;
    console.log(
      `    ${name.padEnd(40)} forward ${f.toFixed(2).padStart(7)}   backward ${b.toFixed(2).padStart(7)}   ${((100 * (f + b)) / (total / n)).toFixed(1).padStart(5)}%`,
    );
  }
  console.log(`    (unaccounted: ${(total / n - accounted).toFixed(2)} ms)`);
  model.dispose();
  optimizer.dispose();
}

export default async function ml(): Promise<void> {
  console.log("\nml: efficiency tok2vec (MultiHashEmbed 96, MaxoutWindowEncoder 96 x 4) + Tagger.v2 on UD EWT");
  if (!existsSync(EWT)) {
    console.log(`  skipped: ${EWT} is absent`);
    return;
  }
  const docs = convertText(readFileSync(EWT, "utf8"), { converter: "conllu", file: EWT });
  const labels = new Map<string, number>();
  for (const doc of docs) for (const tag of doc.tags) if (!labels.has(tag)) labels.set(tag, labels.size);
  const timed = Math.max(RUNS, 3);
  const warmup = 2;
  const all = makeBatches(docs, labels, warmup + 3 * timed);
  console.log(`  ${docs.length} docs, ${labels.size} tags; batches of ~${BATCH_WORDS} words; ${warmup} warm-up batches, then medians over timed batches`);
  const hostKernels = process.env.BENCH_HOST_KERNELS !== "0";
  setHostKernelsEnabled(hostKernels);
  console.log(`  host kernels (wasm, cpu): ${hostKernels ? "on" : "off (BENCH_HOST_KERNELS=0)"}`);

  for (const backend of ["wasm", "cpu", "tensorflow"] as const) {
    try {
      await selectBackend({ prefer: backend });
    } catch {
      console.log(`  ${backend}: not available${backend === "tensorflow" ? " (@tensorflow/tfjs-node is not installed)" : ""}`);
      continue;
    }
    // The cpu backend is about 40x slower: fewer batches.
    const batches = all.slice(0, warmup + (backend === "cpu" ? 2 : timed));
    const gflops = matmulGflops();
    const model = buildModel(labels.size);
    withScope(() => model.initialize(batches[0]!.docs));
    const loss = new SequenceCategoricalCrossentropy();
    const optimizer = Adam({ learnRate: 0.001 });
    const { rates: train, leaked } = throughput(batches, warmup, (batch) => trainStep(model, batch, loss, optimizer));
    const { rates: predict } = throughput(batches, 1, (batch) => predictStep(model, batch));
    const bar = backend === "wasm" ? `   (bar: ${Math.round((SPACY_WORDS_PER_SECOND * 2) / 3)} = 2/3 of spaCy's ${SPACY_WORDS_PER_SECOND})` : "";
    console.log(`  ${backend}: matMul 1000x288 . 288x288: ${gflops.toFixed(1)} GFLOP/s`);
    console.log(`  ${backend}: training   ${Math.round(median(train)).toString().padStart(6)} words/s (median of ${train.length} batches)${bar}`);
    console.log(`  ${backend}: prediction ${Math.round(median(predict)).toString().padStart(6)} words/s (median of ${predict.length} batches)`);
    if (leaked !== 0) console.log(`  ${backend}: warning: the tensor count changed by ${leaked} over the timed training steps`);
    model.dispose();
    optimizer.dispose();
    if (backend === "wasm" && process.env.BENCH_ML_PROFILE !== "0") profile(labels.size, all.slice(0, warmup + timed));
  }
  console.log(`  peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}
