/**
 * JSON and JSONL files as spaCy writes them through srsly (ujson): no space after colons,
 * non-ASCII characters escaped, slashes left alone. Writing the same bytes keeps a folder
 * saved here byte-identical to one spaCy saves. Reading JSONL names the file and line of a
 * bad line.
 */
import { readTextFile } from "../util/io.js";
import { TsnlpError } from "../util/errors.js";

/** srsly.json_dumps(value, indent): compact when indent is 0, else one item per line. */
export function srslyJson(value: unknown, indent = 0): string {
  return format(value, indent, "");
}

/** The text of a JSONL file: one compact JSON value per line, each line ending in a newline. */
export function srslyJsonl(values: Iterable<unknown>): string {
  let out = "";
  for (const value of values) out += `${srslyJson(value)}\n`;
  return out;
}

function format(value: unknown, indent: number, pad: string): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  const inner = pad + " ".repeat(indent);
  const open = (items: string[], left: string, right: string) => {
    if (indent === 0) return left + items.join(",") + right;
    // ujson leaves a blank line inside an empty container when indenting.
    if (items.length === 0) return `${left}\n\n${pad}${right}`;
    return `${left}\n${inner}${items.join(`,\n${inner}`)}\n${pad}${right}`;
  };
  if (Array.isArray(value))
    return open(
      value.map((item) => format(item, indent, inner)),
      "[",
      "]",
    );
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  return open(
    entries.map(([key, item]) => `${quote(key)}:${format(item, indent, inner)}`),
    "{",
    "}",
  );
}

function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text[i]!;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** One value of a JSONL text with its 1-based line number. */
export interface JsonlLine {
  value: unknown;
  line: number;
}

/**
 * The values of a JSONL text, one per non-blank line (srsly.read_jsonl). A line that is not
 * JSON is an error naming `path` and the line.
 */
export function parseJsonl(text: string, path: string, what = "JSONL file"): JsonlLine[] {
  const values: JsonlLine[] = [];
  text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === "") return;
      try {
        values.push({ value: JSON.parse(line), line: index + 1 });
      } catch (error) {
        const shown = line.length > 80 ? `${line.slice(0, 77)}...` : line;
        throw new TsnlpError("E_JSONL_LINE", `Line ${index + 1} of the ${what} ${path} is not valid JSON (${(error as Error).message}): ${shown}`, {
          file: path,
          line: index + 1,
          hint: "Each line of a JSONL file must hold one complete JSON value; blank lines are skipped.",
        });
      }
    });
  return values;
}

/** The values of a JSONL file (srsly.read_jsonl), with file and line in any error. */
export function readJsonlFile(path: string, what = "JSONL file"): unknown[] {
  return parseJsonl(readTextFile(path, what), path, what).map(({ value }) => value);
}
