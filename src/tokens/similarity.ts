/**
 * Vectors and similarity of tokens, spans and docs, as spaCy v3.5.4 computes them
 * (spacy/tokens/token.pyx, span.pyx, doc.pyx):
 *
 * - a token's vector is its row of the vocab's vectors table (looked up by ORTH, or LOWER
 *   when the table says so), zeros when it has none; with no vectors table at all, its row of
 *   doc.tensor (what a tok2vec wrote), when there is one;
 * - a span's or doc's vector is the mean of its tokens' vectors;
 * - similarity is the cosine of the two vectors; it is 1 for the same words, and 0 when either
 *   vector is all zeros (with spaCy's warnings W007 and W008).
 */
import type { Doc } from "./doc.js";
import type { Span } from "./span.js";
import type { Token } from "./token.js";
import type { Vocab } from "./vocab.js";

export type HasVector = Doc | Span | Token;

/** Whether the vocab's vectors table has no floats at all (spaCy: vectors.size == 0). */
function noVectors(vocab: Vocab): boolean {
  return vocab.vectors.data.length === 0;
}

function tensorOf(doc: Doc): { data: Float32Array; width: number } | null {
  return doc.tensor && doc.tensor.data.length > 0 ? doc.tensor : null;
}

/** The string a token is looked up by in the vectors table. */
export function vectorKey(doc: Doc, i: number): string {
  const lexeme = doc.lexemes[i]!;
  return doc.vocab.vectors.attr === "LOWER" ? lexeme.lower : lexeme.orth;
}

export function tokenVector(doc: Doc, i: number): Float32Array {
  const vectors = doc.vocab.vectors;
  const tensor = tensorOf(doc);
  if (noVectors(doc.vocab) && tensor) return tensor.data.slice(i * tensor.width, (i + 1) * tensor.width);
  return vectors.get(vectorKey(doc, i))?.slice() ?? new Float32Array(vectors.width);
}

export function tokenHasVector(doc: Doc, i: number): boolean {
  if (noVectors(doc.vocab) && tensorOf(doc)) return true;
  return doc.vocab.vectors.has(vectorKey(doc, i));
}

/** The mean of the vectors of tokens [start, end); zeros of the table's width when empty. */
export function meanVector(doc: Doc, start: number, end: number): Float32Array {
  const n = end - start;
  if (n <= 0) return new Float32Array(doc.vocab.vectors.width);
  const first = tokenVector(doc, start);
  const sum = Float64Array.from(first);
  for (let i = start + 1; i < end; i++) {
    const vector = tokenVector(doc, i);
    for (let k = 0; k < sum.length; k++) sum[k]! += vector[k]!;
  }
  return Float32Array.from(sum, (value) => value / n);
}

export function rangeHasVector(doc: Doc, start: number, end: number): boolean {
  if (!noVectors(doc.vocab)) {
    for (let i = start; i < end; i++) if (tokenHasVector(doc, i)) return true;
    return false;
  }
  return tensorOf(doc) !== null;
}

/** L2 norm, 0 for a zero vector. */
export function vectorNorm(vector: Float32Array): number {
  let sum = 0;
  for (const value of vector) sum += value * value;
  return sum === 0 ? 0 : Math.sqrt(sum);
}

/** Cosine similarity with spaCy's shortcuts and warnings; `self` names the caller in warnings. */
export function similarity(self: HasVector, other: HasVector): number {
  if (sameWords(self, other)) return 1.0;
  const kind = kindOf(self);
  if (vocabOf(self).vectors.nKeys === 0) {
    warnOnce(
      "W007",
      kind,
      `The model you're using has no word vectors loaded, so the result of the ${kind}.similarity method will be based on the tagger, parser and NER, which may not give useful similarity judgements. This may happen if you're using one of the small models, e.g. \`en_core_web_sm\`, which don't ship with word vectors and only use context-sensitive tensors. You can always add your own word vectors, or use one of the larger models instead if available.`,
    );
  }
  const a = self.vector;
  const b = other.vector;
  const normA = vectorNorm(a);
  const normB = vectorNorm(b);
  if (normA === 0 || normB === 0) {
    if (!self.hasVector || !other.hasVector) warnOnce("W008", kind, `Evaluating ${kind}.similarity based on empty vectors.`);
    return 0.0;
  }
  if (a.length !== b.length) return 0.0;
  let dot = 0;
  for (let k = 0; k < a.length; k++) dot += a[k]! * b[k]!;
  return dot / (normA * normB);
}

function kindOf(x: HasVector): "Doc" | "Span" | "Token" {
  if ("lexemes" in x) return "Doc";
  return "start" in x ? "Span" : "Token";
}

function vocabOf(x: HasVector): Vocab {
  return "lexemes" in x ? x.vocab : x.doc.vocab;
}

function orthsOf(x: HasVector): string[] {
  if ("lexemes" in x) return x.words;
  if ("start" in x) return x.doc.words.slice(x.start, x.end);
  return [x.orth];
}

/** spaCy returns 1.0 without looking at vectors for the same words: a token and a one-token span or doc, or two sequences word for word. */
function sameWords(a: HasVector, b: HasVector): boolean {
  const wordsA = orthsOf(a);
  const wordsB = orthsOf(b);
  return wordsA.length === wordsB.length && wordsA.every((word, i) => word === wordsB[i]);
}

const warned = new Set<string>();

/** Like Python's default warning filter: each warning once per place (here, per kind of object). */
function warnOnce(code: string, kind: string, message: string): void {
  const key = `${code}:${kind}`;
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(message, { code });
}
