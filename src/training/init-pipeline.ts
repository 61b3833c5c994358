/**
 * spaCy's init_nlp (spacy/training/initialize.py, v3.5.4) for commands that need an initialized
 * pipeline without training it: build the pipeline from a filled config, seed the random
 * generator from [training] seed, and initialize every component that is not frozen on the
 * training corpus (its first 100 examples when max_epochs = -1 streams the corpus).
 */
import { fillAndValidate, fillConfig } from "../config/fill.js";
import { interpolate } from "../config/interpolate.js";
import { readConfig } from "../config/load.js";
import { applyOverrides, type Overrides } from "../config/overrides.js";
import { resolveConfig } from "../config/resolve.js";
import { getPath, isSection, type Section } from "../config/tree.js";
import { implementBuiltins } from "../implementations.js";
import { Language } from "../language.js";
import { loadCode, registry as globalRegistry, type Registry } from "../registry/index.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { fixRandomSeed } from "../util/random.js";
import type { Reader } from "./reader-types.js";

/** Examples spaCy initializes from when the training corpus is streamed. */
const STREAMED_SAMPLE = 100;

export interface ConfigSource {
  /** Files that register functions (--code). */
  code?: readonly string[];
  overrides?: Overrides;
  registry?: Registry;
}

/** Read a config file with its overrides and fill it; the registry has the built-ins and the --code files. */
export async function readFilledConfig(configPath: string, options: ConfigSource): Promise<{ config: Section; registry: Registry }> {
  const registry = implementBuiltins(options.registry ?? globalRegistry);
  for (const file of options.code ?? []) await loadCode(file, registry);
  return { config: fillThenOverride(configPath, registry, options.overrides), registry };
}

/**
 * Read and fill the config, then apply the overrides: a partial config (without [paths])
 * still takes --paths.train, because the defaults are filled in first.
 */
export function fillThenOverride(configPath: string, registry: Registry, overrides: Overrides = {}): Section {
  const { tree, source } = readConfig(configPath);
  const filled = fillConfig(tree, registry, { source }).config;
  applyOverrides(filled, overrides);
  return fillAndValidate(filled, registry, { source }).config;
}

export async function initPipelineFromConfig(config: Section, registry: Registry): Promise<Language> {
  const resolved = interpolate(config);
  const training = isSection(resolved.training) ? resolved.training : {};
  if (typeof training.seed === "number") fixRandomSeed(training.seed);
  const nlp = Language.fromConfig(config, { registry, autoFill: false });
  const trainCorpus = training.train_corpus;
  if (typeof trainCorpus !== "string") {
    throw new TsnlpError(
      "E_CONFIG_INVALID",
      `training.train_corpus should be a dot-notation string naming the corpus's section (e.g. "corpora.train"), not ${JSON.stringify(trainCorpus ?? null)}.`,
    );
  }
  const reader = corpusReader(resolved, registry, trainCorpus);
  const streamed = training.max_epochs === -1;
  const examples: Example[] = [];
  for await (const eg of reader(nlp)) {
    examples.push(eg);
    if (streamed && examples.length >= STREAMED_SAMPLE) break;
  }
  if (examples.length === 0) {
    throw new TsnlpError("E_EMPTY_CORPUS", `The training corpus (${trainCorpus}) is empty: it gave no examples.`, {
      hint: "Check [paths] train (or --paths.train): it must name .spacy files (from `tsnlp convert`) that hold documents.",
    });
  }
  const frozen = (Array.isArray(training.frozen_components) ? training.frozen_components : []) as string[];
  const restore = nlp.selectPipes({ disable: frozen.filter((name) => nlp.hasPipe(name)) });
  try {
    nlp.initialize(() => examples);
  } finally {
    restore();
  }
  return nlp;
}

/** The reader a dotted config path (training.train_corpus or dev_corpus) names. */
export function corpusReader(config: Section, registry: Registry, dotted: string): Reader {
  const path = dotted.split(".");
  const block = getPath(config, path);
  if (!isSection(block)) {
    throw new TsnlpError("E_CONFIG_NO_CORPUS", `The config names '${dotted}' as a corpus, but it has no [${dotted}] block.`, {
      hint: `Add a [${dotted}] block (e.g. @readers = "spacy.Corpus.v1" with path = \${paths.train}) or point training.train_corpus / dev_corpus at one.`,
    });
  }
  return resolveConfig(block, registry, path) as unknown as Reader;
}
