/**
 * The inputs of `tsnlp apply`: which files a data path names, and the texts or docs each holds.
 * spaCy's apply (spacy/cli/apply.py, v3.5.4) reads .spacy files as docs, .jsonl files as one
 * text per line under a key, and any other file as one text; here .txt files hold one text per
 * line and other extensions are not read.
 */
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { compareCodePoints } from "../tokens/docbin-strings.js";
import type { Doc } from "../tokens/doc.js";
import { DocBin } from "../tokens/docbin.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { readLines } from "./corpus-lines.js";

export type ApplyFileKind = "spacy" | "jsonl" | "txt";

export const APPLY_EXTENSIONS: Readonly<Record<string, ApplyFileKind>> = { ".spacy": "spacy", ".jsonl": "jsonl", ".txt": "txt" };

export function applyFileKind(path: string): ApplyFileKind | undefined {
  return APPLY_EXTENSIONS[extname(path).toLowerCase()];
}

/**
 * spaCy's walk_directory (spacy/cli/_util.py): the path itself when it is a file, else every
 * file under the folder, recursively, skipping names that start with a dot, sorted as Python
 * sorts paths (part by part, by code point).
 */
export function walkDirectory(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const found: string[][] = [];
  const visit = (dir: string, parts: string[]) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const child = join(dir, name);
      if (statSync(child).isDirectory()) visit(child, [...parts, name]);
      else found.push([...parts, name]);
    }
  };
  visit(path, []);
  found.sort(compareParts);
  return found.map((parts) => join(path, ...parts));
}

function compareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareCodePoints(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/** The docs of a .spacy file, their strings added to the pipeline's vocab. */
export function* docBinDocs(path: string, vocab: Vocab): Generator<Doc> {
  yield* DocBin.fromDisk(path).getDocs(vocab);
}

/** The `key` string of each JSON object line of a .jsonl file; blank lines are skipped, as srsly.read_jsonl skips them. */
export async function* jsonlTexts(path: string, key: string): AsyncGenerator<string> {
  for await (const line of readLines(path)) {
    if (line.text.trim() === "") continue;
    let record: unknown;
    try {
      record = JSON.parse(line.text);
    } catch (error) {
      throw new TsnlpError("E_JSONL_LINE", `Line ${line.number} of ${path} is not valid JSON (${(error as Error).message}).`, {
        file: path,
        line: line.number,
        hint: `Each line of a .jsonl file is one JSON object such as {"${key}": "..."}.`,
      });
    }
    const isObject = typeof record === "object" && record !== null && !Array.isArray(record);
    if (!isObject || !(key in (record as object))) {
      throw new TsnlpError("E_APPLY_TEXT_KEY", `${path} does not contain the required '${key}' field (line ${line.number}).`, {
        file: path,
        line: line.number,
        hint: "Give the key that holds the text with --text-key.",
      });
    }
    const text = (record as Record<string, unknown>)[key];
    if (typeof text !== "string") {
      throw new TsnlpError("E_APPLY_TEXT_KEY", `The '${key}' field on line ${line.number} of ${path} is not a string.`, { file: path, line: line.number });
    }
    yield text;
  }
}

/** One text per line of a .txt file; empty lines are skipped. */
export async function* textLines(path: string): AsyncGenerator<string> {
  for await (const line of readLines(path)) if (line.text.trim() !== "") yield line.text;
}
