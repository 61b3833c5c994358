/**
 * The language-neutral defaults (spaCy's BaseDefaults and its "xx" language): base punctuation
 * rules, base exceptions, the URL pattern, no stop words. Every language without rules of its
 * own tokenizes this way.
 */
import { likeUrlWith } from "../tokens/lex-attrs.js";
import { BASE_EXCEPTIONS } from "./base-exceptions.js";
import type { LanguageDefaults } from "./defaults.js";
import { BASE_INFIXES, BASE_PREFIXES, BASE_SUFFIXES } from "./punctuation.js";
import type { TokenizerRules } from "./tokenizer.js";
import { URL_MATCH, urlMatch } from "./url-match.js";

export const NEUTRAL_TOKENIZER_RULES: TokenizerRules = Object.freeze({
  prefixes: BASE_PREFIXES,
  suffixes: BASE_SUFFIXES,
  infixes: BASE_INFIXES,
  exceptions: BASE_EXCEPTIONS,
  tokenMatch: null,
  urlMatch: URL_MATCH,
});

/** Lexical attributes every language shares: like_url falls back on the URL pattern. */
export const NEUTRAL_LEX_ATTRS = Object.freeze({ likeUrl: likeUrlWith(urlMatch) });

/** Neutral defaults under a language code, with that language's stop words when known. */
export function neutralDefaults(lang: string, stopWords: ReadonlySet<string> = new Set()): LanguageDefaults {
  return { lang, stopWords, lexAttrs: NEUTRAL_LEX_ATTRS, tokenizerRules: NEUTRAL_TOKENIZER_RULES };
}
