/** English defaults (spaCy's EnglishDefaults): English exceptions and infixes, stop words, number words. */
import type { LanguageDefaults } from "../defaults.js";
import { NEUTRAL_LEX_ATTRS, NEUTRAL_TOKENIZER_RULES } from "../neutral.js";
import { likeNumEn } from "./lex-attrs.js";
import { EN_INFIXES } from "./punctuation.js";
import { EN_STOP_WORDS } from "./stop-words.js";
import { EN_EXCEPTIONS } from "./tokenizer-exceptions.js";

export { likeNumEn } from "./lex-attrs.js";
export { EN_INFIXES } from "./punctuation.js";
export { EN_STOP_WORDS } from "./stop-words.js";
export { EN_EXCEPTIONS } from "./tokenizer-exceptions.js";

export const EN_DEFAULTS: LanguageDefaults = Object.freeze({
  lang: "en",
  stopWords: EN_STOP_WORDS,
  lexAttrs: Object.freeze({ ...NEUTRAL_LEX_ATTRS, likeNum: likeNumEn }),
  tokenizerRules: Object.freeze({ ...NEUTRAL_TOKENIZER_RULES, infixes: EN_INFIXES, exceptions: EN_EXCEPTIONS }),
});
