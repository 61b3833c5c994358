/** The small side files of a conversion: the NER label map and the list of textcat labels. */
import { extname } from "node:path";
import { TsnlpError } from "../../util/errors.js";
import { readTextFile } from "../../util/io.js";

/** A JSON object of entity label renames ({"PERSON": "PER", "MISC": ""}). */
export function readNerMap(path: string): Record<string, string> {
  const value = parseJson(readTextFile(path, "NER map"), path);
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.values(value).some((label) => typeof label !== "string")) {
    throw new TsnlpError("E_NER_MAP", "The NER map must be a JSON object of label renames.", {
      file: path,
      hint: 'Write it as {"OLD_LABEL": "NEW_LABEL", ...}; map a label to "" to drop it.',
    });
  }
  return value as Record<string, string>;
}

/**
 * Every label, in order: a JSON list (BANKING77's categories.json), a JSON object of
 * {id: label}, or a text file with one label per line, whose line order gives the ids
 * (GoEmotions' labels.txt).
 */
export function readLabelList(path: string): string[] {
  const text = readTextFile(path, "label list");
  const labels = extname(path).toLowerCase() === ".json" ? jsonLabels(parseJson(text, path), path) : lineLabels(text, path);
  const seen = new Set<string>();
  for (const label of labels) {
    if (seen.has(label)) throw new TsnlpError("E_LABELS", `The label '${label}' is listed twice.`, { file: path });
    seen.add(label);
  }
  if (labels.length === 0) throw new TsnlpError("E_LABELS", "The label list is empty.", { file: path });
  return labels;
}

function jsonLabels(value: unknown, path: string): string[] {
  if (Array.isArray(value) && value.every((label) => typeof label === "string")) return value;
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.every(([id, label]) => /^\d+$/.test(id) && typeof label === "string")) {
      const byId = new Map(entries.map(([id, label]) => [Number(id), label as string]));
      const labels = Array.from({ length: byId.size }, (_, i) => byId.get(i));
      const gap = labels.indexOf(undefined);
      if (gap < 0) return labels as string[];
      throw new TsnlpError("E_LABELS", `The label list has no label for id ${gap}.`, { file: path, hint: "Ids count up from 0 without gaps." });
    }
  }
  throw new TsnlpError("E_LABELS", "A JSON label list must be a list of labels or an object of {id: label}.", {
    file: path,
    hint: 'Write it as ["label_a", "label_b"] or {"0": "label_a", "1": "label_b"}, or use a text file with one label per line.',
  });
}

function lineLabels(text: string, path: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines.at(-1) === "") lines.pop();
  const blank = lines.indexOf("");
  if (blank >= 0) {
    throw new TsnlpError("E_LABELS", "The label list has an empty line; the line order gives each label its id.", { file: path, line: blank + 1 });
  }
  return lines;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TsnlpError("E_JSON", `This is not valid JSON: ${(error as Error).message}`, { file: path });
  }
}
