import { Doc } from "./doc.js";

/**
 * A deep copy of a doc with every annotation (spaCy's Doc.copy): tokens, tags, parse,
 * entities, sentence starts, cats, span groups (with their attrs), user data and the tensor.
 */
export function copyDoc(source: Doc): Doc {
  const doc = new Doc(source.vocab, {
    words: source.words,
    spaces: source.spaces,
    norms: source.norms,
    tags: source.tags,
    pos: source.pos,
    morphs: source.morphs,
    lemmas: source.lemmas,
  });
  doc.heads.set(source.heads);
  source.deps.forEach((dep, i) => {
    doc.deps[i] = dep;
  });
  doc.entIob.set(source.entIob);
  for (let i = 0; i < source.length; i++) {
    doc.entTypes[i] = source.entTypes[i]!;
    doc.entKbIds[i] = source.entKbIds[i]!;
    doc.entIds[i] = source.entIds[i]!;
  }
  doc.sentStarts.set(source.sentStarts);
  doc.cats = { ...source.cats };
  for (const key of source.spans.keys()) {
    const group = source.spans.get(key)!;
    doc.spans.set(
      key,
      group.spans.map((span) => doc.span(span.start, span.end, { label: span.label, kbId: span.kbId, id: span.id })),
      structuredClone(group.attrs),
    );
  }
  doc.hasUnknownSpaces = source.hasUnknownSpaces;
  doc.userData = structuredClone(source.userData);
  doc.tensor = source.tensor ? { data: source.tensor.data.slice(), width: source.tensor.width } : null;
  return doc;
}
