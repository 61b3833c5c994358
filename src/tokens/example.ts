import { TsnlpError } from "../util/errors.js";
import { Alignment, type AlignmentArray, checkAlignable, isSpaceCode } from "./alignment.js";
import { attrName } from "./attrs.js";
import type { Doc } from "./doc.js";
import { annotationsToDoc, type ExampleDict, type ExampleDictOutput, type FromDictOptions, referenceToDict } from "./example-dict.js";
import { spanToDoc } from "./example-span-doc.js";
import type { Lexeme } from "./lexeme.js";
import { Span } from "./span.js";

/** Attributes getAligned gives as strings. */
export type AlignedStringAttr =
  | "ORTH"
  | "LOWER"
  | "NORM"
  | "SHAPE"
  | "PREFIX"
  | "SUFFIX"
  | "LEMMA"
  | "POS"
  | "TAG"
  | "DEP"
  | "MORPH"
  | "ENT_TYPE"
  | "ENT_KB_ID"
  | "ENT_ID";

/** Attributes getAligned gives as numbers: ENT_IOB (0 missing, 1 I, 2 O, 3 B), SENT_START (1, -1, 0 unknown). */
export type AlignedNumberAttr = "ENT_IOB" | "SENT_START";

type Column = ArrayLike<string | number>;

const COLUMNS: Record<AlignedStringAttr | AlignedNumberAttr, (doc: Doc) => Column> = {
  ORTH: (doc) => doc.lexemes.map((lexeme) => lexeme.orth),
  LOWER: (doc) => doc.lexemes.map((lexeme) => lexeme.lower),
  NORM: (doc) => doc.lexemes.map((lexeme, i) => doc.norms[i] || lexeme.norm),
  SHAPE: (doc) => doc.lexemes.map((lexeme) => lexeme.shape),
  PREFIX: (doc) => doc.lexemes.map((lexeme) => lexeme.prefix),
  SUFFIX: (doc) => doc.lexemes.map((lexeme) => lexeme.suffix),
  LEMMA: (doc) => doc.lemmas,
  POS: (doc) => doc.pos,
  TAG: (doc) => doc.tags,
  DEP: (doc) => doc.deps,
  MORPH: (doc) => doc.morphs,
  ENT_TYPE: (doc) => doc.entTypes,
  ENT_KB_ID: (doc) => doc.entKbIds,
  ENT_ID: (doc) => doc.entIds,
  ENT_IOB: (doc) => doc.entIob,
  SENT_START: (doc) => doc.sentStarts,
};

/**
 * Rewrites a reference parse into a projective one (the parser's pseudo-projective transform):
 * absolute heads and labels in, the same out.
 */
export type Projectivize = (heads: number[], deps: string[]) => [number[], string[]];

export interface AlignedParse {
  /** The predicted-token index of each token's gold head, or null where it cannot be told. */
  heads: Array<number | null>;
  /** The gold label of each token, or null where it cannot be told. */
  deps: Array<string | null>;
}

interface CachedAlignment {
  alignment: Alignment;
  lexemesX: readonly Lexeme[];
  lexemesY: readonly Lexeme[];
}

/**
 * A training example: a predicted Doc (what the pipeline sees and annotates) and a reference
 * Doc (the gold annotation) over the same text, maybe tokenized differently (spaCy's Example).
 * The getAligned* methods carry the gold annotation over to the predicted tokens.
 */
export class Example {
  private x: Doc;
  private y: Doc;
  private cached?: CachedAlignment;

  constructor(predicted: Doc, reference: Doc, options: { alignment?: Alignment } = {}) {
    if (!options.alignment) assertSameText(predicted, reference);
    this.x = predicted;
    this.y = reference;
    if (options.alignment) this.cached = { alignment: options.alignment, lexemesX: [...predicted.lexemes], lexemesY: [...reference.lexemes] };
  }

  /**
   * An Example from a predicted doc and gold annotation in spaCy's dict form (see ExampleDict).
   * Without `words`, the annotation is for the predicted tokens.
   */
  static fromDict(predicted: Doc, annotations: ExampleDict, options: FromDictOptions = {}): Example {
    return new Example(predicted, annotationsToDoc(predicted, annotations, options));
  }

  get predicted(): Doc {
    return this.x;
  }

  set predicted(doc: Doc) {
    assertSameText(doc, this.y);
    this.x = doc;
    this.cached = undefined;
  }

  get reference(): Doc {
    return this.y;
  }

  set reference(doc: Doc) {
    assertSameText(this.x, doc);
    this.y = doc;
    this.cached = undefined;
  }

  /** The predicted text. */
  get text(): string {
    return this.x.text;
  }

  /** Number of predicted tokens. */
  get length(): number {
    return this.x.length;
  }

  /** The token alignment, computed on first use and again whenever either doc's tokens change. */
  get alignment(): Alignment {
    const cached = this.cached;
    if (cached && sameTokens(this.x.lexemes, cached.lexemesX) && sameTokens(this.y.lexemes, cached.lexemesY)) return cached.alignment;
    const alignment = Alignment.fromStrings(this.x.words, this.y.words);
    this.cached = { alignment, lexemesX: [...this.x.lexemes], lexemesY: [...this.y.lexemes] };
    return alignment;
  }

  /**
   * The reference's values of a token attribute, per predicted token: a token aligned to one
   * reference token takes its value, a token aligned to several takes their value if they all
   * agree, and anything else gets null (spaCy's get_aligned).
   */
  getAligned(attr: AlignedNumberAttr): Array<number | null>;
  getAligned(attr: AlignedStringAttr): Array<string | null>;
  getAligned(attr: string): Array<string | number | null>;
  getAligned(attr: string): Array<string | number | null> {
    const name = attrName(attr);
    const read = COLUMNS[name as AlignedStringAttr];
    if (read === undefined) {
      const instead = name === "HEAD" ? "use getAlignedParse() for heads" : `use one of ${Object.keys(COLUMNS).join(", ")}`;
      throw new TsnlpError("E_NOT_ALIGNABLE", `${name} cannot be aligned token by token; ${instead}.`);
    }
    return alignColumn(read(this.y), this.alignment.x2y, this.x.length);
  }

  /**
   * Gold heads and labels on the predicted tokens (spaCy's get_aligned_parse). A predicted token
   * that falls inside a single reference token gets that token's label, and its head where the
   * gold head is itself one predicted token; tokens over several reference tokens get null. Pass
   * the parser's `projectivize` to make the gold tree projective first; unknown heads and labels
   * stay unknown.
   */
  getAlignedParse(options: { projectivize?: Projectivize } = {}): AlignedParse {
    const y = this.y;
    let heads = Array.from(y.heads);
    let deps = [...y.deps];
    if (options.projectivize) {
      const [projHeads, projDeps] = options.projectivize(heads, deps);
      heads = heads.map((head, i) => (y.hasHead(i) ? projHeads[i]! : head));
      deps = deps.map((dep, i) => (dep !== "" ? projDeps[i]! : dep));
    }
    const { x2y, y2x } = this.alignment;
    const alignedHeads = new Array<number | null>(this.x.length).fill(null);
    const alignedDeps = new Array<string | null>(this.x.length).fill(null);
    for (let i = 0; i < this.x.length; i++) {
      if (x2y.lengths[i] !== 1) continue;
      const gold = x2y.get(i)[0]!;
      alignedDeps[i] = deps[gold]!;
      const goldHead = heads[gold]!;
      if (y2x.lengths[goldHead] === 1) alignedHeads[i] = y2x.get(goldHead)[0]!;
    }
    return { heads: alignedHeads, deps: alignedDeps };
  }

  /**
   * Reference sentence starts on the predicted tokens: true for the first predicted token of each
   * reference sentence, else false; all null when the reference has no sentence boundaries.
   */
  getAlignedSentStarts(): Array<boolean | null> {
    if (!this.y.hasAnnotation("SENT_START")) return new Array<boolean | null>(this.x.length).fill(null);
    const y2x = this.alignment.y2x;
    const starts = new Array<boolean | null>(this.x.length).fill(false);
    for (const [start, end] of this.y.sentenceBounds()) {
      // spaCy reads the sentence's first token only, and fails when it is unaligned whitespace.
      const first = y2x.slice(start, end)[0];
      if (first !== undefined) starts[first] = true;
    }
    return starts;
  }

  /** Predicted-doc spans for reference spans (spaCy's get_aligned_spans_y2x). */
  getAlignedSpansY2X(spans: Iterable<Span>, allowOverlap = false): Span[] {
    return alignSpans(this.x, spans, this.alignment.y2x, allowOverlap);
  }

  /** Reference-doc spans for predicted spans (spaCy's get_aligned_spans_x2y). */
  getAlignedSpansX2Y(spans: Iterable<Span>, allowOverlap = false): Span[] {
    return alignSpans(this.y, spans, this.alignment.x2y, allowOverlap);
  }

  /**
   * The reference entities that survive on the predicted tokens, and a BILUO tag per predicted
   * token (spaCy's get_aligned_ents_and_ner). An entity transfers when some predicted tokens
   * cover exactly its text; other tokens are "O" when their reference tokens all are, or when
   * they are whitespace, and "-" (unknown) otherwise. Without entity annotation every tag is "-".
   */
  getAlignedEntsAndNer(): { ents: Span[]; tags: string[] } {
    const n = this.x.length;
    if (!this.y.hasAnnotation("ENT_IOB")) return { ents: [], tags: new Array<string>(n).fill("-") };
    const ents = this.getAlignedSpansY2X(this.y.ents);
    const tags = new Array<string>(n).fill("");
    for (const ent of ents) {
      if (ent.length === 1) tags[ent.start] = `U-${ent.label}`;
      else {
        tags[ent.start] = `B-${ent.label}`;
        for (let i = ent.start + 1; i < ent.end - 1; i++) tags[i] = `I-${ent.label}`;
        tags[ent.end - 1] = `L-${ent.label}`;
      }
    }
    const iob = this.getAligned("ENT_IOB");
    for (let i = 0; i < n; i++) {
      if (tags[i] !== "") continue;
      tags[i] = iob[i] === 2 || isWhitespace(this.x.lexemes[i]!.orth) ? "O" : "-";
    }
    return { ents, tags };
  }

  /** BILUO tags per predicted token; "-" where the gold tag cannot be told (spaCy gives None). */
  getAlignedNer(): string[] {
    return this.getAlignedEntsAndNer().tags;
  }

  /** Predicted entities whose character offsets (and label, unless told not to) match a reference entity. */
  getMatchingEnts(checkLabel = true): Span[] {
    const gold = new Map<string, string>();
    for (const ent of this.y.ents) gold.set(`${ent.startChar}:${ent.endChar}`, ent.label);
    return this.x.ents.filter((ent) => {
      const label = gold.get(`${ent.startChar}:${ent.endChar}`);
      return label !== undefined && (!checkLabel || label === ent.label);
    });
  }

  /**
   * One Example per reference sentence, each with copies of the predicted tokens it aligns to
   * (spaCy's split_sents); [this] when the reference has no sentence boundaries.
   */
  splitSents(): Example[] {
    if (!this.y.hasAnnotation("SENT_START")) return [this];
    const y2x = this.alignment.y2x;
    const seen = new Set<number>();
    const out: Example[] = [];
    for (const [start, end] of this.y.sentenceBounds()) {
      const indices = Array.from(y2x.slice(start, end)).filter((i) => !seen.has(i));
      if (indices.length === 0) continue;
      const first = indices[0]!;
      const last = indices[indices.length - 1]!;
      for (const i of indices) seen.add(i);
      out.push(new Example(spanToDoc(this.x, first, last + 1), spanToDoc(this.y, start, end)));
    }
    return out;
  }

  /** The reference annotation in spaCy's Example.to_dict layout; Example.fromDict reads it back. */
  toDict(): ExampleDictOutput {
    return referenceToDict(this.y);
  }

  toJSON(): ExampleDictOutput {
    return this.toDict();
  }

  toString(): string {
    return JSON.stringify(this.toDict());
  }
}

function assertSameText(x: Doc, y: Doc): void {
  if (x.text !== y.text) checkAlignable(x.words, y.words);
}

function sameTokens(current: readonly Lexeme[], cached: readonly Lexeme[]): boolean {
  if (current.length !== cached.length) return false;
  for (let i = 0; i < current.length; i++) if (current[i] !== cached[i]) return false;
  return true;
}

function alignColumn(values: Column, x2y: AlignmentArray, n: number): Array<string | number | null> {
  const out = new Array<string | number | null>(n).fill(null);
  for (let i = 0; i < n; i++) {
    const gold = x2y.get(i);
    if (gold.length === 0) continue;
    const value = values[gold[0]!]!;
    if (gold.every((g) => values[g] === value)) out[i] = value;
  }
  return out;
}

function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return text.length > 0;
}

/** Python's str.strip().lower() with the inner spaces removed, as spaCy compares span texts. */
function comparable(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end).toLowerCase().replaceAll(" ", "");
}

/**
 * spaCy's _get_aligned_spans: map each span's tokens through the alignment, and keep the result
 * only when it covers the same text (ignoring case and spaces). Without allowOverlap, a target
 * token goes to the first span that takes it.
 */
function alignSpans(target: Doc, spans: Iterable<Span>, align: AlignmentArray, allowOverlap: boolean): Span[] {
  const seen = new Set<number>();
  const out: Span[] = [];
  for (const span of spans) {
    let indices = Array.from(align.slice(span.start, span.end));
    if (!allowOverlap) indices = indices.filter((i) => !seen.has(i));
    if (indices.length === 0) continue;
    const aligned = new Span(target, indices[0]!, indices[indices.length - 1]! + 1, { label: span.label, kbId: span.kbId, id: span.id });
    if (comparable(aligned.text) === comparable(span.text)) {
      out.push(aligned);
      for (const i of indices) seen.add(i);
    }
  }
  return out;
}
