import { TsnlpError } from "../util/errors.js";
import type { Doc } from "./doc.js";
import { meanVector, rangeHasVector, similarity, vectorNorm } from "./similarity.js";
import type { Token } from "./token.js";

export interface SpanOptions {
  label?: string;
  kbId?: string;
  id?: string;
}

/** A slice of a Doc, tokens [start, end), with an optional label (entities, span groups). */
export class Span {
  readonly label: string;
  readonly kbId: string;
  readonly id: string;

  constructor(
    readonly doc: Doc,
    readonly start: number,
    readonly end: number,
    options: SpanOptions = {},
  ) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > doc.length || start > end) {
      throw new TsnlpError("E_SPAN_RANGE", `The span [${start}, ${end}) does not fit a doc of ${doc.length} tokens.`, {
        hint: "Span offsets are token indices with 0 <= start <= end <= number of tokens.",
      });
    }
    this.label = options.label ?? "";
    this.kbId = options.kbId ?? "";
    this.id = options.id ?? "";
  }

  get length(): number {
    return this.end - this.start;
  }

  get startChar(): number {
    return this.start < this.doc.length ? this.doc.idx[this.start]! : this.doc.text.length;
  }

  get endChar(): number {
    if (this.end === this.start) return this.startChar;
    return this.doc.idx[this.end - 1]! + this.doc.lexemes[this.end - 1]!.orth.length;
  }

  get text(): string {
    return this.doc.text.slice(this.startChar, this.endChar);
  }

  get textWithWs(): string {
    const trailing = this.end > this.start && this.doc.spaces[this.end - 1] ? " " : "";
    return this.text + trailing;
  }

  get tokens(): Token[] {
    return this.doc.tokens.slice(this.start, this.end);
  }

  [Symbol.iterator](): IterableIterator<Token> {
    return this.tokens[Symbol.iterator]();
  }

  /** The token whose head lies outside the span (the first such token). */
  get root(): Token {
    const tokens = this.tokens;
    return tokens.find((token) => token.head.i < this.start || token.head.i >= this.end || token.head.i === token.i) ?? tokens[0]!;
  }

  withLabel(label: string): Span {
    return new Span(this.doc, this.start, this.end, { label, kbId: this.kbId, id: this.id });
  }

  equals(other: Span): boolean {
    return other.doc === this.doc && other.start === this.start && other.end === this.end && other.label === this.label && other.kbId === this.kbId;
  }

  /** The mean of the token vectors (spaCy's Span.vector); zeros when there are none. */
  get vector(): Float32Array {
    return meanVector(this.doc, this.start, this.end);
  }

  get vectorNorm(): number {
    return vectorNorm(this.vector);
  }

  get hasVector(): boolean {
    return rangeHasVector(this.doc, this.start, this.end);
  }

  /** Cosine similarity of the vectors (1 for the same words, 0 when either vector is empty). */
  similarity(other: Doc | Span | Token): number {
    return similarity(this, other);
  }

  toString(): string {
    return this.text;
  }
}
