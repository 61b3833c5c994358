import { TsnlpError } from "../util/errors.js";
import { exists, readTextFile } from "../util/io.js";

/**
 * spacy.read_labels.v1 (spacy/training/corpus.py): a component's labels from the JSON file that
 * `init labels` writes; null when the file is absent and not required, so labels come from the data.
 */
export function readLabels(path: string, options: { require?: boolean } = {}): unknown {
  if (!options.require && !exists(path)) return null;
  const text = readTextFile(path, "labels file");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TsnlpError("E_LABELS_JSON", `The labels file ${path} is not valid JSON (${(error as Error).message}).`, {
      file: path,
      hint: "Write it again with `init labels`, or fix the JSON.",
    });
  }
}
