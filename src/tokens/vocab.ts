import { DEFAULT_LEX_ATTRS, type LexAttrGetters } from "./lex-attrs.js";
import { Lexeme } from "./lexeme.js";
import { StringStore } from "./strings.js";

export interface VocabOptions {
  /** Language code, spaCy's LANG attribute. */
  lang?: string;
  /** Words (lowercase) whose lexemes get IS_STOP. */
  stopWords?: Iterable<string>;
  /** A language's own getters, over spaCy's defaults (English like_num knows number words). */
  lexAttrs?: Partial<LexAttrGetters>;
  strings?: StringStore;
}

/** The shared vocabulary: one Lexeme per word form, and the StringStore. */
export class Vocab {
  readonly lang: string;
  readonly strings: StringStore;
  readonly stopWords: ReadonlySet<string>;
  readonly lexAttrs: LexAttrGetters;
  private readonly lexemes = new Map<string, Lexeme>();

  constructor(options: VocabOptions = {}) {
    this.lang = options.lang ?? "";
    this.strings = options.strings ?? new StringStore();
    this.stopWords = new Set(options.stopWords ?? []);
    this.lexAttrs = { ...DEFAULT_LEX_ATTRS, ...options.lexAttrs };
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

  [Symbol.iterator](): IterableIterator<Lexeme> {
    return this.lexemes.values();
  }
}
