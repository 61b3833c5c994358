/**
 * One sentence per line, tokens "word|entity" or "word|tag|entity" separated by spaces, as
 * spaCy's iob_to_docs (spacy/training/converters/iob_to_docs.py, v3.5.4) reads them. IOB1,
 * IOB2 and BILUO tags are accepted. Unlike spaCy, an entity does not run on from one
 * sentence into the next, blank lines do not count as sentences when grouping, a word whose
 * tag does not read as an entity tag is an error naming its line, and "word|entity" lines
 * leave the tags unset (spaCy tags every token "-", which a tagger would learn as a label).
 */
import { Doc } from "../../tokens/doc.js";
import { ENTITY_TAG_HINT, isEntityTag, mapEntityTag, tagsToSpans } from "./entity-tags.js";
import { type Converter, type ConverterContext, type ConverterOptions, inputError, isBlank, PROGRESS_EVERY, splitFields, splitLines } from "./types.js";

interface IobSentence {
  words: string[];
  /** Tags from the middle field, or null for "word|entity" lines. */
  tags: string[] | null;
  ents: string[];
}

export const iobConverter: Converter = {
  name: "iob",
  summary: "one sentence per line, tokens word|entity or word|tag|entity (IOB or BILUO)",
  convert(text, options, context) {
    const sentences = parseIob(text, options, context);
    const nSents = options.nSents ?? 1;
    if (nSents > 0) {
      context.info(`Grouping every ${nSents} sentences into a document.`);
      if (nSents === 1) context.warn("To generate better training data, you may want to group sentences into documents with `--n-sents 10`.");
    }
    const size = nSents > 0 ? nSents : Math.max(sentences.length, 1);
    const docs: Doc[] = [];
    for (let i = 0; i < sentences.length; i += size) docs.push(sentencesToDoc(sentences.slice(i, i + size), context));
    return docs;
  },
};

function parseIob(text: string, options: ConverterOptions, context: ConverterContext): IobSentence[] {
  const lines = splitLines(text);
  const sentences: IobSentence[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (i % PROGRESS_EVERY === 0) context.progress(i, lines.length);
    const line = lines[i]!;
    if (isBlank(line)) continue;
    const tokens = splitFields(line).map((token) => token.split("|"));
    const width = tokens[0]!.length;
    const sentence: IobSentence = { words: [], tags: width === 3 ? [] : null, ents: [] };
    for (const parts of tokens) {
      if (parts.length !== width || (width !== 2 && width !== 3)) {
        throw inputError(
          context,
          "E_IOB_TOKEN",
          `The token '${parts.join("|")}' has ${parts.length} field${parts.length === 1 ? "" : "s"}${parts.length === width ? "" : ` where the line's first token has ${width}`}.`,
          i + 1,
          'Write every token of a line as word|entity or every token as word|tag|entity, e.g. "London|NNP|B-GPE".',
        );
      }
      const ent = parts[width - 1]!;
      if (!isEntityTag(ent)) throw inputError(context, "E_ENTITY_TAG", `'${ent}' (token '${parts.join("|")}') is not an entity tag.`, i + 1, ENTITY_TAG_HINT);
      sentence.words.push(parts[0]!);
      if (sentence.tags) sentence.tags.push(parts[1]!);
      sentence.ents.push(mapEntityTag(ent, options.nerMap));
    }
    sentences.push(sentence);
  }
  context.progress(lines.length, lines.length);
  return sentences;
}

/** spaCy builds these docs from words alone, so the spaces between tokens are unknown. */
function sentencesToDoc(sentences: IobSentence[], context: ConverterContext): Doc {
  const words: string[] = [];
  const sentStarts: boolean[] = [];
  const tags: string[] = [];
  const spans: Array<{ start: number; end: number; label: string }> = [];
  const hasTags = sentences.some((sentence) => sentence.tags);
  for (const sentence of sentences) {
    const offset = words.length;
    sentence.words.forEach((word, i) => {
      words.push(word);
      sentStarts.push(i === 0);
    });
    if (hasTags) tags.push(...(sentence.tags ?? sentence.words.map(() => "")));
    for (const span of tagsToSpans(sentence.ents)) spans.push({ start: span.start + offset, end: span.end + offset, label: span.label });
  }
  const doc = new Doc(context.vocab, { words, sentStarts, tags: hasTags ? tags : undefined });
  doc.hasUnknownSpaces = true;
  doc.ents = spans.map((span) => doc.span(span.start, span.end, { label: span.label }));
  return doc;
}
