/**
 * Text classification tables (CSV, TSV): one text per row and its label, or with
 * `multiLabel` a list of labels (GoEmotions: "2,14"). Each doc gets a score for every known
 * label: for exclusive classes 1.0 for its label and 0.0 for the others (textcat), for
 * multi-label 1.0 for each label it has and 0.0 for the rest (textcat_multilabel). The known
 * labels are the `labels` list when given (a cell may then also hold a label's 0-based
 * position in it), else every label the file uses.
 */
import type { Doc } from "../../tokens/doc.js";
import { nearest } from "../../util/suggest.js";
import { readDelimited, type TableRecord, UnclosedQuoteError } from "./csv.js";
import { type Converter, type ConverterContext, inputError, PROGRESS_EVERY, type TableOptions } from "./types.js";

interface LabeledRow {
  text: string;
  labels: string[];
  line: number;
}

export const tableConverter: Converter = {
  name: "table",
  summary: "CSV or TSV tables of texts and labels (text classification, exclusive or multi-label)",
  convert(text, options, context) {
    const table = options.table ?? {};
    const records = readRecords(text, delimiterOf(table, context.extension, text), context);
    const header = (table.header ?? true) ? (records.shift() ?? null) : null;
    if (records.length === 0) return [];
    const width = header ? header.fields.length : records[0]!.fields.length;
    const textColumn = findColumn(table.textColumn ?? (header ? "text" : "1"), "text", header, width, context, "--text-col");
    const labelColumn = findColumn(table.labelColumn ?? defaultLabelColumn(header, textColumn, context), "label", header, width, context, "--label-col");
    const rows = labeledRows(records, textColumn, labelColumn, table, context);
    const known = table.labels ?? collectLabels(rows);
    const separator = table.labelSeparator ?? ",";
    const joined = table.multiLabel ? [] : known.filter((label) => label.includes(separator));
    if (joined.length > 0) {
      context.warn(
        `${joined.length} label${joined.length === 1 ? "" : "s"} such as '${joined[0]}' contain '${separator}': if rows have several labels, convert with --multilabel.`,
      );
    }
    // Copying one object of every label is much faster than adding the labels to each doc's object.
    const allZero: Record<string, number> = Object.fromEntries(known.map((label) => [label, 0]));
    const docs: Doc[] = [];
    rows.forEach((row, k) => {
      if (k % PROGRESS_EVERY === 0) context.progress(k, rows.length);
      const doc = context.tokenizer().call(row.text);
      const cats = { ...allZero };
      for (const label of row.labels) cats[label] = 1;
      doc.cats = cats;
      docs.push(doc);
    });
    context.progress(rows.length, rows.length);
    return docs;
  },
};

function delimiterOf(table: TableOptions, extension: string, text: string): string {
  if (table.delimiter) return table.delimiter === "\\t" || table.delimiter.toLowerCase() === "tab" ? "\t" : table.delimiter;
  if (extension === "tsv" || extension === "tab") return "\t";
  if (extension === "csv") return ",";
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  return firstLine.includes("\t") ? "\t" : ",";
}

function readRecords(text: string, delimiter: string, context: ConverterContext): TableRecord[] {
  try {
    return readDelimited(text, delimiter);
  } catch (error) {
    if (error instanceof UnclosedQuoteError) {
      throw inputError(
        context,
        "E_TABLE_QUOTE",
        error.message,
        error.line,
        'A field that starts with " ends at the next " that is not doubled; write a quote inside a quoted field as "".',
      );
    }
    throw error;
  }
}

function defaultLabelColumn(header: TableRecord | null, textColumn: number, context: ConverterContext): string {
  if (!header) return "2";
  if (header.fields.length === 2) return String(2 - textColumn);
  throw inputError(
    context,
    "E_TABLE_COLUMN",
    `Which column holds the labels? The header has: ${listHeader(header)}.`,
    header.line,
    "Name it with --label-col.",
  );
}

/** A column by header name, or by number counting from 1. */
function findColumn(spec: string, what: string, header: TableRecord | null, width: number, context: ConverterContext, flag: string): number {
  const byName = header ? header.fields.indexOf(spec) : -1;
  if (byName >= 0) return byName;
  if (/^\d+$/.test(spec) && Number(spec) >= 1 && Number(spec) <= width) return Number(spec) - 1;
  if (header) {
    const close = nearest(spec, header.fields, 1);
    throw inputError(
      context,
      "E_TABLE_COLUMN",
      `There is no ${what} column '${spec}'. The header has: ${listHeader(header)}.${close.length > 0 ? ` Did you mean '${close[0]}'?` : ""}`,
      header.line,
      `Name the ${what} column with ${flag} (a header name, or a column number counting from 1); use --no-header if the first row is data.`,
    );
  }
  throw inputError(
    context,
    "E_TABLE_COLUMN",
    `There is no ${what} column ${spec}: the first row has ${width} columns.`,
    1,
    `Give ${flag} as a column number from 1 to ${width}.`,
  );
}

function listHeader(header: TableRecord): string {
  return header.fields.map((name, i) => `${i + 1} '${name}'`).join(", ");
}

function labeledRows(records: TableRecord[], textColumn: number, labelColumn: number, table: TableOptions, context: ConverterContext): LabeledRow[] {
  const known = table.labels ? new Set(table.labels) : null;
  const separator = table.labelSeparator ?? ",";
  const needed = Math.max(textColumn, labelColumn) + 1;
  return records.map((record) => {
    const { fields, line } = record;
    if (fields.length < needed) {
      throw inputError(
        context,
        "E_TABLE_ROW",
        `This row has ${fields.length} column${fields.length === 1 ? "" : "s"}; the text is in column ${textColumn + 1} and the labels in column ${labelColumn + 1}.`,
        line,
        delimiterHint(),
      );
    }
    const cell = fields[labelColumn]!.trim();
    const values = table.multiLabel
      ? cell
          .split(separator)
          .map((value) => value.trim())
          .filter((value) => value !== "")
      : [cell];
    if (!table.multiLabel && cell === "")
      throw inputError(
        context,
        "E_TABLE_LABEL",
        "This row has no label.",
        line,
        "Every row needs a label; with several labels per row (or none), use --multilabel.",
      );
    const labels = values.map((value) => resolveLabel(value, known, table, line, context));
    return { text: fields[textColumn]!, labels, line };
  });
}

function resolveLabel(value: string, known: Set<string> | null, table: TableOptions, line: number, context: ConverterContext): string {
  if (!known || known.has(value)) return value;
  const labels = table.labels!;
  if (/^\d+$/.test(value) && Number(value) < labels.length) return labels[Number(value)]!;
  const close = nearest(value, labels, 3);
  const several = !table.multiLabel && value.includes(table.labelSeparator ?? ",");
  throw inputError(
    context,
    "E_TABLE_LABEL",
    `'${value}' is not one of the ${labels.length} labels${/^\d+$/.test(value) ? ` (ids go from 0 to ${labels.length - 1})` : ""}.${close.length > 0 ? ` Did you mean ${close.map((label) => `'${label}'`).join(", ")}?` : ""}`,
    line,
    several ? "This cell seems to hold several labels: convert with --multilabel." : "Check the label list (--labels) and the label column (--label-col).",
  );
}

function delimiterHint(): string {
  return "Check the delimiter (--delimiter; by default a tab for .tsv, a comma for .csv) and that fields with the delimiter inside are quoted.";
}

function collectLabels(rows: LabeledRow[]): string[] {
  const labels = [...new Set(rows.flatMap((row) => row.labels))];
  const numeric = labels.every((label) => /^\d+$/.test(label));
  return labels.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
}
