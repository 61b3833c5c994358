/**
 * `tsnlp init vectors` as library functions (spacy/cli/init_pipeline.py init_vectors_cli and
 * spacy/training/initialize.py convert_vectors, v3.5.4): read a word2vec / fastText / GloVe
 * text file (gzipped or not) into a blank pipeline's vocab, merge duplicate rows, name the
 * table, prune it when asked, and save the pipeline, so that a config can name the folder in
 * [initialize] vectors.
 */
import { resolve } from "node:path";
import { implementBuiltins } from "../implementations.js";
import { blank, type Language } from "../language.js";
import { selectBackend } from "../ml/backend.js";
import { registry as globalRegistry, type Registry } from "../registry/index.js";
import type { VectorsAttr, PrunedWords } from "../tokens/vectors.js";
import type { NearestSearchFactory } from "../tokens/vectors-nearest.js";
import { readVectorsFile, type VectorsFileInfo } from "../tokens/vectors-text.js";
import { TsnlpError } from "../util/errors.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { backendNearestSearch } from "./init-vectors-nearest.js";

export interface ConvertVectorsOptions {
  /** Keep this many rows, mapping the other words to their nearest kept row; below 1 keeps all (spaCy's default is -1). */
  prune?: number;
  /** Read only the first N rows; 0 reads all. */
  truncate?: number;
  /** The table's name; "LANG_NAME.vectors" (from the pipeline's meta) when null, as in spaCy. */
  name?: string | null;
  /** The token attribute words are looked up by. */
  attr?: string;
  /** spaCy's --mode; only "default" is supported. */
  mode?: string;
  printer?: Printer;
  /** The registry the blank pipeline is built with (initVectors); the global one by default. */
  registry?: Registry;
  /** How pruning finds nearest rows; the tensor backend by default. */
  search?: NearestSearchFactory;
  onProgress?: (progress: { bytesRead: number; totalBytes: number; rows: number }) => void;
}

export interface ConvertVectorsResult {
  info: VectorsFileInfo;
  /** Words pruning pointed to another word's row (null without --prune). */
  pruned: PrunedWords | null;
}

const SILENT = createPrinter(() => {});

/** Read a vectors file into nlp.vocab.vectors (spaCy's convert_vectors). */
export async function convertVectors(nlp: Language, vectorsLoc: string, options: ConvertVectorsOptions = {}): Promise<ConvertVectorsResult> {
  const printer = options.printer ?? SILENT;
  const settings = checkSettings(vectorsLoc, options);
  printer.info(`Reading vectors from ${vectorsLoc}`);
  const { vectors, info } = await readVectorsFile(vectorsLoc, { truncate: settings.truncate, attr: settings.attr, onProgress: options.onProgress });
  printer.info(`Loaded vectors from ${vectorsLoc}`);
  vectors.deduplicate();
  vectors.name = options.name ?? `${nlp.lang}_${nlp.meta.name}.vectors`;
  nlp.vocab.vectors = vectors;
  let pruned: PrunedWords | null = null;
  if (settings.prune >= 1) {
    let search = options.search;
    if (!search) {
      await selectBackend();
      search = backendNearestSearch;
    }
    pruned = nlp.vocab.pruneVectors(settings.prune, { search });
  }
  return { info, pruned };
}

export interface InitVectorsResult extends ConvertVectorsResult {
  nlp: Language;
  outputDir: string;
}

/** Create a blank pipeline for `lang` holding the vectors of `vectorsLoc`, and save it to `outputDir`. */
export async function initVectors(lang: string, vectorsLoc: string, outputDir: string, options: ConvertVectorsOptions = {}): Promise<InitVectorsResult> {
  const printer = options.printer ?? SILENT;
  checkSettings(vectorsLoc, options);
  printer.info(`Creating blank nlp object for language '${lang}'`);
  const nlp = blank(lang, { registry: implementBuiltins(options.registry ?? globalRegistry) });
  const result = await convertVectors(nlp, vectorsLoc, options);
  printer.good(`Successfully converted ${nlp.vocab.vectors.size} vectors`);
  if (result.pruned) printer.info(`Pruned to ${nlp.vocab.vectors.size} rows: ${result.pruned.size} words now share the row of their nearest kept word`);
  nlp.toDisk(outputDir);
  printer.good(
    "Saved nlp object with vectors to output directory. You can now use the path to it in your config as the 'vectors' setting in [initialize].",
    resolve(outputDir),
  );
  return { ...result, nlp, outputDir };
}

function checkSettings(vectorsLoc: string, options: ConvertVectorsOptions): { prune: number; truncate: number; attr: VectorsAttr } {
  const mode = options.mode ?? "default";
  if (mode !== "default") {
    const known = mode === "floret" ? " floret vectors are not supported by tsnlp." : "";
    throw new TsnlpError("E_VECTORS_MODE", `Unsupported vectors mode '${mode}'.${known} Supported modes: default.`, {
      hint: "Leave out --mode, or give --mode default.",
    });
  }
  if (/\.npz$/i.test(vectorsLoc)) {
    throw new TsnlpError("E_VECTORS_FORMAT", `${vectorsLoc} is a numpy archive, which tsnlp cannot read.`, {
      file: vectorsLoc,
      hint: "Give the vectors as a word2vec / fastText text file (.vec, .txt, or gzipped), or a GloVe text file.",
    });
  }
  const prune = options.prune ?? -1;
  const truncate = options.truncate ?? 0;
  if (!Number.isInteger(prune)) throw new TsnlpError("E_VECTORS_PRUNE", `--prune must be a whole number of rows, not ${prune}.`);
  if (!Number.isInteger(truncate) || truncate < 0)
    throw new TsnlpError("E_VECTORS_TRUNCATE", `--truncate must be a whole number of rows (0 for all), not ${truncate}.`);
  const attr = (options.attr ?? "ORTH").toUpperCase();
  if (attr !== "ORTH" && attr !== "LOWER") {
    throw new TsnlpError("E_VECTORS_ATTR", `--attr must be ORTH or LOWER, not '${options.attr}'.`, {
      hint: "ORTH looks words up as written; LOWER looks up their lowercase form (for uncased vectors such as GloVe).",
    });
  }
  return { prune, truncate, attr };
}
