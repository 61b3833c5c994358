import { argInfo } from "../registry/declare.js";
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { defaultConfig, defaultPretrainingConfig } from "./defaults.js";
import { findFactory, langOf } from "./factories.js";
import { interpolate } from "./interpolate.js";
import { type ConfigIssue, ConfigValidationError } from "./issues.js";
import { mergeDefaults } from "./merge.js";
import { combineScoreWeights, type ScoreWeights } from "./score-weights.js";
import type { SourceMap } from "./source.js";
import { type Section, type Value, cloneValue, isSection, promiseInfo } from "./tree.js";
import { validateConfig } from "./validate.js";

export interface FillOptions {
  /** Add spaCy's [pretraining] defaults and [corpora.pretrain]. */
  pretraining?: boolean;
  source?: SourceMap;
}

export interface FillResult {
  /** The filled config, references still written as `${...}`. */
  config: Section;
  /** Errors and warnings of the filled config. */
  issues: ConfigIssue[];
}

/**
 * Fill a config as `spacy init fill-config` does: the built-in defaults, each
 * component's factory defaults, each function block's missing arguments from its
 * declaration, and the combined, normalized score weights. Then validate the result.
 */
export function fillConfig(config: Section, registry: Registry, options: FillOptions = {}): FillResult {
  let filled = mergeDefaults(defaultConfig(), config);
  if (options.pretraining) filled = mergeDefaults(defaultPretrainingConfig(), filled);
  fillComponents(filled, registry);
  fillFunctionArgs(filled, registry);
  const resolved = fillScoreWeights(filled, registry, options.source);
  const issues = validateConfig(resolved, registry);
  return { config: filled, issues };
}

/** Fill and throw a ConfigValidationError listing every error (warnings pass). */
export function fillAndValidate(config: Section, registry: Registry, options: FillOptions = {}): FillResult {
  const result = fillConfig(config, registry, options);
  if (result.issues.some((item) => item.severity === "error")) {
    throw new ConfigValidationError(result.issues, { file: options.source?.file, tree: result.config, source: options.source });
  }
  return result;
}

function fillComponents(config: Section, registry: Registry): void {
  const components = config.components;
  if (!isSection(components)) return;
  for (const [name, block] of Object.entries(components)) {
    if (!isSection(block) || typeof block.factory !== "string") continue;
    const decl = findFactory(registry, block.factory, langOf(config));
    if (!decl) continue;
    const merged = mergeDefaults(cloneValue(decl.defaultConfig as Section), block);
    // spaCy writes a component's settings as `factory` first, then alphabetically.
    const ordered: Section = { factory: merged.factory as Value };
    for (const key of Object.keys(merged).sort()) if (key !== "factory") ordered[key] = merged[key] as Value;
    components[name] = ordered;
  }
}

function fillFunctionArgs(value: Value, registry: Registry): void {
  if (Array.isArray(value)) {
    for (const item of value) fillFunctionArgs(item, registry);
    return;
  }
  if (!isSection(value)) return;
  const info = promiseInfo(value);
  if (info?.registry && info.registry !== "factories" && typeof info.name === "string") {
    const decl = registry.find(info.registry, info.name);
    if (decl) {
      for (const arg of argInfo(decl.args)) {
        if (!Object.hasOwn(value, arg.name) && Object.hasOwn(arg, "default")) value[arg.name] = arg.default as Value;
      }
    }
  }
  for (const item of Object.values(value)) fillFunctionArgs(item, registry);
}

/** Set the combined score weights in the config; returns the interpolated config, which validation reuses. */
function fillScoreWeights(config: Section, registry: Registry, source?: SourceMap): Section {
  // Names and weights may be written as references: read them from the interpolated config.
  const resolved = interpolate(config, source);
  const training = resolved.training;
  const components = resolved.components;
  const pipeline = isSection(resolved.nlp) ? resolved.nlp.pipeline : undefined;
  if (!isSection(config.training) || !isSection(training) || !isSection(components) || !Array.isArray(pipeline)) return resolved;
  const weights: ScoreWeights[] = [];
  for (const name of pipeline) {
    const block = typeof name === "string" ? components[name] : undefined;
    const factory = isSection(block) ? block.factory : undefined;
    const decl = typeof factory === "string" ? findFactory(registry, factory, langOf(resolved)) : undefined;
    if (decl && Object.keys(decl.defaultScoreWeights).length > 0) weights.push(decl.defaultScoreWeights);
  }
  const previous = training.score_weights ?? {};
  if (!isSection(previous)) {
    throw new TsnlpError("E_CONFIG_INVALID", "training.score_weights must be a section of score names and weights.", { file: source?.file });
  }
  // Values that are not numbers are kept as they are, for validation to report with their path.
  const combined = combineScoreWeights(weights, previous as ScoreWeights) as Section;
  config.training.score_weights = combined;
  training.score_weights = cloneValue(combined);
  return resolved;
}
