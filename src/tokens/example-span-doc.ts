import { Doc } from "./doc.js";
import type { Span } from "./span.js";

/**
 * A new Doc with a copy of tokens [start, end) of `source` and their annotations (spaCy's
 * Span.as_doc, which Example.splitSents uses). As in spaCy: a token whose head lies outside
 * the slice is attached to its highest ancestor inside it, or else becomes a root (one per
 * tree), and gets the label "dep"; entities cut by either edge become unknown; cats, span
 * groups and user data are not copied.
 */
export function spanToDoc(source: Doc, start: number, end: number): Doc {
  const doc = new Doc(source.vocab, {
    words: source.lexemes.slice(start, end).map((lexeme) => lexeme.orth),
    spaces: source.spaces.slice(start, end),
    norms: source.norms.slice(start, end),
    tags: source.tags.slice(start, end),
    pos: source.pos.slice(start, end),
    morphs: source.morphs.slice(start, end),
    lemmas: source.lemmas.slice(start, end),
  });
  doc.sentStarts.set(source.sentStarts.subarray(start, end));
  copyEntities(source, start, end, doc);
  const [heads, deps] = headsInside(source, start, end);
  doc.setParse(heads, deps);
  return doc;
}

function copyEntities(source: Doc, start: number, end: number, doc: Doc): void {
  doc.entIob.set(source.entIob.subarray(start, end));
  for (let i = start; i < end; i++) {
    doc.entTypes[i - start] = source.entTypes[i]!;
    doc.entKbIds[i - start] = source.entKbIds[i]!;
    doc.entIds[i - start] = source.entIds[i]!;
  }
  if (doc.entIob[0] === 1) doc.entIob[0] = 3;
  const ents = doc.ents;
  const isCut = (ent: Span) => {
    const [entStart, entEnd] = entityAround(source, ent.start + start);
    return entStart !== ent.start + start || entEnd !== ent.end + start;
  };
  // Only the first and the last entity can reach beyond the slice.
  const edges = ents.length > 1 ? [ents[0]!, ents[ents.length - 1]!] : ents;
  const cut = edges.filter(isCut);
  if (cut.length > 0) doc.setEnts([], { missing: cut, default: "unmodified" });
}

/** [start, end) of the source entity that contains token i, read from the IOB codes as Doc.ents reads them. */
function entityAround(doc: Doc, i: number): [number, number] {
  const continues = (k: number) => doc.entIob[k] === 1 && k > 0 && (doc.entIob[k - 1] === 1 || doc.entIob[k - 1] === 3);
  let start = i;
  while (continues(start)) start--;
  let end = i + 1;
  while (end < doc.length && doc.entIob[end] === 1) end++;
  return [start, end];
}

/** spaCy's Span._fix_dep_copy: heads relative to the slice, rewired where they point outside it. */
function headsInside(source: Doc, start: number, end: number): [number[], string[]] {
  const n = end - start;
  const heads = new Array<number>(n);
  const deps = source.deps.slice(start, end);
  const newRootOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const head = source.heads[start + i]!;
    if (head >= start && head < end) {
      heads[i] = head - start;
      continue;
    }
    deps[i] = "dep";
    let inside = -1;
    let top = head;
    for (let steps = 0; steps < source.length; steps++) {
      if (top >= start && top < end) inside = top - start;
      const next = source.heads[top]!;
      if (next === top) break;
      top = next;
    }
    if (inside >= 0) heads[i] = inside;
    else {
      const root = newRootOf.get(top);
      if (root !== undefined) heads[i] = root;
      else {
        heads[i] = i;
        newRootOf.set(top, i);
      }
    }
  }
  return [heads, deps];
}
