/**
 * Language.initialize (spacy/language.py and spacy/training/initialize.py, v3.5.4): run the
 * [initialize] block: before_init, each component's initialize in pipeline order with its
 * [initialize.components.NAME] settings, after_init; then make the optimizer from
 * [training] optimizer unless one is given.
 */
import { resolveConfig } from "../config/resolve.js";
import { isSection, type Section } from "../config/tree.js";
import type { Optimizer } from "../ml/model.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import type { Language } from "../language.js";
import { loadVectorsFrom } from "./vectors.js";
import { initTok2vec } from "../training/pretrain/init-tok2vec.js";

export interface InitializePipelineOptions {
  /** Use this optimizer instead of building [training] optimizer. */
  sgd?: Optimizer;
}

type Callback = (nlp: Language) => unknown;

export function initializePipeline(nlp: Language, getExamples: () => Iterable<Example>, options: InitializePipelineOptions): Optimizer {
  const config = nlp.interpolatedConfig();
  const init = isSection(config.initialize) ? config.initialize : {};
  const resolved = resolveConfig(init, nlp.registry, ["initialize"]);
  runCallback(resolved.before_init, "before_init", nlp);
  // Before the components, so that layers using static vectors take their width from them (spaCy's init_vocab).
  if (typeof resolved.vectors === "string") loadVectorsFrom(nlp, resolved.vectors);
  const componentSettings = (isSection(resolved.components) ? resolved.components : {}) as Record<string, Record<string, unknown>>;
  for (const [name, component] of nlp.pipeline) {
    const settings = componentSettings[name] ?? {};
    const labels = settings.labels ?? undefined;
    component.initialize(getExamples, { nlp, labels: labels === null ? undefined : labels, settings });
  }
  // After the components' initialize, so the tok2vec's shapes are known (spaCy's init_tok2vec).
  if (typeof resolved.init_tok2vec === "string") initTok2vec(nlp, resolved.init_tok2vec, config);
  runCallback(resolved.after_init, "after_init", nlp);
  return options.sgd ?? buildOptimizer(nlp, config);
}

function runCallback(callback: unknown, key: string, nlp: Language): void {
  if (callback === null || callback === undefined) return;
  if (typeof callback !== "function") {
    throw new TsnlpError("E_CONFIG_INVALID", `initialize.${key} must be a registered callback (a function), not ${JSON.stringify(callback)}.`);
  }
  (callback as Callback)(nlp);
}

function buildOptimizer(nlp: Language, config: Section): Optimizer {
  const training = isSection(config.training) ? config.training : {};
  const block = training.optimizer;
  if (!isSection(block)) {
    throw new TsnlpError("E_CONFIG_INVALID", "The config has no [training.optimizer] block.", { hint: 'Add [training.optimizer] with @optimizers = "Adam.v1".' });
  }
  return resolveConfig(block, nlp.registry, ["training", "optimizer"]) as unknown as Optimizer;
}
