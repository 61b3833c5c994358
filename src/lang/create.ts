/** Build a language's vocabulary and tokenizer from its defaults. */
import { Vocab } from "../tokens/vocab.js";
import { getLanguageDefaults } from "./defaults.js";
import { Tokenizer } from "./tokenizer.js";

/** A Vocab with the language's stop words and lexical attributes. */
export function createVocab(lang: string): Vocab {
  const defaults = getLanguageDefaults(lang);
  return new Vocab({ lang, stopWords: defaults.stopWords, lexAttrs: defaults.lexAttrs });
}

/** spaCy's default tokenizer for a language, over a given vocab. */
export function createTokenizer(vocab: Vocab, lang: string): Tokenizer {
  return new Tokenizer({ vocab, rules: getLanguageDefaults(lang).tokenizerRules });
}
