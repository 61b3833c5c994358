import { Interp, isSection, type Value } from "./tree.js";

/**
 * Parse one `key = value` right-hand side as spaCy does: JSON first, then a plain string.
 * Text holding `${...}` or `$$` stays raw (an Interp) until the config is interpolated.
 */
export function parseValue(text: string): Value {
  const trimmed = text.trim();
  if (trimmed.includes("$")) return new Interp(trimmed);
  return parseJsonOrString(trimmed);
}

const NON_FINITE: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, "-Infinity": Number.NEGATIVE_INFINITY };

export function parseJsonOrString(text: string): Value {
  if (text === "") return "";
  if (text in NON_FINITE) return NON_FINITE[text] as number;
  try {
    return JSON.parse(text) as Value;
  } catch {
    return text;
  }
}

/** How a leaf or inline value is written after `key = `: compact JSON, as spaCy's classic output. */
export function dumpValue(value: Value): string {
  if (value instanceof Interp) return value.raw;
  if (typeof value === "string") return JSON.stringify(escapeDollars(value));
  if (typeof value === "number") return dumpNumber(value);
  if (Array.isArray(value)) return `[${value.map(dumpValue).join(",")}]`;
  if (isSection(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}:${dumpValue(item)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A literal `$` in a plain string is written `$$`, so that reading it back does not interpolate. */
function escapeDollars(text: string): string {
  return text.replaceAll("$", "$$$$");
}

function dumpNumber(value: number): string {
  if (!Number.isFinite(value)) {
    // JSON has no infinities; Python's json (which spaCy uses) writes them so.
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  return String(value);
}
