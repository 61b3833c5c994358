/**
 * `tsnlp convert`: training data in other formats to spaCy's .spacy (DocBin) or v2 JSON
 * training format, as `spacy convert` does (spacy/cli/convert.py, v3.5.4). Every input is
 * converted before anything is written, and each output is written to a temporary name and
 * renamed, so a fault in the input leaves nothing behind.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { createTokenizer, createVocab } from "../lang/create.js";
import type { Tokenizer } from "../lang/tokenizer.js";
import type { Doc } from "../tokens/doc.js";
import { DocBin } from "../tokens/docbin.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { exists, readTextFile, writeFileAtomic } from "../util/io.js";
import { detectConverter, undetectedError } from "./converters/detect.js";
import { docsToJson } from "./converters/docs-to-json.js";
import { CONVERTERS } from "./converters/index.js";
import { readLabelList, readNerMap } from "./converters/label-files.js";
import {
  CONVERTER_ALIASES,
  CONVERTER_NAMES,
  type ConverterAlias,
  type ConverterContext,
  type ConverterName,
  type ConverterOptions,
  type TableOptions,
} from "./converters/types.js";

export const FILE_TYPES = ["spacy", "json"] as const;
export type FileType = (typeof FILE_TYPES)[number];

export interface ConvertOptions extends Omit<ConverterOptions, "nerMap" | "table"> {
  /** A converter (or one of spaCy's aliases for one), or "auto" (the default) to choose by extension and content. */
  converter?: ConverterName | ConverterAlias | "auto";
  /** "spacy" (DocBin, the default) or "json" (spaCy's v2 JSON training format). */
  fileType?: FileType;
  /** Language whose tokenizer splits jsonl and table texts; "xx" (language-neutral rules) by default, as spaCy's converters use. */
  lang?: string;
  /** Write one output for all input files, named after the input folder. */
  concatenate?: boolean;
  /** Entity label renames, or the path of a JSON file with them. */
  nerMap?: Readonly<Record<string, string>> | string;
  table?: Omit<TableOptions, "labels"> & { labels?: readonly string[] | string };
  /** Info lines and warnings (auto-detection, grouping, skipped files). */
  log?: (level: "info" | "warn", message: string) => void;
  /** Progress through each input file: done out of total, in units the converter chooses. */
  onProgress?: (progress: { file: string; done: number; total: number }) => void;
  /** Where output "-" goes; standard output by default. */
  stdout?: (data: string | Uint8Array) => void;
}

export interface ConvertedFile {
  /** The input file, or the input folder when concatenated. */
  input: string;
  /** The file written, or "-" for standard output. */
  output: string;
  converter: ConverterName;
  docs: number;
  sentences: number;
  tokens: number;
}

export interface ConvertResult {
  files: ConvertedFile[];
  /** Files in an input folder that no converter reads. */
  skipped: string[];
}

export interface ConvertTextOptions extends ConvertOptions {
  converter: ConverterName;
  /** Names the text in error messages. */
  file?: string;
  /** Lowercased, without the dot; guides the table delimiter. */
  extension?: string;
  vocab?: Vocab;
}

/** Convert one text; a script's way to get the docs without writing files. */
export function convertText(text: string, options: ConvertTextOptions): Doc[] {
  const session = new Session(options);
  return session.convert(stripBom(text), options.converter, options.file ?? "<text>", options.extension ?? "");
}

/**
 * Convert a file, a folder of files (recursively; names starting with "." are skipped) or
 * standard input ("-") into OUTPUT_DIR ("-" for standard output). Output files are named
 * after the inputs, with the extension .spacy or .json.
 */
export function convertFile(input: string, outputDir: string, options: ConvertOptions = {}): ConvertResult {
  const fileType = options.fileType ?? "spacy";
  const requested = checkOptions(options, fileType);
  checkOutput(outputDir, fileType, options);
  const session = new Session(options);
  const { files, skipped, isFolder } = listInputs(input, requested);
  if (skipped.length > 0) {
    const names = skipped.map((file) => relative(input, file)).join(", ");
    session.log("info", `Skipped ${skipped.length} file${skipped.length === 1 ? "" : "s"} that no converter reads: ${names}`);
  }
  const converted = files.map((file) => {
    const text = stripBom(readTextFile(file, "input file"));
    const extension = extensionOf(file);
    const converter = session.chooseConverter(requested, file, extension, text);
    return { input: file, converter, docs: session.convert(text, converter, file === "-" ? "<stdin>" : file, extension) };
  });
  const outputs = options.concatenate
    ? [
        {
          input,
          converter: converted[0]!.converter,
          docs: converted.flatMap((entry) => entry.docs),
          output: outputPath(outputDir, input, input, false, fileType),
        },
      ]
    : converted.map((entry) => ({ ...entry, output: outputPath(outputDir, input, entry.input, isFolder, fileType) }));
  if (outputDir === "-" && outputs.length > 1) {
    throw new TsnlpError("E_CONVERT_STDOUT", `The ${outputs.length} input files would give ${outputs.length} outputs, which cannot share standard output.`, {
      hint: "Give an output folder, or pass --concatenate to write one output for all files.",
    });
  }
  checkDistinct(outputs);
  const written = outputs.map((out): ConvertedFile => {
    writeOutput(out.docs, out.output, fileType, options.stdout ?? writeStdout);
    return { input: out.input, output: out.output, converter: out.converter, ...count(out.docs) };
  });
  return { files: written, skipped };
}

function writeOutput(docs: Doc[], output: string, fileType: FileType, stdout: (data: string | Uint8Array) => void): void {
  if (fileType === "json") {
    const text = `${JSON.stringify([docsToJson(docs)], null, 2)}\n`;
    if (output === "-") stdout(text);
    else writeFileAtomic(output, text);
    return;
  }
  const bin = new DocBin({ docs, storeUserData: true });
  if (output === "-") stdout(bin.toBytes());
  else bin.toDisk(output);
}

function checkOutput(outputDir: string, fileType: FileType, options: ConvertOptions): void {
  if (outputDir === "-") {
    if (fileType === "spacy" && !options.stdout && process.stdout.isTTY) {
      throw new TsnlpError("E_CONVERT_STDOUT", "Binary .spacy data cannot be written to a terminal.", {
        hint: "Give an output folder, redirect standard output to a file (> out.spacy), or use --file-type json.",
      });
    }
    return;
  }
  if (exists(outputDir) && !statSync(outputDir).isDirectory()) {
    throw new TsnlpError("E_CONVERT_OUTPUT", `The output must be a folder, but ${outputDir} is a file.`, {
      file: outputDir,
      hint: "Give a folder (it is created if missing), or - for standard output.",
    });
  }
}

/** What every file of one conversion shares: the vocab, the tokenizer and the loaded side files. */
class Session {
  readonly vocab: Vocab;
  private tokenizer?: Tokenizer;
  private readonly converterOptions: ConverterOptions;

  constructor(private readonly options: ConvertOptions & { vocab?: Vocab }) {
    this.vocab = options.vocab ?? createVocab(options.lang ?? "xx");
    const { labels, ...table } = options.table ?? {};
    this.converterOptions = {
      ...options,
      nerMap: typeof options.nerMap === "string" ? readNerMap(options.nerMap) : options.nerMap,
      table: { ...table, labels: typeof labels === "string" ? readLabelList(labels) : labels },
    };
  }

  log(level: "info" | "warn", message: string): void {
    this.options.log?.(level, message);
  }

  chooseConverter(requested: ConverterName | "auto", file: string, extension: string, text: string): ConverterName {
    if (requested !== "auto") return requested;
    const detected = detectConverter(extension, text);
    if (!detected) throw undetectedError(file === "-" ? "<stdin>" : file, extension);
    if (detected.note) this.log("info", detected.note);
    return detected.converter;
  }

  convert(text: string, converter: ConverterName, file: string, extension: string): Doc[] {
    const context: ConverterContext = {
      file,
      extension,
      vocab: this.vocab,
      tokenizer: () => {
        this.tokenizer ??= createTokenizer(this.vocab, this.options.lang ?? "xx");
        return this.tokenizer;
      },
      info: (message) => this.log("info", message),
      warn: (message) => this.log("warn", message),
      progress: (done, total) => this.options.onProgress?.({ file, done, total }),
    };
    return CONVERTERS[converter].convert(text, this.converterOptions, context);
  }
}

/** The converter asked for, aliases resolved. */
function checkOptions(options: ConvertOptions, fileType: string): ConverterName | "auto" {
  if (!(FILE_TYPES as readonly string[]).includes(fileType)) {
    throw new TsnlpError("E_CONVERT_OPTION", `Unknown file type '${fileType}'.`, { hint: `Use one of ${FILE_TYPES.join(", ")}.` });
  }
  const asked = options.converter ?? "auto";
  const converter = Object.hasOwn(CONVERTER_ALIASES, asked) ? CONVERTER_ALIASES[asked as ConverterAlias] : asked;
  if (converter !== "auto" && !(CONVERTER_NAMES as readonly string[]).includes(converter)) {
    throw new TsnlpError("E_CONVERT_OPTION", `Unknown converter '${converter}'.`, { hint: `Use auto or one of ${CONVERTER_NAMES.join(", ")}.` });
  }
  if (options.nSents !== undefined && !(Number.isInteger(options.nSents) && options.nSents >= 0)) {
    throw new TsnlpError("E_CONVERT_OPTION", `--n-sents must be a whole number of sentences, 0 or more (given ${options.nSents}).`);
  }
  return converter as ConverterName | "auto";
}

/** Extensions each converter reads when it is named for a folder. */
const EXTENSIONS: Record<ConverterName, readonly string[]> = {
  conllu: ["conllu", "conll"],
  iob: ["iob", "txt"],
  ner: ["conll", "ner", "tsv", "txt", "iob"],
  jsonl: ["jsonl", "ndjson"],
  table: ["csv", "tsv", "tab"],
};

function listInputs(input: string, converter: ConverterName | "auto"): { files: string[]; skipped: string[]; isFolder: boolean } {
  if (input === "-") return { files: ["-"], skipped: [], isFolder: false };
  if (!exists(input))
    throw new TsnlpError("E_FILE_NOT_FOUND", `The input does not exist: ${input}`, { file: input, hint: "Give a file or a folder of files to convert." });
  if (!statSync(input).isDirectory()) return { files: [input], skipped: [], isFolder: false };
  const all = walk(input);
  const known = converter === "auto" ? null : new Set(EXTENSIONS[converter]);
  // With auto, what each file holds is decided when it is read; here only extensions no converter knows are left out.
  const readable = (file: string) => (known ? known.has(extensionOf(file)) : AUTO_EXTENSIONS.has(extensionOf(file)));
  const files = all.filter(readable);
  if (files.length === 0) {
    throw new TsnlpError("E_CONVERT_NO_INPUT", `No input files in the folder ${input}.`, {
      file: input,
      hint: `${known ? `The ${converter} converter reads ${[...known].map((ext) => `.${ext}`).join(", ")} files.` : "Known extensions: .conllu, .conll, .iob, .jsonl, .csv, .tsv."}`,
    });
  }
  return { files, skipped: all.filter((file) => !readable(file)), isFolder: true };
}

const AUTO_EXTENSIONS = new Set(["conllu", "conll", "iob", "ner", "jsonl", "ndjson", "csv", "tsv", "tab"]);

function walk(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name.startsWith(".")) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else files.push(path);
  }
  return files.sort();
}

function extensionOf(file: string): string {
  return file === "-" ? "" : extname(file).slice(1).toLowerCase();
}

/** spaCy's naming: the input's name with its last extension replaced, under the output folder (keeping sub-folders of an input folder). */
function outputPath(outputDir: string, input: string, file: string, inFolder: boolean, fileType: FileType): string {
  if (outputDir === "-") return "-";
  const name = file === "-" ? "stdin" : inFolder ? relative(input, file) : basename(file);
  const stem = extname(name) ? name.slice(0, -extname(name).length) : name;
  return join(outputDir, dirname(name), `${basename(stem)}.${fileType}`);
}

function checkDistinct(outputs: Array<{ input: string; output: string }>): void {
  const seen = new Map<string, string>();
  for (const out of outputs) {
    const other = seen.get(out.output);
    if (other !== undefined) {
      throw new TsnlpError("E_CONVERT_CLASH", `${other} and ${out.input} would both be written to ${out.output}.`, {
        hint: "Rename one of them, or convert them separately.",
      });
    }
    seen.set(out.output, out.input);
  }
}

function count(docs: Doc[]): { docs: number; sentences: number; tokens: number } {
  let sentences = 0;
  let tokens = 0;
  for (const doc of docs) {
    tokens += doc.length;
    if (doc.length === 0) continue;
    sentences += doc.hasAnnotation("SENT_START") || doc.hasAnnotation("DEP") ? doc.sents.length : 1;
  }
  return { docs: docs.length, sentences, tokens };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function writeStdout(data: string | Uint8Array): void {
  process.stdout.write(data);
}
