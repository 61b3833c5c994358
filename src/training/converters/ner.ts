/**
 * Token-per-line NER columns (CoNLL-2003, WNUT-17): the word first, the entity tag last and,
 * with three or more columns, the tag second; blank lines between sentences and "-DOCSTART-"
 * lines between documents. The options work as in spaCy's conll_ner_to_docs
 * (spacy/training/converters/conll_ner_to_docs.py, v3.5.4): nSents groups sentences where the
 * file has no -DOCSTART- lines, and segSents splits a file without blank lines into sentences.
 *
 * Where spaCy differs: any line whose first column is -DOCSTART- separates documents (spaCy
 * only knows "-DOCSTART- -X- O O", and reads CoNLL-2003's "-DOCSTART- -X- -X- O" as a word); a
 * line of spaces or tabs separates sentences (spaCy needs an empty line, so WNUT-17's train file
 * loses most of its sentence breaks there); lines with a different number of columns and tags
 * that are not entity tags are errors naming the line; files with two columns leave tags unset
 * (spaCy tags every token "-").
 */
import { Doc } from "../../tokens/doc.js";
import { ENTITY_TAG_HINT, isEntityTag, mapEntityTag, tagsToSpans } from "./entity-tags.js";
import { sentenceStarts } from "./sentencizer.js";
import { type Converter, type ConverterContext, type ConverterOptions, inputError, isBlank, PROGRESS_EVERY, splitFields, splitLines } from "./types.js";

interface Row {
  fields: string[];
  line: number;
}

/** Documents, each a list of sentences, each a list of rows. */
type Sections = Row[][][];

interface ParsedColumns {
  sections: Sections;
  hasDocStarts: boolean;
  /** Whether a blank line separates two sentences anywhere. */
  hasSentenceBreaks: boolean;
  width: number;
}

export const nerConverter: Converter = {
  name: "ner",
  summary: "token-per-line columns, entity tag last (CoNLL-2003, WNUT-17), blank line between sentences",
  convert(text, options, context) {
    const parsed = parseColumns(text, options, context);
    return arrangeDocs(parsed, options, context).map((sentences) => rowsToDoc(sentences, parsed.width, context));
  },
};

function parseColumns(text: string, options: ConverterOptions, context: ConverterContext): ParsedColumns {
  const lines = splitLines(text);
  const sections: Sections = [[]];
  let sentence: Row[] = [];
  let hasDocStarts = false;
  let width = 0;
  const closeSentence = () => {
    if (sentence.length > 0) sections.at(-1)!.push(sentence);
    sentence = [];
  };
  for (let i = 0; i < lines.length; i++) {
    if (i % PROGRESS_EVERY === 0) context.progress(i, lines.length);
    const line = lines[i]!;
    if (isBlank(line)) {
      closeSentence();
      continue;
    }
    const fields = splitFields(line);
    if (fields[0] === "-DOCSTART-") {
      closeSentence();
      hasDocStarts = true;
      sections.push([]);
      continue;
    }
    if (width === 0) {
      width = fields.length;
      if (width < 2) {
        throw inputError(
          context,
          "E_NER_COLUMNS",
          "This line has one column; NER files need at least two (the word, then the entity tag last).",
          i + 1,
          columnsHint(),
        );
      }
    } else if (fields.length !== width) {
      throw inputError(context, "E_NER_COLUMNS", `This line has ${fields.length} columns; the first line of the file has ${width}.`, i + 1, columnsHint());
    }
    const tag = fields[width - 1]!;
    if (!isEntityTag(tag)) throw inputError(context, "E_ENTITY_TAG", `'${tag}' (last column) is not an entity tag.`, i + 1, ENTITY_TAG_HINT);
    fields[width - 1] = mapEntityTag(tag, options.nerMap);
    sentence.push({ fields, line: i + 1 });
  }
  closeSentence();
  context.progress(lines.length, lines.length);
  const nonEmpty = sections.filter((section) => section.length > 0);
  return { sections: nonEmpty, hasDocStarts, hasSentenceBreaks: nonEmpty.some((section) => section.length > 1), width };
}

function columnsHint(): string {
  return "Columns are separated by spaces or tabs: the word first, the entity tag (IOB or BILUO) last, and optionally the tag second. A word cannot contain spaces.";
}

/** Sentences grouped into docs following the options, with spaCy's messages. */
function arrangeDocs(parsed: ParsedColumns, options: ConverterOptions, context: ConverterContext): Sections {
  let nSents = options.nSents ?? 1;
  let segSents = options.segSents ?? false;
  const { hasDocStarts, hasSentenceBreaks } = parsed;
  if (hasSentenceBreaks && segSents) {
    context.warn("Sentence boundaries found, automatic sentence segmentation with `--seg-sents` disabled.");
    segSents = false;
  }
  if (hasDocStarts && nSents > 0) {
    context.warn("Document delimiters found, automatic document segmentation with `--n-sents` disabled.");
    nSents = 0;
  }
  let sections = parsed.sections;
  if (!hasSentenceBreaks && segSents) {
    context.info("Segmenting sentences with the sentencizer.");
    sections = sections.map((sentences) => sentences.flatMap((rows) => segment(rows, context)));
  } else if (!hasSentenceBreaks && !hasDocStarts && nSents > 0) {
    context.warn(
      `No sentence boundaries found to use with option \`--n-sents ${nSents}\`. Use \`--seg-sents\` to automatically segment sentences or \`--n-sents 0\` to disable.`,
    );
  } else if (!hasSentenceBreaks) {
    context.warn("No sentence boundaries found. Use `--seg-sents` to automatically segment sentences.");
  }
  if (!hasDocStarts && nSents > 0 && (hasSentenceBreaks || segSents)) {
    context.info(`Grouping every ${nSents} sentences into a document.`);
    if (nSents === 1) context.warn("To generate better training data, you may want to group sentences into documents with `--n-sents 10`.");
    const sentences = sections.flat();
    sections = [];
    for (let i = 0; i < sentences.length; i += nSents) sections.push(sentences.slice(i, i + nSents));
  }
  if (!hasDocStarts && nSents === 0) context.warn("No document delimiters found. Use `--n-sents` to automatically group sentences into documents.");
  return sections;
}

function segment(rows: Row[], context: ConverterContext): Row[][] {
  const starts = sentenceStarts(
    rows.map((row) => row.fields[0]!),
    context.vocab,
  );
  const sentences: Row[][] = [];
  rows.forEach((row, i) => {
    if (starts[i] || sentences.length === 0) sentences.push([]);
    sentences.at(-1)!.push(row);
  });
  return sentences;
}

/** spaCy builds these docs from words alone, so the spaces between tokens are unknown. */
function rowsToDoc(sentences: Row[][], width: number, context: ConverterContext): Doc {
  const words: string[] = [];
  const tags: string[] = [];
  const sentStarts: boolean[] = [];
  const spans: Array<{ start: number; end: number; label: string }> = [];
  for (const rows of sentences) {
    const offset = words.length;
    rows.forEach((row, i) => {
      words.push(row.fields[0]!);
      if (width > 2) tags.push(row.fields[1]!);
      sentStarts.push(i === 0);
    });
    const ents = tagsToSpans(rows.map((row) => row.fields[width - 1]!));
    for (const ent of ents) spans.push({ start: ent.start + offset, end: ent.end + offset, label: ent.label });
  }
  const doc = new Doc(context.vocab, { words, sentStarts, tags: width > 2 ? tags : undefined });
  doc.hasUnknownSpaces = true;
  doc.ents = spans.map((span) => doc.span(span.start, span.end, { label: span.label }));
  return doc;
}
