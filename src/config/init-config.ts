import type { Registry } from "../registry/registry.js";
import { type FillResult, fillAndValidate } from "./fill.js";
import { parseIni } from "./ini.js";
import { type Optimize, renderConfigTemplate } from "./template.js";

export interface InitConfigOptions {
  lang?: string;
  pipeline?: string[];
  optimize?: Optimize;
  gpu?: boolean;
  pretraining?: boolean;
}

export const INIT_CONFIG_DEFAULTS = { lang: "en", pipeline: ["tagger", "parser", "ner"], optimize: "efficiency" as Optimize, gpu: false, pretraining: false };

/**
 * A complete training config for a language and pipeline, as `spacy init config` writes it:
 * the template rendered for the options, then filled with every default and validated.
 */
export function initConfig(registry: Registry, options: InitConfigOptions = {}): FillResult {
  const settings = { ...INIT_CONFIG_DEFAULTS, ...options };
  const text = renderConfigTemplate({ lang: settings.lang, pipeline: settings.pipeline, optimize: settings.optimize, gpu: settings.gpu });
  const { tree, source } = parseIni(text, "<init config template>");
  return fillAndValidate(tree, registry, { pretraining: settings.pretraining, source });
}
