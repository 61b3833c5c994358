/**
 * The raw-text corpus that [pretraining] corpus names (spaCy's default: spacy.JsonlCorpus.v1
 * over {"text": ...} lines). A plain-text file, one document per line, is accepted in the same
 * block: when the path is a .txt file, another file whose first line is not a JSON object, or a
 * folder without .jsonl files, its lines are read as texts with the JSONL reader's rules
 * (min_length, max_length, limit).
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { resolveConfig } from "../../config/resolve.js";
import { getPath, isSection, promiseInfo, type Section } from "../../config/tree.js";
import type { Registry } from "../../registry/registry.js";
import { Doc } from "../../tokens/doc.js";
import { Example } from "../../tokens/example.js";
import { TsnlpError } from "../../util/errors.js";
import { walkCorpus } from "../corpus-files.js";
import { readLines } from "../corpus-lines.js";
import type { Reader, ReaderNlp } from "../reader-types.js";

const JSONL_READER = "spacy.JsonlCorpus.v1";

/** The reader of the corpus block at the dotted path (e.g. "corpora.pretrain") of an interpolated config. */
export function pretrainCorpus(config: Section, registry: Registry, dotted: string): Reader {
  const path = dotted.split(".");
  const block = getPath(config, path);
  if (!isSection(block)) {
    throw new TsnlpError("E_CONFIG_NO_CORPUS", `pretraining.corpus names '${dotted}', but the config has no [${dotted}] block.`, {
      hint: `Add [${dotted}] with @readers = "${JSONL_READER}" and path = \${paths.raw_text} (tsnlp init fill-config --pretraining writes it).`,
    });
  }
  if (promiseInfo(block)?.name !== JSONL_READER) return resolveConfig(block, registry, path) as unknown as Reader;
  const file = block.path;
  if (typeof file !== "string" || file === "") {
    throw new TsnlpError("E_CORPUS_PATH_MISSING", `The pretraining corpus [${dotted}] has no path (it is ${JSON.stringify(file ?? null)}).`, {
      hint: 'Give the raw text on the command line, e.g. --paths.raw_text texts.jsonl (JSONL with a "text" per line, or a .txt file with one document per line).',
    });
  }
  if (!existsSync(file)) {
    throw new TsnlpError("E_CORPUS_NOT_FOUND", `The pretraining corpus ${file} does not exist.`, {
      file,
      hint: "Check [paths] raw_text (or --paths.raw_text): it should be a .jsonl or .txt file, or a folder of them.",
    });
  }
  if (!isPlainText(file)) return resolveConfig(block, registry, path) as unknown as Reader;
  const options = { minLength: Number(block.min_length ?? 0), maxLength: Number(block.max_length ?? 0), limit: Number(block.limit ?? 0) };
  return (nlp) => readTextLines(file, nlp, options);
}

/** Whether a corpus path holds plain text rather than JSONL. */
export function isPlainText(path: string): boolean {
  if (statSync(path).isDirectory()) return !hasFileEnding(path, ".jsonl");
  if (path.endsWith(".jsonl")) return false;
  if (path.endsWith(".txt")) return true;
  return !firstLineIsJsonObject(path);
}

function hasFileEnding(dir: string, ending: string): boolean {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const child = join(dir, name);
    if (statSync(child).isDirectory() ? hasFileEnding(child, ending) : name.endsWith(ending)) return true;
  }
  return false;
}

function firstLineIsJsonObject(path: string): boolean {
  const start = readStart(path)
    .split(/\r\n|\r|\n/)
    .find((line) => line.trim() !== "");
  if (start === undefined || !start.trimStart().startsWith("{")) return false;
  try {
    return typeof JSON.parse(start) === "object";
  } catch {
    return false;
  }
}

function readStart(path: string): string {
  const buffer = Buffer.alloc(64 * 1024);
  const fd = openSync(path, "r");
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

interface TextLineOptions {
  minLength: number;
  maxLength: number;
  limit: number;
}

/** One doc per non-blank line, with spacy.JsonlCorpus.v1's length rules (max_length excluded) and limit. */
async function* readTextLines(path: string, nlp: ReaderNlp, options: TextLineOptions): AsyncGenerator<Example> {
  const { minLength, maxLength, limit } = options;
  let count = 0;
  const files = statSync(path).isDirectory() ? walkCorpus(path, ".txt", "plain text corpus") : [path];
  for (const file of files) {
    for await (const line of readLines(file)) {
      if (line.text.trim() === "") continue;
      const doc = nlp.makeDoc(line.text);
      if (minLength >= 1 && doc.length < minLength) continue;
      if (maxLength >= 1 && doc.length >= maxLength) continue;
      yield new Example(doc, new Doc(nlp.vocab, { words: doc.words, spaces: [...doc.spaces] }));
      count++;
      if (limit >= 1 && count >= limit) return;
    }
  }
}
