import { Doc } from "../tokens/doc.js";
import { Example } from "../tokens/example.js";
import { spanToDoc } from "../tokens/example-span-doc.js";
import { TsnlpError } from "../util/errors.js";
import { requirePath } from "./corpus.js";
import { walkCorpus } from "./corpus-files.js";
import { readLines } from "./corpus-lines.js";
import type { Reader, ReaderNlp } from "./reader-types.js";

// Raw-text readers after spaCy v3.5.4's JsonlCorpus and PlainTextCorpus (spacy/training/corpus.py),
// including their length rules: JSONL skips docs of max_length tokens or more, plain text only
// docs longer than max_length. Unlike spaCy's JsonlCorpus, `limit` is honoured.

export interface JsonlCorpusOptions {
  /** Skip docs with fewer tokens; 0 for no limit. */
  minLength?: number;
  /** Skip docs with this many tokens or more; 0 for no limit. */
  maxLength?: number;
  /** Read at most this many docs; 0 for all. */
  limit?: number;
}

/** spacy.JsonlCorpus.v1: one `{"text": ...}` object per line of a .jsonl file (or of every .jsonl file under a folder). */
export function createJsonlReader(path: string | null, options: JsonlCorpusOptions = {}): Reader {
  const file = requirePath(path, "JSONL corpus");
  return (nlp) => readJsonl(file, nlp, options);
}

async function* readJsonl(path: string, nlp: ReaderNlp, options: JsonlCorpusOptions): AsyncGenerator<Example> {
  const { minLength = 0, maxLength = 0, limit = 0 } = options;
  let count = 0;
  for (const file of walkCorpus(path, ".jsonl", "JSONL corpus")) {
    for await (const line of readLines(file)) {
      if (line.text.trim() === "") continue;
      const doc = nlp.makeDoc(recordText(line.text, file, line.number));
      if (minLength >= 1 && doc.length < minLength) continue;
      if (maxLength >= 1 && doc.length >= maxLength) continue;
      yield new Example(doc, new Doc(nlp.vocab, { words: doc.words, spaces: [...doc.spaces] }));
      count++;
      if (limit >= 1 && count >= limit) return;
    }
  }
}

function recordText(line: string, file: string, number: number): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new TsnlpError("E_JSONL_LINE", `Line ${number} of ${file} is not valid JSON (${(error as Error).message}).`, {
      file,
      line: number,
      hint: 'Each line of a JSONL corpus is one JSON object such as {"text": "..."}.',
    });
  }
  const text = typeof record === "object" && record !== null ? (record as { text?: unknown }).text : undefined;
  if (typeof text !== "string") {
    throw new TsnlpError("E_JSONL_LINE", `Line ${number} of ${file} has no "text" string.`, {
      file,
      line: number,
      hint: 'Each line of a JSONL corpus is one JSON object such as {"text": "..."}.',
    });
  }
  return text;
}

export interface PlainTextCorpusOptions {
  /** Skip docs with fewer tokens; 0 for no limit. */
  minLength?: number;
  /** Skip docs with more tokens; 0 for no limit. */
  maxLength?: number;
}

/** spacy.PlainTextCorpus.v1: one doc per non-empty line of a .txt file (or of every .txt file under a folder). */
export function createPlainTextReader(path: string | null, options: PlainTextCorpusOptions = {}): Reader {
  const file = requirePath(path, "plain text corpus");
  return (nlp) => readPlainText(file, nlp, options);
}

async function* readPlainText(path: string, nlp: ReaderNlp, options: PlainTextCorpusOptions): AsyncGenerator<Example> {
  const { minLength = 0, maxLength = 0 } = options;
  for (const file of walkCorpus(path, ".txt", "plain text corpus")) {
    for await (const line of readLines(file)) {
      if (line.text === "") continue;
      const doc = nlp.makeDoc(line.text);
      if (minLength >= 1 && doc.length < minLength) continue;
      if (maxLength >= 1 && doc.length > maxLength) continue;
      yield new Example(doc, spanToDoc(doc, 0, doc.length));
    }
  }
}
