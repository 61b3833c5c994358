import type { LexAttrGetters } from "./lex-attrs.js";
import { SYMBOL_IDS } from "./symbols.js";

/** The boolean lexical attributes, by spaCy's flag name. */
export const LEXEME_FLAGS = {
  IS_ALPHA: "isAlpha",
  IS_ASCII: "isAscii",
  IS_DIGIT: "isDigit",
  IS_LOWER: "isLower",
  IS_PUNCT: "isPunct",
  IS_SPACE: "isSpace",
  IS_TITLE: "isTitle",
  IS_UPPER: "isUpper",
  LIKE_URL: "likeUrl",
  LIKE_NUM: "likeNum",
  LIKE_EMAIL: "likeEmail",
  IS_STOP: "isStop",
  IS_BRACKET: "isBracket",
  IS_QUOTE: "isQuote",
  IS_LEFT_PUNCT: "isLeftPunct",
  IS_RIGHT_PUNCT: "isRightPunct",
  IS_CURRENCY: "isCurrency",
} as const;

export type LexemeFlag = keyof typeof LEXEME_FLAGS;

// Each flag's bit is its spaCy symbol id (IS_ALPHA is 1, IS_CURRENCY 18), so all fit one number.
const FLAG_BITS = Object.fromEntries(Object.keys(LEXEME_FLAGS).map((flag) => [flag, 1 << SYMBOL_IDS.get(flag)!])) as Record<LexemeFlag, number>;

/**
 * A vocabulary entry: the context-independent attributes of one word form, computed once.
 * Tokens of every doc that share a form share its Lexeme.
 */
export class Lexeme {
  readonly lower: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly shape: string;
  readonly length: number;
  /** The lexeme's own norm; a token may override it (tokenizer exceptions do). */
  norm: string;
  private flags = 0;

  constructor(
    /** The word form (spaCy's ORTH). */
    readonly orth: string,
    /** The lexeme's index in its vocab (spaCy's ID). */
    readonly id: number,
    getters: LexAttrGetters,
    stopWords: ReadonlySet<string>,
  ) {
    this.lower = getters.lower(orth);
    this.norm = getters.norm(orth);
    this.prefix = getters.prefix(orth);
    this.suffix = getters.suffix(orth);
    this.shape = getters.shape(orth);
    this.length = getters.length(orth);
    for (const [flag, getter] of Object.entries(LEXEME_FLAGS) as Array<[LexemeFlag, string]>) {
      const value = flag === "IS_STOP" ? stopWords.has(this.lower) : (getters as unknown as Record<string, (text: string) => boolean>)[getter]!(orth);
      this.setFlag(flag, value);
    }
  }

  flag(flag: LexemeFlag): boolean {
    return (this.flags & FLAG_BITS[flag]) !== 0;
  }

  setFlag(flag: LexemeFlag, value: boolean): void {
    this.flags = value ? this.flags | FLAG_BITS[flag] : this.flags & ~FLAG_BITS[flag];
  }

  get isAlpha(): boolean { return this.flag("IS_ALPHA"); }
  get isAscii(): boolean { return this.flag("IS_ASCII"); }
  get isDigit(): boolean { return this.flag("IS_DIGIT"); }
  get isLower(): boolean { return this.flag("IS_LOWER"); }
  get isUpper(): boolean { return this.flag("IS_UPPER"); }
  get isTitle(): boolean { return this.flag("IS_TITLE"); }
  get isPunct(): boolean { return this.flag("IS_PUNCT"); }
  get isSpace(): boolean { return this.flag("IS_SPACE"); }
  get isStop(): boolean { return this.flag("IS_STOP"); }
  get isBracket(): boolean { return this.flag("IS_BRACKET"); }
  get isQuote(): boolean { return this.flag("IS_QUOTE"); }
  get isLeftPunct(): boolean { return this.flag("IS_LEFT_PUNCT"); }
  get isRightPunct(): boolean { return this.flag("IS_RIGHT_PUNCT"); }
  get isCurrency(): boolean { return this.flag("IS_CURRENCY"); }
  get likeNum(): boolean { return this.flag("LIKE_NUM"); }
  get likeUrl(): boolean { return this.flag("LIKE_URL"); }
  get likeEmail(): boolean { return this.flag("LIKE_EMAIL"); }
}
