import { extname } from "node:path";
import { readTextFile } from "../util/io.js";
import { type Parsed, parseIni, writeIni } from "./ini.js";
import { interpolate } from "./interpolate.js";
import { type Overrides, applyOverrides, overridesFromEnv } from "./overrides.js";
import { parseToml, writeToml } from "./toml.js";
import type { Section } from "./tree.js";

export type ConfigFormat = "cfg" | "toml";

export function formatOf(path: string): ConfigFormat {
  return extname(path).toLowerCase() === ".toml" ? "toml" : "cfg";
}

export function parseConfig(text: string, options: { format?: ConfigFormat; file?: string } = {}): Parsed {
  return (options.format ?? "cfg") === "toml" ? parseToml(text, options.file) : parseIni(text, options.file);
}

export function configToString(tree: Section, format: ConfigFormat = "cfg"): string {
  return `${format === "toml" ? writeToml(tree) : writeIni(tree)}\n`;
}

export interface ReadConfigOptions {
  /** Overrides from the command line; applied after those from the environment. */
  overrides?: Overrides;
  /** Read TSNLP_CONFIG_OVERRIDES (default true). */
  env?: boolean;
  format?: ConfigFormat;
}

/**
 * Read a config file ("-" for standard input) and apply overrides, before interpolation.
 * The tree still holds `${...}` references; `interpolate` resolves them.
 */
export function readConfig(path: string, options: ReadConfigOptions = {}): Parsed {
  const text = readTextFile(path, "config file");
  const file = path === "-" ? "<stdin>" : path;
  const format = options.format ?? (path === "-" ? sniffFormat(text) : formatOf(path));
  const parsed = parseConfig(text, { format, file });
  if (options.env !== false) applyOverrides(parsed.tree, overridesFromEnv(), "environment variable TSNLP_CONFIG_OVERRIDES");
  if (options.overrides) applyOverrides(parsed.tree, options.overrides);
  return parsed;
}

/** Standard input has no extension: TOML quotes its function keys, the INI dialect does not. */
function sniffFormat(text: string): ConfigFormat {
  return /^\s*"@\w+"\s*=/m.test(text) && !/^\s*@\w+\s*=/m.test(text) ? "toml" : "cfg";
}

/** Read, override and interpolate in one step. */
export function loadConfig(path: string, options: ReadConfigOptions = {}): Section {
  const { tree, source } = readConfig(path, options);
  return interpolate(tree, source);
}
