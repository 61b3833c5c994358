/**
 * A doc's dependency parse as displaCy draws it (spaCy 3.5.4 parse_deps in
 * spacy/displacy/__init__.py): one entry per word, and one arc per token whose head is
 * another token, pointing from the head to the dependent. With `collapsePunct` (displaCy's
 * default) a word and the punctuation right after it show as one word, as spaCy's
 * retokenizer merges them: the merged word takes the tag and lemma of its first token, and the
 * part of speech, head and label of the span's root.
 */
import type { Doc } from "../tokens/doc.js";

export interface DepWord {
  text: string;
  /** The coarse part of speech, or the fine-grained tag with `fineGrained`. */
  tag: string;
  /** Only with `addLemma`. */
  lemma: string | null;
}

export interface DepArc {
  /** The word on the left and the word on the right (indices into the words). */
  start: number;
  end: number;
  label: string;
  /** "left" when the arrow points at the left word (the dependent is on the left). */
  dir: "left" | "right";
}

export interface DepParse {
  words: DepWord[];
  arcs: DepArc[];
}

export interface ParseDepsOptions {
  /** Show a word and the punctuation that follows it as one word; true by default. */
  collapsePunct?: boolean;
  /** Show fine-grained tags (doc.tags) instead of coarse parts of speech. */
  fineGrained?: boolean;
  addLemma?: boolean;
}

/**
 * The words and arcs of doc tokens [start, end) (a sentence, or the whole doc by default); heads
 * outside the range count as roots.
 */
export function parseDeps(doc: Doc, options: ParseDepsOptions = {}, start = 0, end = doc.length): DepParse {
  const groups = options.collapsePunct === false ? singleTokens(start, end) : punctGroups(doc, start, end);
  const wordOf = new Int32Array(doc.length).fill(-1);
  groups.forEach(([first, last], word) => {
    for (let i = first; i < last; i++) wordOf[i] = word;
  });
  const heads = (i: number) => {
    const head = doc.heads[i]!;
    return head >= start && head < end ? head : i;
  };
  const words: DepWord[] = [];
  const arcs: DepArc[] = [];
  groups.forEach(([first, last], word) => {
    const root = spanRoot(doc, first, last, heads);
    words.push({
      text: doc.text.slice(doc.idx[first]!, doc.idx[last - 1]! + doc.lexemes[last - 1]!.orth.length),
      tag: options.fineGrained ? doc.tags[first]! : doc.pos[root]!,
      lemma: options.addLemma ? doc.lemmas[first]! : null,
    });
    const head = wordOf[heads(root)]!;
    if (head === word || head < 0) return;
    const label = doc.deps[root]!;
    arcs.push(word < head ? { start: word, end: head, label, dir: "left" } : { start: head, end: word, label, dir: "right" });
  });
  return { words, arcs };
}

function singleTokens(start: number, end: number): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  for (let i = start; i < end; i++) groups.push([i, i + 1]);
  return groups;
}

/** Token ranges: each word with the run of punctuation after it, every other token alone. */
function punctGroups(doc: Doc, start: number, end: number): Array<[number, number]> {
  const groups: Array<[number, number]> = [];
  let i = start;
  while (i < end) {
    let last = i + 1;
    if (!doc.lexemes[i]!.isPunct) while (last < end && doc.lexemes[last]!.isPunct) last++;
    groups.push([i, last]);
    i = last;
  }
  return groups;
}

/** spaCy's Span.root: a token that is its own head, else the first of those closest to the tree's root. */
function spanRoot(doc: Doc, first: number, last: number, heads: (i: number) => number): number {
  for (let i = first; i < last; i++) if (heads(i) === i) return i;
  let best = -1;
  let bestDepth = Number.POSITIVE_INFINITY;
  for (let i = first; i < last; i++) {
    const head = heads(i);
    if (head >= first && head < last) continue;
    let depth = 0;
    for (let node = i; heads(node) !== node && depth < doc.length; node = heads(node)) depth++;
    if (depth < bestDepth) {
      bestDepth = depth;
      best = i;
    }
  }
  return best < 0 ? first : best;
}
