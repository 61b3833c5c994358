/** What a language brings: stop words, lexical attributes and tokenizer rules, by language code. */
import type { LexAttrGetters } from "../tokens/lex-attrs.js";
import { DE_STOP_WORDS } from "./de/stop-words.js";
import { EN_DEFAULTS } from "./en/index.js";
import { ES_STOP_WORDS } from "./es/stop-words.js";
import { FR_STOP_WORDS } from "./fr/stop-words.js";
import { IT_STOP_WORDS } from "./it/stop-words.js";
import { neutralDefaults } from "./neutral.js";
import { NL_STOP_WORDS } from "./nl/stop-words.js";
import { PT_STOP_WORDS } from "./pt/stop-words.js";
import type { TokenizerRules } from "./tokenizer.js";

export interface LanguageDefaults {
  /** The language code, as asked for ("xx" is the multi-language code). */
  readonly lang: string;
  readonly stopWords: ReadonlySet<string>;
  /** Getters that replace the defaults of src/tokens/lex-attrs.ts. */
  readonly lexAttrs: Readonly<Partial<LexAttrGetters>>;
  readonly tokenizerRules: TokenizerRules;
}

// German, French, Spanish, Italian, Dutch and Portuguese tokenize with the neutral rules here;
// spaCy's own punctuation and exceptions for them are not ported yet.
const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  de: DE_STOP_WORDS,
  es: ES_STOP_WORDS,
  fr: FR_STOP_WORDS,
  it: IT_STOP_WORDS,
  nl: NL_STOP_WORDS,
  pt: PT_STOP_WORDS,
};

/** Languages with data of their own; any other code gets the neutral defaults. */
export const LANGUAGES_WITH_DATA: readonly string[] = ["en", ...Object.keys(STOP_WORDS)].sort();

/** The defaults for a language code; unknown codes (and "xx") get the language-neutral ones. */
export function getLanguageDefaults(lang: string): LanguageDefaults {
  if (lang === "en") return EN_DEFAULTS;
  return neutralDefaults(lang, Object.hasOwn(STOP_WORDS, lang) ? STOP_WORDS[lang] : undefined);
}
