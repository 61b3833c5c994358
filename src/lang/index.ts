export { type AffixPattern, compileInfixRegex, compilePrefixRegex, compileSuffixRegex } from "./affix-regex.js";
export { BASE_EXCEPTIONS, EMOTICONS } from "./base-exceptions.js";
export * as charClasses from "./char-classes.js";
export { createTokenizer, createVocab } from "./create.js";
export { getLanguageDefaults, LANGUAGES_WITH_DATA, type LanguageDefaults } from "./defaults.js";
export { EN_DEFAULTS, EN_EXCEPTIONS, EN_INFIXES, EN_STOP_WORDS, likeNumEn } from "./en/index.js";
export { expandExceptions, mergeExceptions, type SpecialCaseToken, type TokenizerExceptions, validateSpecialCase } from "./exceptions.js";
export { NEUTRAL_LEX_ATTRS, NEUTRAL_TOKENIZER_RULES, neutralDefaults } from "./neutral.js";
export { BASE_INFIXES, BASE_PREFIXES, BASE_SUFFIXES, COMBINING_DIACRITICS_INFIXES, COMBINING_DIACRITICS_SUFFIXES } from "./punctuation.js";
export { isDigits, isSpace } from "./python-text.js";
export { registerLanguageFunctions, type TokenizerFactory, type TokenizerHost } from "./register.js";
export { SpecialCaseMatcher } from "./special-matcher.js";
export {
  type AffixRules,
  type TextMatcher,
  type TokenizedText,
  Tokenizer,
  type TokenizerData,
  type TokenizerOptions,
  type TokenizerRules,
} from "./tokenizer.js";
export { URL_MATCH, URL_PATTERN, urlMatch } from "./url-match.js";
