import { readFile } from "node:fs/promises";
import { Doc } from "../tokens/doc.js";
import { DocBin, fileError } from "../tokens/docbin.js";
import { Example } from "../tokens/example.js";
import { spanToDoc } from "../tokens/example-span-doc.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { walkCorpus } from "./corpus-files.js";
import type { Augmenter, Reader, ReaderNlp } from "./reader-types.js";

// Behaviour of spaCy v3.5.4's Corpus (spacy/training/corpus.py), with one difference: `limit`
// stops the whole read, where spaCy only stops the current file and reads on into the next.

export interface CorpusOptions {
  /** Predicted docs take the reference's words, one example per reference sentence. */
  goldPreproc?: boolean;
  /** Docs of this many tokens or more are split into sentences, and longer sentences dropped; 0 for no limit. */
  maxLength?: number;
  /** Read at most this many (non-empty) docs; 0 for all. */
  limit?: number;
  augmenter?: Augmenter | null;
}

/** spacy.Corpus.v1: examples from a .spacy file, or from every .spacy file under a folder, one file in memory at a time. */
export function createCorpusReader(path: string | null, options: CorpusOptions = {}): Reader {
  const file = requirePath(path, "corpus");
  return (nlp) => readCorpus(file, nlp, options);
}

/** A reader's path must be set by the time it is built; config placeholders are null. */
export function requirePath(path: string | null | undefined, what: string): string {
  if (typeof path === "string" && path !== "") return path;
  throw new TsnlpError("E_CORPUS_PATH_MISSING", `The ${what} has no path (it is ${JSON.stringify(path ?? null)}).`, {
    hint: "Set it in the config's [paths] section or on the command line, e.g. --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy.",
  });
}

async function* readCorpus(path: string, nlp: ReaderNlp, options: CorpusOptions): AsyncGenerator<Example> {
  const maxLength = options.maxLength ?? 0;
  const augmenter = options.augmenter;
  const references = readDocBins(nlp.vocab, walkCorpus(path, ".spacy", "corpus"), options.limit ?? 0);
  for await (const reference of references) {
    const examples = options.goldPreproc ? goldPreprocExamples(nlp, reference) : splitExamples(nlp, reference, maxLength);
    for (const example of examples) {
      if (augmenter) yield* augmenter(nlp, example);
      else yield example;
    }
  }
}

/** The non-empty docs of DocBin files, read one file at a time; stops once `limit` docs are out (0: no limit). */
export async function* readDocBins(vocab: Vocab, files: Iterable<string>, limit = 0): AsyncGenerator<Doc> {
  let count = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      throw fileError(file, error);
    }
    for (const doc of DocBin.fromBytes(bytes, file).getDocs(vocab)) {
      if (doc.length === 0) continue;
      yield doc;
      count++;
      if (limit >= 1 && count >= limit) return;
    }
  }
}

function* splitExamples(nlp: ReaderNlp, reference: Doc, maxLength: number): Generator<Example> {
  if (reference.length === 0) return;
  if (maxLength === 0 || reference.length < maxLength) {
    yield makeExample(nlp, reference, false);
    return;
  }
  if (!reference.hasAnnotation("SENT_START")) return;
  for (const [start, end] of reference.sentenceBounds()) {
    if (end - start < maxLength) yield makeExample(nlp, spanToDoc(reference, start, end), false);
  }
}

function* goldPreprocExamples(nlp: ReaderNlp, reference: Doc): Generator<Example> {
  const sentences = reference.hasAnnotation("SENT_START") ? reference.sentenceBounds().map(([start, end]) => spanToDoc(reference, start, end)) : [reference];
  for (const sentence of sentences) {
    const example = makeExample(nlp, sentence, true);
    if (example.predicted.length > 0) yield example;
  }
}

/** Predicted docs come from the tokenizer, or from the reference's own words with gold_preproc or when its spaces are unknown. */
function makeExample(nlp: ReaderNlp, reference: Doc, goldPreproc: boolean): Example {
  if (goldPreproc || reference.hasUnknownSpaces) {
    return new Example(new Doc(nlp.vocab, { words: reference.words, spaces: [...reference.spaces] }), reference);
  }
  return new Example(nlp.makeDoc(reference.text), reference);
}

