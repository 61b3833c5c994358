import { DEFAULT_LEX_ATTRS, type LexAttrGetters } from "./lex-attrs.js";
import { Lexeme } from "./lexeme.js";
import { StringStore } from "./strings.js";
import { type PrunedWords, Vectors } from "./vectors.js";
import type { NearestSearchFactory } from "./vectors-nearest.js";

export interface VocabOptions {
  /** Language code, spaCy's LANG attribute. */
  lang?: string;
  /** Words (lowercase) whose lexemes get IS_STOP. */
  stopWords?: Iterable<string>;
  /** A language's own getters, over spaCy's defaults (English like_num knows number words). */
  lexAttrs?: Partial<LexAttrGetters>;
  strings?: StringStore;
  /** The static word vectors; an empty table when left out. */
  vectors?: Vectors;
}

/** The shared vocabulary: one Lexeme per word form, and the StringStore. */
export class Vocab {
  readonly lang: string;
  readonly strings: StringStore;
  readonly stopWords: ReadonlySet<string>;
  readonly lexAttrs: LexAttrGetters;
  /** Static word vectors (spaCy's vocab.vectors): an empty table, 0 wide, until some are loaded. */
  vectors: Vectors;
  private readonly lexemes = new Map<string, Lexeme>();

  constructor(options: VocabOptions = {}) {
    this.lang = options.lang ?? "";
    this.strings = options.strings ?? new StringStore();
    this.stopWords = new Set(options.stopWords ?? []);
    this.lexAttrs = { ...DEFAULT_LEX_ATTRS, ...options.lexAttrs };
    this.vectors = options.vectors ?? new Vectors();
  }

  /** The lexeme of a word form, created on first use. */
  get(orth: string): Lexeme {
    let lexeme = this.lexemes.get(orth);
    if (lexeme === undefined) {
      lexeme = new Lexeme(orth, this.lexemes.size, this.lexAttrs, this.stopWords);
      this.lexemes.set(orth, lexeme);
    }
    return lexeme;
  }

  has(orth: string): boolean {
    return this.lexemes.has(orth);
  }

  get size(): number {
    return this.lexemes.size;
  }

  /** Width of the word vectors (spaCy's vectors_length). */
  get vectorsLength(): number {
    return this.vectors.width;
  }

  /** The word's vector (a copy), or zeros of the table's width when it has none. */
  getVector(word: string): Float32Array {
    return this.vectors.get(word)?.slice() ?? new Float32Array(this.vectors.width);
  }

  hasVector(word: string): boolean {
    return this.vectors.has(word);
  }

  /** Give a word its own vector (a new row, or its existing one overwritten). */
  setVector(word: string, vector: ArrayLike<number>): void {
    this.vectors.add(word, { vector });
  }

  /**
   * Keep the vectors of the `nRows` most frequent words (the first rows) and point every other
   * word to its nearest kept vector (spaCy's Vocab.prune_vectors).
   */
  pruneVectors(nRows: number, options: { batchSize?: number; search?: NearestSearchFactory } = {}): PrunedWords {
    return this.vectors.prune(nRows, options);
  }

  [Symbol.iterator](): IterableIterator<Lexeme> {
    return this.lexemes.values();
  }
}
