import type { Doc } from "../tokens/doc.js";
import { Span } from "../tokens/span.js";
import { TsnlpError } from "../util/errors.js";

/** Reads the spans of a doc to score (spaCy's getter(doc, attr)). */
export type SpanGetter = (doc: Doc, attr: string) => Iterable<Span>;

/** The doc's sentences, read from its sentence starts without requiring any. */
export function sentenceSpans(doc: Doc): Span[] {
  return doc.sentenceBounds().map(([start, end]) => new Span(doc, start, end));
}

/** The span group under `key`, or none when the doc has no such group (doc.spans.get(key, [])). */
export function spanGroupSpans(doc: Doc, key: string): Span[] {
  return doc.spans.get(key)?.spans ?? [];
}

/** The default getter: "ents", "sents", or "spans_KEY" for the span group KEY. */
export const getDocSpans: SpanGetter = (doc, attr) => {
  if (attr === "ents") return doc.ents;
  if (attr === "sents") return sentenceSpans(doc);
  if (attr.startsWith("spans_")) return spanGroupSpans(doc, attr.slice("spans_".length));
  throw new TsnlpError("E_SCORER_ATTR", `Cannot score the spans '${attr}': there is no default getter for them.`, {
    hint: 'Pass a getter, or score "ents", "sents" or "spans_KEY" (the span group KEY).',
  });
};
