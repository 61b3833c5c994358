import { parse, stringify, TomlError } from "smol-toml";
import { TsnlpError } from "../util/errors.js";
import { SourceMap } from "./source.js";
import type { Parsed } from "./ini.js";
import { Interp, type Section, type Value, isSection } from "./tree.js";

/**
 * TOML has no null: tsnlp writes null as the string "null" and reads that string back as
 * null. References live inside strings: `"${a.b}"` alone keeps the referenced type, as an
 * unquoted `${a.b}` does in the INI dialect; `"x/${a.b}"` is string substitution.
 */
export const TOML_NULL = "null";

export function parseToml(text: string, file?: string): Parsed {
  let raw: Record<string, unknown>;
  try {
    raw = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TomlError) {
      throw new TsnlpError("E_CONFIG_SYNTAX", `TOML syntax error: ${error.message.split("\n")[0]}`, { file, line: error.line, cause: error });
    }
    throw error;
  }
  const tree = fromToml(raw) as Section;
  for (const [key, value] of Object.entries(tree)) {
    if (!isSection(value)) throw new TsnlpError("E_CONFIG_SYNTAX", `Top-level key '${key}' is not a table; a config holds only tables at the top.`, { file });
  }
  return { tree, source: new SourceMap(file) };
}

function fromToml(value: unknown): Value {
  if (value === TOML_NULL) return null;
  if (typeof value === "string") return value.includes("$") ? new Interp(tomlStringToRaw(value)) : value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromToml);
  if (value !== null && typeof value === "object") {
    const out: Section = {};
    for (const [key, item] of Object.entries(value)) out[key] = fromToml(item);
    return out;
  }
  return value as Value;
}

/** A TOML string holding a reference means what the same text means unquoted (whole ref) or quoted (inside text). */
function tomlStringToRaw(text: string): string {
  return /^\$\{[^}]+\}$/.test(text) ? text : JSON.stringify(text);
}

function toToml(value: Value): unknown {
  if (value === null) return TOML_NULL;
  if (value instanceof Interp) return rawToTomlString(value.raw);
  if (typeof value === "string") return value.replaceAll("$", "$$");
  if (Array.isArray(value)) return value.map(toToml);
  if (isSection(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = toToml(item);
    return out;
  }
  return value;
}

function rawToTomlString(raw: string): string {
  if (raw.startsWith('"') && raw.endsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw;
    }
  }
  return raw;
}

export function writeToml(tree: Section): string {
  return stringify(toToml(tree) as Record<string, unknown>).trim();
}
