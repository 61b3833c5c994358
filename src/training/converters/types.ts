import { isSpaceCode, PY_SPACE_CLASS } from "../../lang/python-text.js";
import type { Tokenizer } from "../../lang/tokenizer.js";
import type { Doc } from "../../tokens/doc.js";
import type { Vocab } from "../../tokens/vocab.js";
import { TsnlpError } from "../../util/errors.js";

export const CONVERTER_NAMES = ["conllu", "iob", "ner", "jsonl", "table"] as const;
export type ConverterName = (typeof CONVERTER_NAMES)[number];

/** spaCy's other converter names: its "conll" is the NER column converter, not CoNLL-U. */
export const CONVERTER_ALIASES = { conllubio: "conllu", conll: "ner" } as const satisfies Record<string, ConverterName>;
export type ConverterAlias = keyof typeof CONVERTER_ALIASES;

/** How a jsonl entity or span that does not fall on token boundaries is handled. */
export const MISALIGNED_MODES = ["error", "skip", "expand", "contract"] as const;
export type MisalignedMode = (typeof MISALIGNED_MODES)[number];

export interface TableOptions {
  /** Header name, or 1-based column number; "text" (or column 1 without a header) by default. */
  textColumn?: string;
  /** Header name, or 1-based column number; the other column of a two-column table (column 2 without a header) by default. */
  labelColumn?: string;
  /** The label column lists several labels per row (textcat_multilabel) instead of one (textcat). */
  multiLabel?: boolean;
  /** What separates the labels of a multi-label cell; "," by default. */
  labelSeparator?: string;
  /** Every label, in order. A cell may also hold a label's 0-based position in this list (GoEmotions ids). */
  labels?: readonly string[];
  /** Column delimiter; from the file extension (.tsv tab, .csv comma) or the first line by default. */
  delimiter?: string;
  /** Whether the first row names the columns; true by default. */
  header?: boolean;
}

/** What the converters understand; each ignores what does not apply to it. */
export interface ConverterOptions {
  /** Sentences per doc; 0 puts every sentence of a file (or of a -DOCSTART- section) in one doc. spaCy's CLI default is 1. */
  nSents?: number;
  /** ner: split token streams without blank lines into sentences at sentence-final punctuation. */
  segSents?: boolean;
  /** conllu: append the FEATS string to each tag ("NN__Number=Sing"), for languages whose XPOS tags are poor. */
  morphology?: boolean;
  /** conllu: keep multiword tokens ("didn't") as one token instead of their syntactic words. */
  mergeSubtokens?: boolean;
  /** Entity label renames; a label mapped to "" is dropped (its tokens become O). */
  nerMap?: Readonly<Record<string, string>>;
  /** jsonl: what to do with an entity or span off token boundaries. */
  misaligned?: MisalignedMode;
  /** jsonl: the span group for a "spans" list; "sc" (spancat's default) by default. */
  spansKey?: string;
  table?: TableOptions;
}

/** The file being converted and the services a converter may use. */
export interface ConverterContext {
  /** Where the text came from, for error messages. */
  file: string;
  /** The file's extension, lowercased without the dot ("" when none). */
  extension: string;
  vocab: Vocab;
  /** The tokenizer for raw texts (jsonl, table), created on first use. */
  tokenizer(): Tokenizer;
  info(message: string): void;
  warn(message: string): void;
  /** How far the conversion is, in units the converter chooses (lines, rows). */
  progress(done: number, total: number): void;
}

export interface Converter {
  name: ConverterName;
  summary: string;
  convert(text: string, options: ConverterOptions, context: ConverterContext): Doc[];
}

/** A fault in the input, at a line of the file being converted. */
export function inputError(context: Pick<ConverterContext, "file">, code: string, message: string, line?: number, hint?: string): TsnlpError {
  return new TsnlpError(code, message, { file: context.file, line, hint });
}

/** Lines of a text, for "\n" and "\r\n" endings alike; index + 1 is the line number. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

const PY_SPACES = new RegExp(`[${PY_SPACE_CLASS}]+`, "u");
const PY_EDGE_SPACES = new RegExp(`^[${PY_SPACE_CLASS}]+|[${PY_SPACE_CLASS}]+$`, "gu");

/** Python's str.split() (which spaCy's column converters use): runs of whitespace separate fields, and none is empty. */
export function splitFields(line: string): string[] {
  const trimmed = line.replace(PY_EDGE_SPACES, "");
  return trimmed === "" ? [] : trimmed.split(PY_SPACES);
}

/** Python's str.strip() === "". */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isSpaceCode(line.charCodeAt(i))) return false;
  return true;
}

/** Report progress every this many lines, so that the bar costs nothing measurable. */
export const PROGRESS_EVERY = 2000;
