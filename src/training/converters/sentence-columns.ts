import { isSpace } from "../../lang/python-text.js";
import { Doc } from "../../tokens/doc.js";
import { EMPTY_MORPH } from "../../tokens/morphology.js";
import type { Vocab } from "../../tokens/vocab.js";
import type { TagSpan } from "./entity-tags.js";

/** One sentence's annotation, column by column, before it becomes (part of) a Doc. */
export interface SentenceColumns {
  words: string[];
  spaces: boolean[];
  tags: string[];
  pos: string[];
  /** FEATS as written in the file; "" where there are none. */
  morphs: string[];
  lemmas: string[];
  /** Head of each word, as an index into this sentence (a root is its own head). */
  heads: number[];
  deps: string[];
  /** Entities, or null where the file has no entity annotation. */
  ents: TagSpan[] | null;
}

/**
 * Sentences as one doc, like spaCy's Doc.from_docs with ensure_whitespace: a sentence that
 * ends without a space gets one, unless its last token is whitespace itself.
 */
export function joinSentences(sentences: readonly SentenceColumns[]): SentenceColumns {
  const out: SentenceColumns = { words: [], spaces: [], tags: [], pos: [], morphs: [], lemmas: [], heads: [], deps: [], ents: null };
  sentences.forEach((sentence, k) => {
    const offset = out.words.length;
    out.words.push(...sentence.words);
    out.spaces.push(...sentence.spaces);
    const last = out.words.length - 1;
    if (k < sentences.length - 1 && sentence.words.length > 0 && !isSpace(out.words[last]!)) out.spaces[last] = true;
    out.tags.push(...sentence.tags);
    out.pos.push(...sentence.pos);
    out.morphs.push(...sentence.morphs);
    out.lemmas.push(...sentence.lemmas);
    for (const head of sentence.heads) out.heads.push(head + offset);
    out.deps.push(...sentence.deps);
    if (sentence.ents) {
      out.ents ??= [];
      for (const ent of sentence.ents) out.ents.push({ start: ent.start + offset, end: ent.end + offset, label: ent.label });
    }
  });
  return out;
}

/**
 * The Doc of joined sentences. A word without features gets spaCy's empty analysis ("_"),
 * as spaCy's Doc does for a morph of "", so MORPH counts as annotated.
 */
export function buildDoc(vocab: Vocab, columns: SentenceColumns): Doc {
  const doc = new Doc(vocab, {
    words: columns.words,
    spaces: columns.spaces,
    tags: columns.tags,
    pos: columns.pos,
    morphs: columns.morphs.map((morph) => (morph === "" ? EMPTY_MORPH : morph)),
    lemmas: columns.lemmas,
    heads: columns.heads,
    deps: columns.deps,
  });
  if (columns.ents) doc.ents = columns.ents.map((ent) => doc.span(ent.start, ent.end, { label: ent.label }));
  return doc;
}
