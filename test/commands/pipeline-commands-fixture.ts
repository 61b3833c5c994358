/**
 * A tiny trained tok2vec + tagger pipeline saved to a temporary folder, with its toy corpus as
 * a .spacy file and a training config that reads it: what the tests of apply, benchmark speed,
 * init labels, assemble, find-threshold and info run on. Trained once per test process.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectBackend } from "../../src/ml/backend.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TAGGED, TINY_TAGGER_CONFIG, taggedExamples, tinyTagger } from "../helpers/pipeline.js";

export interface TinyPipelineFixture {
  /** The temporary folder holding everything below. */
  dir: string;
  /** The saved pipeline folder. */
  model: string;
  /** The toy tagged corpus (6 docs). */
  corpus: string;
  /** A training config whose [paths] train and dev are the corpus. */
  config: string;
  /** The tagger's labels, sorted. */
  labels: string[];
}

/** The tiny tagger's config with a [paths] section; `paths` fills train and dev. */
export function trainingConfigText(paths: { train?: string; dev?: string } = {}): string {
  const value = (path?: string) => (path === undefined ? "null" : JSON.stringify(path));
  return `[paths]\ntrain = ${value(paths.train)}\ndev = ${value(paths.dev)}\n${TINY_TAGGER_CONFIG}`;
}

let fixture: Promise<TinyPipelineFixture> | undefined;

export function tinyPipelineFixture(): Promise<TinyPipelineFixture> {
  fixture ??= build();
  return fixture;
}

async function build(): Promise<TinyPipelineFixture> {
  await selectBackend({ prefer: "wasm" });
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-pipeline-commands-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  fixRandomSeed(3);
  const nlp = tinyTagger();
  const examples = taggedExamples(nlp, TAGGED);
  const optimizer = nlp.initialize(() => examples);
  for (let i = 0; i < 30; i++) nlp.update(examples, { sgd: optimizer });
  const model = join(dir, "model");
  nlp.toDisk(model);
  const corpus = join(dir, "corpus.spacy");
  new DocBin({ docs: examples.map((eg) => eg.reference) }).toDisk(corpus);
  const config = join(dir, "config.cfg");
  writeFileSync(config, trainingConfigText({ train: corpus, dev: corpus }));
  return { dir, model, corpus, config, labels: [".", "DT", "JJ", "NN", "NNS", "PRP", "RB", "VBP", "VBZ"] };
}
