/**
 * Which converter reads a file: by extension first, then by content where the extension is
 * ambiguous (.conll holds CoNLL-U or NER columns, .tsv NER columns or a table) or missing.
 * The NER sniffing is spaCy's autodetect_ner_format (spacy/cli/convert.py, v3.5.4).
 */
import { TsnlpError } from "../../util/errors.js";
import { CONVERTER_NAMES, type ConverterName, isBlank } from "./types.js";

export interface Detection {
  converter: ConverterName;
  /** What was detected from the content, for an info line. */
  note?: string;
}

const BY_EXTENSION: Record<string, ConverterName> = { conllu: "conllu", jsonl: "jsonl", ndjson: "jsonl", csv: "table" };

/** The converter for a file, or null when neither the extension nor the content tells. */
export function detectConverter(extension: string, text: string): Detection | null {
  const byExtension = BY_EXTENSION[extension];
  if (byExtension) return { converter: byExtension };
  const sample = firstLines(text, 20);
  if (extension === "conll" || extension === "" || extension === "txt") {
    const data = sample.find((line) => !line.startsWith("#"));
    if (data?.split("\t").length === 10) return { converter: "conllu", note: "Auto-detected CoNLL-U format" };
  }
  const ner = sniffNerFormat(sample);
  if (ner === "ner") return { converter: "ner", note: "Auto-detected token-per-line NER format" };
  if (ner === "iob") return { converter: "iob", note: "Auto-detected sentence-per-line NER format" };
  if (extension === "iob") return { converter: "iob" };
  if (extension === "conll" || extension === "ner") return { converter: "ner" };
  if (extension === "tsv" || extension === "tab") return { converter: "table" };
  if ((extension === "" || extension === "txt") && sample[0]?.trimStart().startsWith("{")) return { converter: "jsonl", note: "Auto-detected JSON lines" };
  return null;
}

export function undetectedError(file: string, extension: string): TsnlpError {
  return new TsnlpError("E_CONVERTER_UNKNOWN", `Cannot tell which converter reads ${extension ? `.${extension} files` : "this input"}.`, {
    file,
    hint: `Choose one with --converter: ${CONVERTER_NAMES.join(", ")}. Known extensions: .conllu, .conll, .iob, .jsonl, .csv, .tsv.`,
  });
}

/** The first non-blank lines. */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count && start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).replace(/\r$/, "");
    if (!isBlank(line)) lines.push(line);
    start = end + 1;
  }
  return lines;
}

const IOB_LINE = /\S+\|(O|[IB]-\S+)/;
const NER_LINE = /\S+\s+(O|[IB]-\S+)$/;

function sniffNerFormat(lines: string[]): "ner" | "iob" | null {
  let iob = 0;
  let ner = 0;
  for (const line of lines) {
    const stripped = line.trim();
    if (IOB_LINE.test(stripped)) iob++;
    if (NER_LINE.test(stripped)) ner++;
  }
  if (iob === 0 && ner > 0) return "ner";
  if (ner === 0 && iob > 0) return "iob";
  return null;
}
