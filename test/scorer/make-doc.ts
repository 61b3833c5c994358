import { Doc, type DocInit } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Span } from "../../src/tokens/span.js";
import { Vocab } from "../../src/tokens/vocab.js";

const vocab = new Vocab();

export interface DocSpec extends Omit<DocInit, "words"> {
  /** Span groups: key -> [start, end, label]. */
  spans?: Record<string, Array<[number, number, string]>>;
  cats?: Record<string, number>;
  /** Knowledge-base ids of the entities, in order. */
  kb?: string[];
  unknownSpaces?: boolean;
}

/** A doc built the way the reference numbers were: "" marks a missing value. */
export function mk(words: string[], spec: DocSpec = {}): Doc {
  const { spans, cats, kb, unknownSpaces, ...init } = spec;
  const doc = new Doc(vocab, { words, ...init });
  if (kb) doc.setEnts(doc.ents.map((ent, i) => new Span(doc, ent.start, ent.end, { label: ent.label, kbId: kb[i] })));
  for (const [key, items] of Object.entries(spans ?? {})) {
    doc.spans.set(
      key,
      items.map(([start, end, label]) => new Span(doc, start, end, { label })),
    );
  }
  if (cats) doc.cats = { ...cats };
  if (unknownSpaces) doc.hasUnknownSpaces = true;
  return doc;
}

export function eg(predicted: Doc, reference: Doc): Example {
  return new Example(predicted, reference);
}
