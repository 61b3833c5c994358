/**
 * `tsnlp apply` as a library function (spacy/cli/apply.py, v3.5.4): run a trained pipeline
 * over the texts of .spacy, .jsonl and .txt files (or a folder of them) and save every
 * annotated doc in one .spacy file, with user data, as spaCy's DocBin(store_user_data=True).
 */
import { statSync } from "node:fs";
import { extname } from "node:path";
import { loadPipeline } from "../language/disk.js";
import { selectBackend } from "../ml/backend.js";
import type { Registry } from "../registry/index.js";
import type { Doc } from "../tokens/doc.js";
import { DocBin } from "../tokens/docbin.js";
import { TsnlpError } from "../util/errors.js";
import { exists } from "../util/io.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { APPLY_EXTENSIONS, applyFileKind, docBinDocs, jsonlTexts, textLines, walkDirectory } from "./apply-files.js";

export interface ApplyOptions {
  /** The key of the text in each .jsonl line (default "text"). */
  textKey?: string;
  /** Overwrite an existing output file. */
  force?: boolean;
  gpuId?: number;
  /** Texts per nlp.pipe batch; spaCy's default is 1. */
  batchSize?: number;
  registry?: Registry;
  printer?: Printer;
  /** Called after each batch with the number of docs annotated so far. */
  onProgress?: (docs: number) => void;
}

export interface ApplyResult {
  /** The .spacy file written (OUTPUT, with .spacy added when it has no extension). */
  output: string;
  docs: number;
  /** The files read, in the order their docs were written. */
  files: string[];
  /** Files of a folder that were skipped because their type is not read. */
  skipped: string[];
}

const SILENT = createPrinter(() => {});

export async function applyPipeline(model: string, dataPath: string, outputFile: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const printer = options.printer ?? SILENT;
  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new TsnlpError("E_APPLY_BATCH_SIZE", `The batch size must be a whole number of at least 1, not ${batchSize}.`);
  }
  const output = extname(outputFile) === "" ? `${outputFile}.spacy` : outputFile;
  checkOutput(output, options.force ?? false);
  if (!exists(dataPath)) {
    throw new TsnlpError("E_APPLY_DATA_NOT_FOUND", `Couldn't find data path: ${dataPath}`, {
      file: dataPath,
      hint: "Give a .spacy, .jsonl or .txt file, or a folder of them.",
    });
  }
  const { files, skipped } = inputFiles(dataPath);
  for (const file of skipped) printer.warn(`Skipping ${file}: apply reads .spacy, .jsonl and .txt files only.`);
  const docbin = new DocBin({ storeUserData: true });
  if (files.length === 0) {
    docbin.toDisk(output);
    printer.warn(`Did not find data to process, ${dataPath} seems to be an empty directory.`);
    return { output, docs: 0, files, skipped };
  }
  await selectBackend({ gpuId: options.gpuId ?? -1 });
  const nlp = loadPipeline(model, { registry: options.registry });
  printer.good(`Loaded model ${model}`);
  // spaCy chains the .spacy and .jsonl streams in path order and the plain-text files after them.
  const ordered = [...files.filter((file) => applyFileKind(file) !== "txt"), ...files.filter((file) => applyFileKind(file) === "txt")];
  const textKey = options.textKey ?? "text";
  async function* inputs(): AsyncGenerator<string | Doc> {
    for (const file of ordered) {
      const kind = applyFileKind(file);
      if (kind === "spacy") yield* docBinDocs(file, nlp.vocab);
      else if (kind === "jsonl") yield* jsonlTexts(file, textKey);
      else yield* textLines(file);
    }
  }
  let count = 0;
  let batch: Array<string | Doc> = [];
  const flush = () => {
    for (const doc of nlp.pipe(batch, { batchSize })) docbin.add(doc);
    count += batch.length;
    batch = [];
    options.onProgress?.(count);
  };
  for await (const input of inputs()) {
    batch.push(input);
    if (batch.length >= batchSize) flush();
  }
  if (batch.length > 0) flush();
  docbin.toDisk(output);
  return { output, docs: count, files: ordered, skipped };
}

function checkOutput(output: string, force: boolean): void {
  if (!exists(output)) return;
  if (statSync(output).isDirectory()) {
    throw new TsnlpError("E_APPLY_OUTPUT_IS_DIRECTORY", `The output path is a folder: ${output}`, {
      file: output,
      hint: "Give the name of the .spacy file to write.",
    });
  }
  if (!force) {
    throw new TsnlpError("E_OUTPUT_EXISTS", "The provided output file already exists.", {
      file: output,
      hint: "To force overwriting the output file, set the --force or -F flag.",
    });
  }
}

/** The readable files at the data path; a single file of another type is an error, in a folder it is skipped. */
function inputFiles(dataPath: string): { files: string[]; skipped: string[] } {
  const all = walkDirectory(dataPath);
  const isFolder = statSync(dataPath).isDirectory();
  if (!isFolder && applyFileKind(dataPath) === undefined) {
    throw new TsnlpError("E_APPLY_FILE_TYPE", `apply cannot read ${dataPath}: its type (${extname(dataPath) || "no extension"}) is not supported.`, {
      file: dataPath,
      hint: `Give a ${Object.keys(APPLY_EXTENSIONS).join(", ")} file (one text per line in .txt), or a folder of them.`,
    });
  }
  return { files: all.filter((file) => applyFileKind(file) !== undefined), skipped: all.filter((file) => applyFileKind(file) === undefined) };
}
