import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { TsnlpError } from "../util/errors.js";
import { compareCodePoints } from "../tokens/docbin-strings.js";

/**
 * The corpus files at `path` (spaCy's walk_corpus, spacy/training/corpus.py): the file itself,
 * or every file with the extension under the folder, searched recursively, skipping hidden files
 * and folders, sorted as Python sorts paths (folder by folder, by code point).
 */
export function walkCorpus(path: string, extension: string, what: string): string[] {
  const stats = statOrFail(path, extension, what);
  if (!stats.isDirectory()) {
    if (path.endsWith(extension)) return [path];
    throw new TsnlpError("E_CORPUS_FILE_TYPE", `The ${what} ${path} is not a ${extension} file.`, {
      file: path,
      hint: `Give a ${extension} file or a folder of them${extension === ".spacy" ? "; convert other formats with tsnlp convert" : ""}.`,
    });
  }
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const child = join(dir, name);
      if (statSync(child).isDirectory()) visit(child);
      else if (name.endsWith(extension)) found.push(child);
    }
  };
  visit(path);
  if (found.length === 0) {
    throw new TsnlpError("E_CORPUS_EMPTY", `The folder ${path} has no ${extension} files (hidden files and folders are skipped).`, {
      file: path,
      hint: `Put the ${what}'s ${extension} files in it, or give the path of one.`,
    });
  }
  const parts = new Map(found.map((file) => [file, relative(path, file).split(sep)]));
  return found.sort((a, b) => comparePathParts(parts.get(a)!, parts.get(b)!));
}

function comparePathParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareCodePoints(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function statOrFail(path: string, extension: string, what: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      throw new TsnlpError("E_CORPUS_NOT_FOUND", `The ${what} ${path} does not exist.`, {
        file: path,
        hint: `Check the path (relative paths start from the current folder); it should be a ${extension} file or a folder of them.`,
      });
    }
    throw error;
  }
}
