/**
 * [initialize] vectors = "path/to/pipeline": load the vectors table of a saved pipeline (what
 * `tsnlp init vectors` writes) into nlp.vocab before the components initialize, as spaCy's
 * load_vectors_into_model does (spacy/training/initialize.py v3.5.4). Only the vocab's vectors
 * are read; spaCy loads the whole pipeline into the same vocab for the same effect.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Language } from "../language.js";
import { Vectors } from "../tokens/vectors.js";
import { hasVectorsFolder } from "../tokens/vectors-disk.js";
import { TsnlpError } from "../util/errors.js";

export interface LoadVectorsOptions {
  /** Where a table without words is reported (spaCy's warning W112); process.emitWarning by default. */
  warn?: (message: string) => void;
}

export function loadVectorsFrom(nlp: Language, path: string, options: LoadVectorsOptions = {}): Vectors {
  const dir = resolve(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new TsnlpError("E_VECTORS_NOT_FOUND", `The vectors to initialize with (initialize.vectors = "${path}") do not exist.`, {
      file: path,
      hint: "Give the folder that `tsnlp init vectors LANG VECTORS_FILE OUTPUT_DIR` wrote (OUTPUT_DIR), or set initialize.vectors = null.",
    });
  }
  const vocabDir = join(dir, "vocab");
  if (!isDir || !existsSync(join(dir, "config.cfg"))) {
    throw new TsnlpError("E_VECTORS_NOT_FOUND", `initialize.vectors = "${path}" is not a pipeline folder.`, {
      file: path,
      hint: isDir
        ? "Give the folder that `tsnlp init vectors` wrote (it holds config.cfg and vocab/), not a folder above or inside it."
        : "Give the folder that `tsnlp init vectors` wrote, not the vectors file itself: convert the file first with `tsnlp init vectors LANG FILE OUTPUT_DIR`.",
    });
  }
  const vectors = hasVectorsFolder(vocabDir) ? Vectors.fromDisk(vocabDir) : new Vectors();
  if (vectors.nKeys === 0) {
    const message = `The model specified to use for initial vectors (${path}) has no vectors. This is almost certainly a mistake.`;
    if (options.warn) options.warn(message);
    else process.emitWarning(message, { code: "W112" });
  }
  nlp.vocab.vectors = vectors;
  return vectors;
}
