import type { IobTag } from "./attrs.js";
import type { Doc } from "./doc.js";
import type { Lexeme } from "./lexeme.js";
import { EMPTY_MORPH, featsToDict, type MorphFeatures } from "./morphology.js";
import { similarity, tokenHasVector, tokenVector, vectorNorm } from "./similarity.js";
import type { Span } from "./span.js";

/** A view of one token of a Doc: reading or setting a property reads or sets the doc's column. */
export class Token {
  constructor(
    readonly doc: Doc,
    readonly i: number,
  ) {}

  get lex(): Lexeme {
    return this.doc.lexemes[this.i]!;
  }

  get text(): string {
    return this.lex.orth;
  }

  get orth(): string {
    return this.lex.orth;
  }

  get whitespace(): string {
    return this.doc.spaces[this.i] ? " " : "";
  }

  get textWithWs(): string {
    return this.text + this.whitespace;
  }

  /** Character offset in doc.text. */
  get idx(): number {
    return this.doc.idx[this.i]!;
  }

  get length(): number {
    return this.lex.length;
  }

  get lower(): string {
    return this.lex.lower;
  }

  get norm(): string {
    return this.doc.norms[this.i] || this.lex.norm;
  }

  set norm(value: string) {
    this.doc.norms[this.i] = value;
  }

  get shape(): string {
    return this.lex.shape;
  }

  get prefix(): string {
    return this.lex.prefix;
  }

  get suffix(): string {
    return this.lex.suffix;
  }

  get tag(): string {
    return this.doc.tags[this.i]!;
  }

  set tag(value: string) {
    this.doc.tags[this.i] = value;
  }

  get pos(): string {
    return this.doc.pos[this.i]!;
  }

  set pos(value: string) {
    this.doc.pos[this.i] = value;
  }

  /** UD FEATS ("" when none or not annotated). */
  get morph(): string {
    const morph = this.doc.morphs[this.i]!;
    return morph === EMPTY_MORPH ? "" : morph;
  }

  set morph(feats: string) {
    this.doc.setMorph(this.i, feats);
  }

  get morphFeatures(): MorphFeatures {
    return featsToDict(this.doc.morphs[this.i]!);
  }

  get lemma(): string {
    return this.doc.lemmas[this.i]!;
  }

  set lemma(value: string) {
    this.doc.lemmas[this.i] = value;
  }

  get head(): Token {
    return this.doc.token(this.doc.heads[this.i]!);
  }

  set head(token: Token) {
    this.doc.heads[this.i] = token.i;
  }

  get hasHead(): boolean {
    return this.doc.hasHead(this.i);
  }

  get dep(): string {
    return this.doc.deps[this.i]!;
  }

  set dep(value: string) {
    this.doc.deps[this.i] = value;
  }

  get children(): Token[] {
    return this.doc.tokens.filter((token) => token.i !== this.i && this.doc.heads[token.i] === this.i);
  }

  get lefts(): Token[] {
    return this.children.filter((child) => child.i < this.i);
  }

  get rights(): Token[] {
    return this.children.filter((child) => child.i > this.i);
  }

  /** This token and all its descendants, in doc order. */
  get subtree(): Token[] {
    return this.doc.tokens.filter((token) => token.i === this.i || token.isDescendantOf(this));
  }

  get ancestors(): Token[] {
    const out: Token[] = [];
    let node = this.i;
    for (let steps = 0; steps < this.doc.length && this.doc.heads[node] !== node; steps++) {
      node = this.doc.heads[node]!;
      out.push(this.doc.token(node));
    }
    return out;
  }

  isDescendantOf(other: Token): boolean {
    return this.ancestors.some((ancestor) => ancestor.i === other.i);
  }

  get leftEdge(): Token {
    return this.subtree[0]!;
  }

  get rightEdge(): Token {
    const subtree = this.subtree;
    return subtree[subtree.length - 1]!;
  }

  get entIob(): IobTag {
    return this.doc.iobOf(this.i);
  }

  get entType(): string {
    return this.doc.entTypes[this.i]!;
  }

  get entKbId(): string {
    return this.doc.entKbIds[this.i]!;
  }

  /** true, false, or null when unknown (spaCy's is_sent_start). */
  get sentStart(): boolean | null {
    const start = this.doc.sentStarts[this.i]!;
    return start === 1 ? true : start === -1 ? false : null;
  }

  set sentStart(value: boolean | null) {
    this.doc.sentStarts[this.i] = value === true ? 1 : value === false ? -1 : 0;
  }

  get isSentStart(): boolean | null {
    return this.sentStart;
  }

  /** The token `offset` places away, or null beyond the doc. */
  nbor(offset = 1): Token | null {
    const at = this.i + offset;
    return at >= 0 && at < this.doc.length ? this.doc.token(at) : null;
  }

  get isAlpha(): boolean { return this.lex.isAlpha; }
  get isAscii(): boolean { return this.lex.isAscii; }
  get isDigit(): boolean { return this.lex.isDigit; }
  get isLower(): boolean { return this.lex.isLower; }
  get isUpper(): boolean { return this.lex.isUpper; }
  get isTitle(): boolean { return this.lex.isTitle; }
  get isPunct(): boolean { return this.lex.isPunct; }
  get isSpace(): boolean { return this.lex.isSpace; }
  get isStop(): boolean { return this.lex.isStop; }
  get isBracket(): boolean { return this.lex.isBracket; }
  get isQuote(): boolean { return this.lex.isQuote; }
  get isLeftPunct(): boolean { return this.lex.isLeftPunct; }
  get isRightPunct(): boolean { return this.lex.isRightPunct; }
  get isCurrency(): boolean { return this.lex.isCurrency; }
  get likeNum(): boolean { return this.lex.likeNum; }
  get likeUrl(): boolean { return this.lex.likeUrl; }
  get likeEmail(): boolean { return this.lex.likeEmail; }

  /** The word's vector from the vocab's table (a copy; zeros when it has none). */
  get vector(): Float32Array {
    return tokenVector(this.doc, this.i);
  }

  get vectorNorm(): number {
    return vectorNorm(this.vector);
  }

  get hasVector(): boolean {
    return tokenHasVector(this.doc, this.i);
  }

  /** Cosine similarity of the vectors (1 for the same word, 0 when either vector is empty). */
  similarity(other: Doc | Span | Token): number {
    return similarity(this, other);
  }

  toString(): string {
    return this.text;
  }
}
