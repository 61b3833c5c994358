import { TsnlpError } from "../util/errors.js";
import { IOB_STRINGS, type IobTag } from "./attrs.js";
import { type AttrArray, docFromArray, docToArray } from "./doc-array.js";
import { copyDoc } from "./doc-copy.js";
import { type DocJSON, docFromJSON, docToJSON } from "./doc-json.js";
import type { Lexeme } from "./lexeme.js";
import { EMPTY_MORPH, normalizeFeats } from "./morphology.js";
import { Span, type SpanOptions } from "./span.js";
import { SpanGroups } from "./span-group.js";
import { meanVector, rangeHasVector, similarity, vectorNorm } from "./similarity.js";
import { Token } from "./token.js";
import type { Vocab } from "./vocab.js";

export interface DocInit {
  words: string[];
  /** Whether each word is followed by a space; all true when left out. */
  spaces?: boolean[];
  /** A token's own NORM (tokenizer exceptions set these); undefined keeps the lexeme's. */
  norms?: Array<string | undefined>;
  tags?: string[];
  pos?: string[];
  /** UD FEATS strings. */
  morphs?: string[];
  lemmas?: string[];
  /** Absolute index of each token's head (a root is its own head). */
  heads?: number[];
  deps?: string[];
  /** true, false or null (unknown) for each token. */
  sentStarts?: Array<boolean | null | undefined>;
  /** IOB or BILUO tags per token ("B-ORG", "I-ORG", "O", "U-LOC", "L-LOC"); "" or "-" for missing. */
  ents?: string[];
}

export interface DocTensor {
  data: Float32Array;
  width: number;
}

export type SetEntsDefault = "outside" | "missing" | "unmodified";

/**
 * A sequence of tokens with their annotations, stored column by column so that whole-doc
 * operations (toArray, DocBin) are loops over arrays. Tokens and spans are views into it.
 */
export class Doc {
  readonly vocab: Vocab;
  readonly lexemes: Lexeme[];
  readonly spaces: boolean[];
  /**
   * A token's own NORM. undefined or "" fall back to the lexeme's norm; "" also records that a
   * .spacy file stored 0 there (as spaCy's converters write), so the file writes back unchanged.
   */
  readonly norms: Array<string | undefined>;
  readonly tags: string[];
  readonly pos: string[];
  /** Normalised FEATS; "" when not annotated, "_" when annotated as having none. */
  readonly morphs: string[];
  readonly lemmas: string[];
  /** Absolute head index; a token whose head is itself and whose dep is "" has no head annotation. */
  readonly heads: Int32Array;
  readonly deps: string[];
  /** spaCy's codes: 0 missing, 1 I, 2 O, 3 B. */
  readonly entIob: Uint8Array;
  readonly entTypes: string[];
  readonly entKbIds: string[];
  readonly entIds: string[];
  /** 1 starts a sentence, -1 does not, 0 unknown. */
  readonly sentStarts: Int8Array;
  /** Character offset of each token in `text` (UTF-16 units, as JavaScript strings index). */
  readonly idx: Int32Array;
  readonly text: string;
  cats: Record<string, number> = {};
  readonly spans: SpanGroups;
  /** True when the spaces are not known (DocBin flag, e.g. docs built from pre-tokenized text). */
  hasUnknownSpaces = false;
  userData: Record<string, unknown> = {};
  /**
   * The token vectors a tok2vec component wrote (spaCy's doc.tensor): one row of `width`
   * floats per token, row-major. Listeners read it at prediction time.
   */
  tensor: DocTensor | null = null;
  private tokenViews?: Token[];

  constructor(vocab: Vocab, init: DocInit) {
    const n = init.words.length;
    this.vocab = vocab;
    checkLength("spaces", init.spaces, n);
    this.lexemes = init.words.map((word, i) => {
      if (word === "") throw new TsnlpError("E_EMPTY_WORD", `Word ${i} is the empty string; a Doc cannot contain empty tokens.`);
      return vocab.get(word);
    });
    this.spaces = init.spaces ? [...init.spaces] : new Array<boolean>(n).fill(true);
    this.norms = copyColumn("norms", init.norms, n, undefined);
    this.tags = copyColumn("tags", init.tags, n, "");
    this.pos = copyColumn("pos", init.pos, n, "");
    this.morphs = copyColumn("morphs", init.morphs, n, "").map((feats) => (feats === "" ? "" : normalizeFeats(feats) || EMPTY_MORPH));
    this.lemmas = copyColumn("lemmas", init.lemmas, n, "");
    this.heads = new Int32Array(n).map((_, i) => i);
    this.deps = new Array<string>(n).fill("");
    this.entIob = new Uint8Array(n);
    this.entTypes = new Array<string>(n).fill("");
    this.entKbIds = new Array<string>(n).fill("");
    this.entIds = new Array<string>(n).fill("");
    this.sentStarts = new Int8Array(n);
    this.idx = new Int32Array(n);
    let text = "";
    for (let i = 0; i < n; i++) {
      this.idx[i] = text.length;
      text += this.lexemes[i]!.orth;
      if (this.spaces[i]) text += " ";
    }
    this.text = text;
    this.spans = new SpanGroups(this);
    if (init.heads && !init.deps) {
      throw new TsnlpError("E_HEADS_WITHOUT_DEPS", "Heads were given without dependency labels.", {
        hint: "Give deps with heads (use \"dep\" where the label is unknown), as spaCy requires.",
      });
    }
    if (init.deps) this.setParse(init.heads, init.deps);
    if (init.sentStarts) {
      checkLength("sentStarts", init.sentStarts, n);
      init.sentStarts.forEach((start, i) => {
        if (start === true) this.sentStarts[i] = 1;
        else if (start === false) this.sentStarts[i] = -1;
      });
    }
    if (init.ents) {
      checkLength("ents", init.ents, n);
      this.setEntTags(init.ents);
    }
  }

  get length(): number {
    return this.lexemes.length;
  }

  /** Words in order (each token's ORTH). */
  get words(): string[] {
    return this.lexemes.map((lexeme) => lexeme.orth);
  }

  token(i: number): Token {
    const at = i < 0 ? this.length + i : i;
    if (at < 0 || at >= this.length) throw new RangeError(`Token index ${i} is out of range for a doc of ${this.length} tokens.`);
    return this.tokens[at]!;
  }

  get tokens(): readonly Token[] {
    if (!this.tokenViews || this.tokenViews.length !== this.length) this.tokenViews = this.lexemes.map((_, i) => new Token(this, i));
    return this.tokenViews;
  }

  [Symbol.iterator](): IterableIterator<Token> {
    return this.tokens[Symbol.iterator]();
  }

  span(start: number, end: number, options: SpanOptions = {}): Span {
    return new Span(this, start, end, options);
  }

  /** Text plus trailing whitespace of each token (spaCy's text_with_ws). */
  get textWithWs(): string {
    return this.text;
  }

  /**
   * The span covering characters [startChar, endChar), or null when the offsets do not fall
   * on token boundaries ("strict"); "contract" keeps only tokens wholly inside, "expand" takes
   * every token that overlaps.
   */
  charSpan(startChar: number, endChar: number, options: SpanOptions & { alignmentMode?: "strict" | "contract" | "expand" } = {}): Span | null {
    const mode = options.alignmentMode ?? "strict";
    const tokenEnd = (i: number) => this.idx[i]! + this.lexemes[i]!.orth.length;
    // First token ending after startChar, found by binary search over the offsets.
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (tokenEnd(mid) <= startChar) low = mid + 1;
      else high = mid;
    }
    let start = low;
    if (start >= this.length) return null;
    if (this.idx[start]! < startChar) {
      if (mode === "strict") return null;
      if (mode === "contract") start++;
    } else if (mode === "strict" && this.idx[start]! !== startChar) return null;
    let end = start;
    while (end < this.length && tokenEnd(end) <= endChar) end++;
    if (end < this.length && this.idx[end]! < endChar) {
      if (mode === "strict") return null;
      if (mode === "expand") end++;
    } else if (mode === "strict" && (end === start || tokenEnd(end - 1) !== endChar)) return null;
    if (end <= start) return null;
    return new Span(this, start, end, options);
  }

  /** Named entities, from the ENT_IOB and ENT_TYPE columns. */
  get ents(): Span[] {
    const ents: Span[] = [];
    let start = -1;
    const close = (end: number) => {
      if (start >= 0) ents.push(new Span(this, start, end, { label: this.entTypes[start]!, kbId: this.entKbIds[start]!, id: this.entIds[start]! }));
      start = -1;
    };
    for (let i = 0; i < this.length; i++) {
      const iob = this.entIob[i]!;
      if (iob === 3) {
        close(i);
        start = i;
      } else if (iob === 1) {
        // spaCy continues an entity on I whatever its type; an I with nothing to continue
        // (spaCy's error E093) begins one here.
        if (start < 0) start = i;
      } else close(i);
    }
    close(this.length);
    return ents;
  }

  set ents(spans: Span[]) {
    this.setEnts(spans, { default: "outside" });
  }

  /**
   * Set entities. Tokens outside them become `default`: "outside" (O), "missing" (unknown),
   * or "unmodified". `blocked`, `missing` and `outside` spans mark tokens explicitly.
   */
  setEnts(
    entities: Span[],
    options: { default?: SetEntsDefault; blocked?: Span[]; missing?: Span[]; outside?: Span[] } = {},
  ): void {
    const marked = new Uint8Array(this.length);
    const covered = [...entities, ...(options.blocked ?? []), ...(options.missing ?? []), ...(options.outside ?? [])];
    for (const span of covered) {
      if (span.doc !== this) throw new TsnlpError("E_SPAN_DOC", `The span '${span.text}' belongs to another doc.`);
      for (let i = span.start; i < span.end; i++) {
        if (marked[i]) throw new TsnlpError("E_OVERLAPPING_ENTS", `Entities overlap at token ${i} ('${this.lexemes[i]!.orth}'); a token can be in one entity only.`, {
          hint: "Keep entities disjoint, or put overlapping spans in a span group (doc.spans).",
        });
        marked[i] = 1;
      }
    }
    const mode = options.default ?? "outside";
    for (let i = 0; i < this.length; i++) {
      if (marked[i] || mode === "unmodified") continue;
      this.clearEnt(i, mode === "outside" ? 2 : 0);
    }
    for (const span of entities) {
      for (let i = span.start; i < span.end; i++) {
        this.entIob[i] = i === span.start ? 3 : 1;
        this.entTypes[i] = span.label;
        this.entKbIds[i] = span.kbId;
        this.entIds[i] = span.id;
      }
    }
    for (const span of options.blocked ?? []) for (let i = span.start; i < span.end; i++) this.clearEnt(i, 2);
    for (const span of options.missing ?? []) for (let i = span.start; i < span.end; i++) this.clearEnt(i, 0);
    for (const span of options.outside ?? []) for (let i = span.start; i < span.end; i++) this.clearEnt(i, 2);
  }

  private clearEnt(i: number, iob: number): void {
    this.entIob[i] = iob;
    this.entTypes[i] = "";
    this.entKbIds[i] = "";
    this.entIds[i] = "";
  }

  /** Set entities from per-token IOB or BILUO tags ("B-PER", "U-LOC", "O", "-" or "" for missing). */
  setEntTags(tags: string[]): void {
    checkLength("ents", tags, this.length);
    tags.forEach((tag, i) => {
      if (tag === "" || tag === "-" || tag === "O") {
        this.clearEnt(i, tag === "O" ? 2 : 0);
        return;
      }
      const match = /^([BILU])-(.+)$/.exec(tag);
      if (!match) {
        throw new TsnlpError("E_BAD_ENT_TAG", `'${tag}' (token ${i}, '${this.lexemes[i]!.orth}') is not an entity tag.`, {
          hint: 'Use IOB or BILUO tags such as "B-ORG", "I-ORG", "O", "U-LOC", or "-" for a missing tag.',
        });
      }
      const [, prefix, label] = match;
      this.entIob[i] = prefix === "B" || prefix === "U" ? 3 : 1;
      this.entTypes[i] = label!;
      this.entKbIds[i] = "";
      this.entIds[i] = "";
    });
  }

  /** spaCy's IOB strings per token: "B-ORG", "I-ORG", "O", or "" where unknown. */
  get entTags(): string[] {
    return Array.from(this.entIob, (iob, i) => (iob === 0 ? "" : iob === 2 ? "O" : `${IOB_STRINGS[iob]}-${this.entTypes[i]}`));
  }

  iobOf(i: number): IobTag {
    return IOB_STRINGS[this.entIob[i]!]!;
  }

  /**
   * Set heads and labels; sentence starts follow from the parse (a sentence starts at the left
   * edge of each root). A token with head itself and dep "" stays unannotated.
   */
  setParse(heads?: number[], deps?: string[]): void {
    const n = this.length;
    checkLength("heads", heads, n);
    checkLength("deps", deps, n);
    for (let i = 0; i < n; i++) {
      const head = heads ? heads[i]! : i;
      if (!Number.isInteger(head) || head < 0 || head >= n) {
        throw new TsnlpError("E_BAD_HEAD", `The head of token ${i} ('${this.lexemes[i]!.orth}') is ${head}, outside the doc of ${n} tokens.`, {
          hint: "Heads are absolute token indices within the doc; a root is its own head.",
        });
      }
      this.heads[i] = head;
      this.deps[i] = deps ? deps[i]! : "";
    }
    this.setSentStartsFromParse();
  }

  hasHead(i: number): boolean {
    return this.heads[i] !== i || this.deps[i] !== "";
  }

  /** As spaCy: once any token has a dep label, every token not at a root's left edge is not a sentence start. */
  private setSentStartsFromParse(): void {
    const n = this.length;
    if (!this.deps.some((dep) => dep !== "")) return;
    const leftEdge = Int32Array.from({ length: n }, (_, i) => i);
    // Carry each token's index up to its ancestors; n steps at most, so a cycle cannot hang.
    for (let i = 0; i < n; i++) {
      let node = i;
      for (let steps = 0; steps < n && this.heads[node] !== node; steps++) {
        const head = this.heads[node]!;
        if (leftEdge[head]! > i) leftEdge[head] = i;
        node = head;
      }
    }
    this.sentStarts.fill(-1);
    for (let i = 0; i < n; i++) {
      if (this.heads[i] === i && this.hasHead(i)) this.sentStarts[leftEdge[i]!] = 1;
    }
  }

  /** Whether any token has this annotation (spaCy's has_annotation). */
  hasAnnotation(attr: "TAG" | "POS" | "MORPH" | "LEMMA" | "DEP" | "HEAD" | "ENT_IOB" | "ENT_TYPE" | "SENT_START"): boolean {
    switch (attr) {
      case "TAG":
        return this.tags.some((tag) => tag !== "");
      case "POS":
        return this.pos.some((pos) => pos !== "");
      case "MORPH":
        return this.morphs.some((morph) => morph !== "");
      case "LEMMA":
        return this.lemmas.some((lemma) => lemma !== "");
      case "DEP":
      case "HEAD":
        return this.deps.some((dep) => dep !== "");
      case "ENT_IOB":
        return this.entIob.some((iob) => iob !== 0);
      case "ENT_TYPE":
        return this.entTypes.some((type) => type !== "");
      case "SENT_START":
        // A doc of one token is one sentence whatever the annotation says (spaCy agrees).
        return this.length <= 1 || this.sentStarts.some((start, i) => i > 0 && start !== 0);
    }
  }

  /** Sentences, from sentence starts (set directly, by a parse, or by a sentencizer). */
  get sents(): Span[] {
    if (this.length > 0 && !this.hasAnnotation("SENT_START") && !this.hasAnnotation("DEP")) {
      throw new TsnlpError("E_NO_SENTS", "This doc has no sentence boundaries.", {
        hint: "Add a parser, senter or sentencizer to the pipeline, or set sentence starts (sentStarts) when creating the doc.",
      });
    }
    return this.sentenceBounds().map(([start, end]) => new Span(this, start, end));
  }

  /** [start, end) of each sentence, read from the sentence-start column without checking it is annotated. */
  sentenceBounds(): Array<[number, number]> {
    const bounds: Array<[number, number]> = [];
    let start = 0;
    for (let i = 1; i < this.length; i++) {
      if (this.sentStarts[i] === 1) {
        bounds.push([start, i]);
        start = i;
      }
    }
    if (this.length > 0) bounds.push([start, this.length]);
    return bounds;
  }

  /** Attribute values as a tokens x attrs table of 64-bit ids (spaCy's Doc.to_array). */
  toArray(attrs: Array<string | number>): AttrArray {
    return docToArray(this, attrs);
  }

  fromArray(attrs: Array<string | number>, array: AttrArray): this {
    docFromArray(this, attrs, array);
    return this;
  }

  /** spaCy's Doc.to_json layout (offsets count code points, as Python does). */
  /** A deep copy with every annotation (spaCy's Doc.copy). */
  copy(): Doc {
    return copyDoc(this);
  }

  toJSON(): DocJSON {
    return docToJSON(this);
  }

  static fromJSON(vocab: Vocab, json: DocJSON): Doc {
    return docFromJSON(vocab, json);
  }

  setMorph(i: number, feats: string): void {
    this.morphs[i] = normalizeFeats(feats) || EMPTY_MORPH;
  }

  /** The mean of the token vectors (spaCy's Doc.vector); zeros when there are none. */
  get vector(): Float32Array {
    return meanVector(this, 0, this.length);
  }

  get vectorNorm(): number {
    return vectorNorm(this.vector);
  }

  get hasVector(): boolean {
    return rangeHasVector(this, 0, this.length);
  }

  /** Cosine similarity of the vectors (1 for the same words, 0 when either vector is empty). */
  similarity(other: Doc | Span | Token): number {
    return similarity(this, other);
  }
}

function checkLength(name: string, values: ArrayLike<unknown> | undefined, n: number): void {
  if (values && values.length !== n) {
    throw new TsnlpError("E_DOC_LENGTH", `${name} has ${values.length} values for ${n} words.`, { hint: `Give one value of ${name} per word.` });
  }
}

function copyColumn<T>(name: string, values: T[] | undefined, n: number, fill: T): T[] {
  checkLength(name, values, n);
  return values ? values.map((value) => value ?? fill) : new Array<T>(n).fill(fill);
}
