/**
 * One JSON object per line: "text", and any of "cats" ({label: score}), "entities" and "spans"
 * (lists of [start, end, label] or {start, end, label}; "spans" may also be {key: list}).
 * Offsets count characters as Python does (code points), as Prodigy and spaCy write them.
 *
 * spaCy warns about an entity off token boundaries and drops it; here it is an error naming
 * the line, unless `misaligned` says to skip it or to snap it to the tokens around it.
 */
import type { Doc } from "../../tokens/doc.js";
import { offsetMap } from "../../tokens/offsets.js";
import type { Span } from "../../tokens/span.js";
import { isTsnlpError } from "../../util/errors.js";
import { type Converter, type ConverterContext, type ConverterOptions, inputError, isBlank, type MisalignedMode, PROGRESS_EVERY, splitLines } from "./types.js";

interface CharSpan {
  start: number;
  end: number;
  label: string;
}

const SHAPE_HINT = 'Each line is one JSON object such as {"text": "I like London", "entities": [[7, 13, "GPE"]], "cats": {"TRAVEL": 1.0}}.';

export const jsonlConverter: Converter = {
  name: "jsonl",
  summary: 'JSON lines with "text" and "cats", "entities" or "spans" (character offsets)',
  convert(text, options, context) {
    const lines = splitLines(text);
    const docs: Doc[] = [];
    const skipped = { count: 0 };
    for (let i = 0; i < lines.length; i++) {
      if (i % PROGRESS_EVERY === 0) context.progress(i, lines.length);
      if (isBlank(lines[i]!)) continue;
      docs.push(lineToDoc(lines[i]!, i + 1, options, context, skipped));
    }
    context.progress(lines.length, lines.length);
    if (skipped.count > 0) {
      const what = options.misaligned === "skip" ? "left out" : "left out (no token inside them)";
      context.warn(`${skipped.count} entit${skipped.count === 1 ? "y or span was" : "ies or spans were"} off token boundaries and ${what}.`);
    }
    return docs;
  },
};

function lineToDoc(line: string, lineNo: number, options: ConverterOptions, context: ConverterContext, skipped: { count: number }): Doc {
  const fail = (message: string, hint = SHAPE_HINT) => inputError(context, "E_JSONL", message, lineNo, hint);
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw inputError(context, "E_JSONL_SYNTAX", `This line is not valid JSON: ${(error as Error).message}`, lineNo, SHAPE_HINT);
  }
  if (typeof record !== "object" || record === null || Array.isArray(record)) throw fail("This line is not a JSON object.");
  const fields = record as Record<string, unknown>;
  if (typeof fields.text !== "string") throw fail(fields.text === undefined ? 'This line has no "text" field.' : 'The "text" field is not a string.');
  const text = fields.text;
  const doc = context.tokenizer().call(text);
  const cpLength = [...text].length;
  const toUtf16 = offsetMap(text).toUtf16;
  const mode = options.misaligned ?? "error";

  const toSpan = (span: CharSpan, what: string): Span | null => {
    if (span.end > cpLength)
      throw fail(`The ${what} [${span.start}, ${span.end}) '${span.label}' lies outside the text, which has ${cpLength} characters.`, offsetsHint());
    const found = doc.charSpan(toUtf16(span.start), toUtf16(span.end), { label: span.label, alignmentMode: alignment(mode) });
    if (found) return found;
    if (mode === "error")
      throw fail(
        `The ${what} [${span.start}, ${span.end}) '${span.label}' does not start and end on token boundaries: ${describeTokens(doc, toUtf16(span.start), toUtf16(span.end))}.`,
        misalignedHint(),
      );
    skipped.count++;
    return null;
  };

  if (fields.cats !== undefined) doc.cats = readCats(fields.cats, fail);
  if (fields.entities !== undefined) {
    const ents = readSpans(fields.entities, "entities", fail)
      .map((ent) => ({ ...ent, label: mapLabel(ent.label, options.nerMap) }))
      .filter((ent) => ent.label !== "")
      .map((ent) => toSpan(ent, "entity"))
      .filter((span): span is Span => span !== null);
    try {
      doc.ents = ents;
    } catch (error) {
      if (isTsnlpError(error)) throw fail(error.message, 'Entities cannot overlap; put overlapping spans under "spans" (span groups) instead.');
      throw error;
    }
  }
  if (fields.spans !== undefined) {
    const groups = Array.isArray(fields.spans) ? { [options.spansKey ?? "sc"]: fields.spans } : fields.spans;
    if (typeof groups !== "object" || groups === null) throw fail('"spans" must be a list of spans, or an object of span lists by key.');
    for (const [key, list] of Object.entries(groups)) {
      const spans = readSpans(list, `spans.${key}`, fail)
        .map((span) => toSpan(span, `span in group '${key}'`))
        .filter((span): span is Span => span !== null);
      doc.spans.set(key, spans);
    }
  }
  return doc;
}

function alignment(mode: MisalignedMode): "strict" | "expand" | "contract" {
  return mode === "expand" || mode === "contract" ? mode : "strict";
}

function mapLabel(label: string, nerMap: Readonly<Record<string, string>> | undefined): string {
  return nerMap && Object.hasOwn(nerMap, label) ? nerMap[label]! : label;
}

function readCats(value: unknown, fail: (message: string, hint?: string) => Error): Record<string, number> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw fail('"cats" must be an object of label: score, such as {"POSITIVE": 1.0, "NEGATIVE": 0.0}.');
  const cats: Record<string, number> = {};
  for (const [label, score] of Object.entries(value)) {
    if (typeof score === "boolean") cats[label] = score ? 1 : 0;
    else if (typeof score === "number" && Number.isFinite(score)) cats[label] = score;
    else
      throw fail(`The score of category '${label}' is ${JSON.stringify(score)}, not a number.`, 'Scores are numbers, usually 1.0 for "yes" and 0.0 for "no".');
  }
  return cats;
}

function readSpans(value: unknown, what: string, fail: (message: string, hint?: string) => Error): CharSpan[] {
  if (!Array.isArray(value)) throw fail(`"${what}" must be a list of [start, end, label].`);
  return value.map((item, k) => {
    const [start, end, label] = Array.isArray(item) ? item : typeof item === "object" && item !== null ? [item.start, item.end, item.label] : [];
    if (!Number.isInteger(start) || !Number.isInteger(end) || typeof label !== "string" || label === "") {
      throw fail(`Item ${k} of "${what}" (${JSON.stringify(item)}) is not [start, end, label] with integer offsets and a label.`, offsetsHint());
    }
    if (start < 0 || end <= start)
      throw fail(`Item ${k} of "${what}" has the offsets [${start}, ${end}); start must be at least 0 and below end.`, offsetsHint());
    return { start, end, label };
  });
}

function offsetsHint(): string {
  return "Offsets are [start, end) character positions in the text, counted in code points as Python counts them; end is exclusive.";
}

function misalignedHint(): string {
  return "Fix the offsets, or convert with --misaligned expand (grow it to whole tokens), contract (shrink it) or skip (leave it out).";
}

/** The tokens the character range touches, to show where the token boundaries are. */
function describeTokens(doc: Doc, start: number, end: number): string {
  const touched = doc.tokens.filter((token) => token.idx < end && token.idx + token.text.length > start).map((token) => JSON.stringify(token.text));
  const quoted = JSON.stringify(doc.text.slice(start, end));
  return touched.length > 0 ? `${quoted} cuts through the tokens ${touched.join(", ")}` : `${quoted} covers no token`;
}
