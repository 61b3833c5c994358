/**
 * CoNLL-U to docs with the semantics of spaCy's conllu_to_docs (spaCy v3.5.4,
 * spacy/training/converters/conllu_to_docs.py): FORM, LEMMA, UPOS as pos, XPOS as tag
 * (UPOS where XPOS is "_"), FEATS as morph, HEAD and DEPREL ("root" becomes "ROOT"),
 * SpaceAfter=No from MISC, entities from MISC ("NE=B-PER", "name=B-PER" or "B-PER"), and
 * every nSents sentences joined into one doc with a space between sentences.
 *
 * Multiword tokens ("29-30 didn't") are split into their syntactic words with no space
 * between them, as spaCy does; with mergeSubtokens each becomes one token (see
 * conllu-merge.ts). Empty nodes ("8.1") are left out.
 *
 * spaCy crashes on malformed lines or builds wrong docs from them; here a line with other than
 * 10 columns, an ID out of sequence, a HEAD that is not a word of the sentence, a bad UPOS or
 * FEATS is an error naming the line.
 */
import { featsToDict } from "../../tokens/morphology.js";
import { isTsnlpError } from "../../util/errors.js";
import { mergeSubtokens } from "./conllu-merge.js";
import { mapEntityTag, type TagSpan, tagsToSpans } from "./entity-tags.js";
import { buildDoc, joinSentences, type SentenceColumns } from "./sentence-columns.js";
import { type Converter, type ConverterContext, type ConverterOptions, inputError, isBlank, PROGRESS_EVERY, splitLines } from "./types.js";

const COLUMNS = "ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC";

/** spaCy's parts of speech (spacy/parts_of_speech.pyx): the UD tags plus CONJ, EOL and SPACE. */
const UPOS = new Set("ADJ ADP ADV AUX CONJ CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X EOL SPACE".split(" "));

/**
 * An entity tag in one MISC part. spaCy's pattern is `^((?:name|NE)=)?([BILU])-([A-Z_]+)|O$`,
 * which silently ignores labels with lowercase letters or digits; any label is accepted here.
 */
const MISC_NER = /^(?:(?:name|NE)=)?(?:([BILU])-([^\s|]+)|O)$/;
const MISC_HAS_NER = /(?:^|\|)(?:(?:name|NE)=)?(?:[BILU]-[^\s|]+|O)(?:\||$)/;

interface Word {
  line: number;
  form: string;
  lemma: string;
  upos: string;
  xpos: string;
  feats: string;
  head: string;
  deprel: string;
  misc: string;
}

interface MultiwordToken {
  line: number;
  /** IDs of its first and last word. */
  first: number;
  last: number;
  form: string;
  misc: string;
}

interface Sentence {
  words: Word[];
  multiwords: MultiwordToken[];
}

export const conlluConverter: Converter = {
  name: "conllu",
  summary: "CoNLL-U (Universal Dependencies): words, lemmas, tags, morphology, dependencies, entities in MISC",
  convert(text, options, context) {
    const { sentences, hasEntities, lineCount } = parseConllu(text, context);
    const nSents = options.nSents ?? 1;
    context.info(nSents > 0 ? `Grouping every ${nSents} sentences into a document.` : "Putting all sentences of the file in one document.");
    if (nSents === 1) context.warn("To generate better training data, you may want to group sentences into documents with `--n-sents 10`.");
    const columns = sentences.map((sentence, k) => {
      if (k % 200 === 0) context.progress(lineCount + (sentence.words[0]?.line ?? 0), 2 * lineCount);
      return sentenceColumns(sentence, options, hasEntities, context);
    });
    const size = nSents > 0 ? nSents : Math.max(columns.length, 1);
    const docs = [];
    for (let i = 0; i < columns.length; i += size) docs.push(buildDoc(context.vocab, joinSentences(columns.slice(i, i + size))));
    context.progress(2 * lineCount, 2 * lineCount);
    return docs;
  },
};

function parseConllu(text: string, context: ConverterContext): { sentences: Sentence[]; hasEntities: boolean; lineCount: number } {
  const lines = splitLines(text);
  const sentences: Sentence[] = [];
  let hasEntities = false;
  // A treebank repeats a few hundred FEATS strings; each is checked once.
  const validFeats = new Set<string>();
  let sentence: Sentence = { words: [], multiwords: [] };
  const close = () => {
    if (sentence.words.length === 0 && sentence.multiwords.length === 0) return;
    checkSentence(sentence, context);
    sentences.push(sentence);
    sentence = { words: [], multiwords: [] };
  };
  for (let i = 0; i < lines.length; i++) {
    // Reading is the first half of the work, building the docs the second.
    if (i % PROGRESS_EVERY === 0) context.progress(i, 2 * lines.length);
    const line = lines[i]!;
    const lineNo = i + 1;
    if (isBlank(line)) {
      close();
      continue;
    }
    if (line.startsWith("#")) continue;
    const parts = line.split("\t");
    if (parts.length !== 10) {
      const spaced = parts.length < 10 && / /.test(line);
      throw inputError(
        context,
        "E_CONLLU_COLUMNS",
        `This line has ${parts.length} tab-separated column${parts.length === 1 ? "" : "s"}; CoNLL-U lines have 10 (${COLUMNS}).`,
        lineNo,
        spaced
          ? "CoNLL-U separates columns with tabs; this line seems to use spaces."
          : "Write '_' for an empty column; keep comments on lines that start with '#'.",
      );
    }
    const [id, form, lemma, upos, xpos, feats, head, deprel, , misc] = parts as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (!hasEntities && MISC_HAS_NER.test(misc)) hasEntities = true;
    if (/^\d+\.\d+$/.test(id)) continue;
    const range = /^(\d+)-(\d+)$/.exec(id);
    const next = sentence.words.length + 1;
    if (range) {
      const first = Number(range[1]);
      const last = Number(range[2]);
      const previous = sentence.multiwords.at(-1);
      if (previous !== undefined && previous.last >= first) {
        throw inputError(context, "E_CONLLU_ID", `The multiword token ${id} overlaps ${previous.first}-${previous.last}.`, lineNo);
      }
      if (first !== next || last < first) {
        throw inputError(context, "E_CONLLU_ID", `The multiword token ID ${id} should cover words ${next} to ${Math.max(next, last)}.`, lineNo, idHint());
      }
      sentence.multiwords.push({ line: lineNo, first, last, form, misc });
      continue;
    }
    if (!/^\d+$/.test(id)) {
      throw inputError(context, "E_CONLLU_ID", `'${id}' is not a CoNLL-U ID: a word number (5), a multiword range (5-6) or an empty node (5.1).`, lineNo);
    }
    if (Number(id) !== next) throw inputError(context, "E_CONLLU_ID", `Word ID ${id} where ${next} was expected.`, lineNo, idHint());
    if (upos !== "_" && !UPOS.has(upos)) {
      throw inputError(
        context,
        "E_CONLLU_UPOS",
        `'${upos}' is not a Universal Dependencies part-of-speech tag (UPOS column).`,
        lineNo,
        `Use one of ${[...UPOS].join(", ")}, or '_'.`,
      );
    }
    if (feats !== "_" && !validFeats.has(feats)) {
      checkFeats(feats, lineNo, context);
      validFeats.add(feats);
    }
    sentence.words.push({ line: lineNo, form, lemma, upos, xpos, feats, head, deprel, misc });
  }
  close();
  return { sentences, hasEntities, lineCount: lines.length };
}

function idHint(): string {
  return "Word IDs count up from 1 in each sentence, and sentences are separated by a blank line. Is a blank line missing?";
}

function checkFeats(feats: string, line: number, context: ConverterContext): void {
  try {
    featsToDict(feats);
  } catch (error) {
    if (isTsnlpError(error)) throw inputError(context, error.code, `FEATS column: ${error.message}`, line, error.hint);
    throw error;
  }
}

function checkSentence(sentence: Sentence, context: ConverterContext): void {
  const n = sentence.words.length;
  for (const multiword of sentence.multiwords) {
    if (multiword.last > n) {
      throw inputError(
        context,
        "E_CONLLU_ID",
        `The multiword token ${multiword.first}-${multiword.last} ends after the last word (${n}) of its sentence.`,
        multiword.line,
      );
    }
  }
  for (const word of sentence.words) {
    if (word.head === "_") continue;
    if (!/^\d+$/.test(word.head)) {
      throw inputError(
        context,
        "E_CONLLU_HEAD",
        `HEAD '${word.head}' is not a number.`,
        word.line,
        "HEAD is the ID of the word's head in its sentence, 0 for the root, or '_'.",
      );
    }
    if (Number(word.head) > n) {
      throw inputError(context, "E_CONLLU_HEAD", `HEAD ${word.head} is outside the sentence, which has ${n} word${n === 1 ? "" : "s"}.`, word.line, idHint());
    }
  }
}

function sentenceColumns(sentence: Sentence, options: ConverterOptions, hasEntities: boolean, context: ConverterContext): SentenceColumns {
  const { words, multiwords } = sentence;
  const n = words.length;
  const columns: SentenceColumns = { words: [], spaces: [], tags: [], pos: [], morphs: [], lemmas: [], heads: [], deps: [], ents: null };
  let multiwordIndex = 0;
  for (let i = 0; i < n; i++) {
    const word = words[i]!;
    const id = i + 1;
    const multiword = multiwords[multiwordIndex];
    const inMultiword = multiword !== undefined && multiword.first <= id && id <= multiword.last;
    columns.words.push(inMultiword && options.mergeSubtokens ? multiword.form : word.form);
    // Words inside a multiword token have no space between them; the last takes the token's SpaceAfter.
    if (inMultiword) columns.spaces.push(id === multiword.last ? !multiword.misc.includes("SpaceAfter=No") : false);
    else columns.spaces.push(!word.misc.includes("SpaceAfter=No"));
    if (inMultiword && id === multiword.last) multiwordIndex++;
    columns.tags.push(word.xpos === "_" ? word.upos : word.xpos);
    columns.pos.push(word.upos === "_" ? "" : word.upos);
    columns.morphs.push(word.feats === "_" ? "" : word.feats);
    columns.lemmas.push(word.lemma);
    columns.heads.push(word.head === "0" || word.head === "_" ? i : Number(word.head) - 1);
    columns.deps.push(word.deprel === "root" ? "ROOT" : word.deprel);
  }
  if (hasEntities) columns.ents = entitiesFromMisc(words, options);
  const spans = multiwords.map((multiword) => ({ start: multiword.first - 1, end: multiword.last, line: multiword.line }));
  const merged = options.mergeSubtokens && spans.length > 0 ? mergeSubtokens(columns, spans, context) : columns;
  if (options.morphology) merged.tags = merged.tags.map((tag, i) => (merged.morphs[i] ? `${tag}__${merged.morphs[i]}` : tag));
  return merged;
}

function entitiesFromMisc(words: Word[], options: ConverterOptions): TagSpan[] {
  const tags = words.map((word) => {
    for (const part of word.misc.split("|")) {
      const match = MISC_NER.exec(part);
      if (match) return match[1] ? mapEntityTag(`${match[1]}-${match[2]}`, options.nerMap) : "O";
    }
    return "O";
  });
  return tagsToSpans(tags);
}
