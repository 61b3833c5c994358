/**
 * Multiword tokens merged into one token, with the result spaCy's conllu_to_docs gets from
 * merge_conllu_subtokens and the retokenizer (spacy/tokens/_retokenize.pyx, _merge) in v3.5.4:
 *
 * - text: the multiword form ("didn't"), followed by the space of its last word;
 * - tag: the words' tags joined with "_" ("VBD_RB"); lemma: their lemmas joined with " ";
 * - morph: the union of their features, values of one field comma-joined and sorted;
 * - pos, dep and head: those of the span's root (a sentence root inside the span, else the
 *   word closest to the root; punctuation and space without children count as furthest away);
 * - entity: the root's type, as B unless the span continues an entity of that type.
 */
import type { Lexeme } from "../../tokens/lexeme.js";
import type { TagSpan } from "./entity-tags.js";
import type { SentenceColumns } from "./sentence-columns.js";
import { type ConverterContext, inputError } from "./types.js";

export interface WordRange {
  /** First word index. */
  start: number;
  /** One past the last word. */
  end: number;
  /** Line of the multiword token in the file. */
  line: number;
}

/** Entity codes as spaCy stores them per token. */
const IOB = { missing: 0, inside: 1, outside: 2, begin: 3 } as const;

export function mergeSubtokens(columns: SentenceColumns, ranges: readonly WordRange[], context: ConverterContext): SentenceColumns {
  const n = columns.words.length;
  const lexemes = columns.words.map((word) => context.vocab.get(word));
  const children = new Int32Array(n);
  columns.heads.forEach((head, i) => {
    if (head !== i) children[head]!++;
  });
  const roots = ranges.map((range) => spanRoot(columns.heads, range, lexemes, children, context));

  const entIob = new Uint8Array(n);
  const entType = new Array<string>(n).fill("");
  if (columns.ents) {
    entIob.fill(IOB.outside);
    for (const ent of columns.ents) {
      for (let i = ent.start; i < ent.end; i++) {
        entIob[i] = i === ent.start ? IOB.begin : IOB.inside;
        entType[i] = ent.label;
      }
    }
    ranges.forEach((range, k) => {
      mergeEntity(entIob, entType, range.start, roots[k]!);
    });
  }

  // Old word index -> index of the token it ends up in.
  const newIndex = new Int32Array(n);
  const rangeAt = new Map(ranges.map((range, k) => [range.start, k]));
  const out: SentenceColumns = { words: [], spaces: [], tags: [], pos: [], morphs: [], lemmas: [], heads: [], deps: [], ents: null };
  // For each new token: the old word whose head and dep it takes, and the one whose entity it takes.
  const syntaxFrom: number[] = [];
  const entityFrom: number[] = [];
  for (let i = 0; i < n; ) {
    const k = rangeAt.get(i);
    const target = out.words.length;
    if (k === undefined) {
      newIndex[i] = target;
      syntaxFrom.push(i);
      entityFrom.push(i);
      out.words.push(columns.words[i]!);
      out.spaces.push(columns.spaces[i]!);
      out.tags.push(columns.tags[i]!);
      out.pos.push(columns.pos[i]!);
      out.morphs.push(columns.morphs[i]!);
      out.lemmas.push(columns.lemmas[i]!);
      out.deps.push(columns.deps[i]!);
      i++;
      continue;
    }
    const range = ranges[k]!;
    const root = roots[k]!;
    for (let j = range.start; j < range.end; j++) newIndex[j] = target;
    syntaxFrom.push(root);
    entityFrom.push(range.start);
    out.words.push(columns.words[range.start]!);
    out.spaces.push(columns.spaces[range.end - 1]!);
    out.tags.push(columns.tags.slice(range.start, range.end).join("_"));
    out.pos.push(columns.pos[root]!);
    out.morphs.push(unionFeats(columns.morphs.slice(range.start, range.end)));
    out.lemmas.push(columns.lemmas.slice(range.start, range.end).join(" "));
    out.deps.push(columns.deps[root]!);
    i = range.end;
  }
  out.heads = syntaxFrom.map((old) => newIndex[columns.heads[old]!]!);
  if (columns.ents) {
    const types = entityFrom.map((old) => entType[old]!);
    out.ents = entitiesFromIob(
      makeIobConsistent(
        entityFrom.map((old) => entIob[old]!),
        types,
      ),
      types,
    );
  }
  return out;
}

/** spaCy's Span.root: a sentence root inside the span, else the word with the fewest steps to the root (first on ties). */
function spanRoot(heads: readonly number[], range: WordRange, lexemes: Lexeme[], children: Int32Array, context: ConverterContext): number {
  for (let i = range.start; i < range.end; i++) if (heads[i] === i) return i;
  let best = heads.length;
  let root = -1;
  for (let i = range.start; i < range.end; i++) {
    const head = heads[i]!;
    if (range.start <= head && head < range.end) continue;
    const steps = wordsToRoot(heads, i, lexemes, children, range, context);
    if (steps < best) {
      best = steps;
      root = i;
    }
  }
  return root === -1 ? range.start : root;
}

function wordsToRoot(heads: readonly number[], i: number, lexemes: Lexeme[], children: Int32Array, range: WordRange, context: ConverterContext): number {
  const n = heads.length;
  const lexeme = lexemes[i]!;
  if ((lexeme.isSpace || lexeme.isPunct) && children[i] === 0) return n - 1;
  let steps = 0;
  for (let node = i; heads[node] !== node; node = heads[node]!) {
    if (++steps >= n) {
      throw inputError(context, "E_CONLLU_CYCLE", "The HEAD column of this sentence forms a cycle, so its multiword tokens cannot be merged.", range.line);
    }
  }
  return steps;
}

/** The entity of a merged token, as spaCy's retokenizer sets it on the span's first word. */
function mergeEntity(entIob: Uint8Array, entType: string[], start: number, root: number): void {
  const startIob = entIob[start]!;
  const startType = entType[start]!;
  const type = entType[root]!;
  let iob = entIob[root]!;
  if (iob === IOB.inside || iob === IOB.begin) {
    iob = IOB.begin;
    if (startIob === IOB.inside && start > 0 && startType === type && entType[start - 1] === type) iob = IOB.inside;
  }
  entIob[start] = iob;
  entType[start] = type;
}

/** spaCy's make_iob_consistent: an I that does not continue an entity of its type becomes B. */
function makeIobConsistent(iob: number[], types: string[]): number[] {
  return iob.map((code, i) => (code === IOB.inside && (i === 0 || types[i - 1] !== types[i]) ? IOB.begin : code));
}

function entitiesFromIob(iob: number[], types: string[]): TagSpan[] {
  const ents: TagSpan[] = [];
  let start = -1;
  const close = (end: number) => {
    if (start >= 0) ents.push({ start, end, label: types[start]! });
    start = -1;
  };
  iob.forEach((code, i) => {
    if (code === IOB.begin) {
      close(i);
      start = i;
    } else if (code !== IOB.inside) close(i);
  });
  close(iob.length);
  return ents;
}

/** Features of several words as one analysis: fields sorted, each with its values sorted and comma-joined. */
function unionFeats(morphs: string[]): string {
  const fields = new Map<string, Set<string>>();
  for (const morph of morphs) {
    if (!morph) continue;
    for (const feature of morph.split("|")) {
      const eq = feature.indexOf("=");
      const field = feature.slice(0, eq);
      const values = fields.get(field) ?? new Set<string>();
      for (const value of feature.slice(eq + 1).split(",")) values.add(value);
      fields.set(field, values);
    }
  }
  return [...fields]
    .map(([field, values]) => `${field}=${[...values].sort().join(",")}`)
    .sort()
    .join("|");
}
