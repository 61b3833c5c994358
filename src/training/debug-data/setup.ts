/**
 * What debug data needs from a config: the filled config, the pipeline's components with their
 * factories and settings, the training settings it reads, and a Language object for the
 * tokenizer and the components tsnlp can build. A component whose factory or model tsnlp does
 * not implement yet is still analysed (its data checks need only the factory name and
 * settings); it is left out of the Language object, so initialization is not tried.
 */
import { fillAndValidate } from "../../config/fill.js";
import { findFactory } from "../../config/factories.js";
import { interpolate } from "../../config/interpolate.js";
import { readConfig } from "../../config/load.js";
import type { Overrides } from "../../config/overrides.js";
import { cloneValue, isSection, promiseInfo, type Section, type Value } from "../../config/tree.js";
import { Language } from "../../language.js";
import type { Registry } from "../../registry/registry.js";

export interface ComponentInfo {
  name: string;
  /** The factory named in [components.NAME]; null for a component sourced from another pipeline. */
  factory: string | null;
  /** The interpolated settings of [components.NAME]. */
  settings: Section;
  /** Sourced from another pipeline ("source = ..."): spaCy then counts it as already trained. */
  sourced: boolean;
  /** Why tsnlp cannot build it yet (the functions it lacks), or null when it is built. */
  unavailable: string | null;
}

export interface DebugDataSetup {
  /** The filled config, references kept. */
  config: Section;
  /** The interpolated config. */
  resolved: Section;
  lang: string;
  /** Enabled components in pipeline order. */
  components: ComponentInfo[];
  /** training.frozen_components */
  frozen: string[];
  /** The dotted config paths of the training and evaluation corpora (training.train_corpus, dev_corpus). */
  trainCorpus: string;
  devCorpus: string;
  /** Tokenizer and buildable components. */
  nlp: Language;
}

export interface SetupOptions {
  overrides?: Overrides;
  registry: Registry;
}

/** Read, override, fill and validate the config, and build what can be built (spacy/cli/debug_data.py does the same with load_model_from_config). */
export function setUpDebugData(configPath: string, options: SetupOptions): DebugDataSetup {
  const { registry } = options;
  const { tree, source } = readConfig(configPath, { overrides: options.overrides });
  const config = fillAndValidate(tree, registry, { source }).config;
  const resolved = interpolate(config, source);
  const nlpBlock = isSection(resolved.nlp) ? resolved.nlp : {};
  const lang = typeof nlpBlock.lang === "string" ? nlpBlock.lang : "";
  const disabled = new Set(stringList(nlpBlock.disabled));
  const blocks = isSection(resolved.components) ? resolved.components : {};
  const components = stringList(nlpBlock.pipeline)
    .filter((name) => !disabled.has(name))
    .map((name) => describeComponent(name, blocks[name], lang, registry));
  const training = isSection(resolved.training) ? resolved.training : {};
  const buildable = components.filter((component) => component.unavailable === null).map((component) => component.name);
  const nlp = Language.fromConfig(withPipeline(config, buildable), { registry, autoFill: false });
  return {
    config,
    resolved,
    lang,
    components,
    frozen: stringList(training.frozen_components),
    trainCorpus: typeof training.train_corpus === "string" ? training.train_corpus : "corpora.train",
    devCorpus: typeof training.dev_corpus === "string" ? training.dev_corpus : "corpora.dev",
    nlp,
  };
}

function describeComponent(name: string, block: Value | undefined, lang: string, registry: Registry): ComponentInfo {
  const settings = isSection(block) ? block : {};
  const factory = typeof settings.factory === "string" ? settings.factory : null;
  const sourced = typeof settings.source === "string" && factory === null;
  let unavailable: string | null = null;
  if (sourced) unavailable = "sourcing components from another pipeline is not supported yet";
  else if (factory !== null) {
    const decl = findFactory(registry, factory, lang);
    const missing = decl?.build ? missingFunctions(settings, registry) : [`factory '${factory}'`];
    if (missing.length > 0) unavailable = `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not available yet in this version of tsnlp`;
  }
  return { name, factory, settings, sourced, unavailable };
}

/** The registered functions in a component's settings that are declared but not implemented. */
function missingFunctions(value: Value, registry: Registry): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => missingFunctions(item, registry));
  if (!isSection(value)) return [];
  const inner = Object.values(value).flatMap((item) => missingFunctions(item, registry));
  const info = promiseInfo(value);
  if (!info?.registry || info.registry === "factories" || typeof info.name !== "string") return inner;
  const decl = registry.find(info.registry, info.name);
  return decl && !decl.build ? [...inner, `'${info.name}'`] : inner;
}

/** The config with only these components in [nlp] pipeline (and disabled). */
function withPipeline(config: Section, names: readonly string[]): Section {
  const copy = cloneValue(config);
  const nlpBlock: Section = isSection(copy.nlp) ? copy.nlp : {};
  copy.nlp = nlpBlock;
  nlpBlock.pipeline = [...names];
  nlpBlock.disabled = [];
  return copy;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The components made by one of these factories. */
export function componentsOf(setup: Pick<DebugDataSetup, "components">, factories: readonly string[]): ComponentInfo[] {
  return setup.components.filter((component) => component.factory !== null && factories.includes(component.factory));
}
