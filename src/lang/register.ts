/** Implementations of the registered functions that src/lang provides. */
import type { Registry } from "../registry/registry.js";
import type { Vocab } from "../tokens/vocab.js";
import { createTokenizer } from "./create.js";
import type { Tokenizer } from "./tokenizer.js";

/** What spacy.Tokenizer.v1's factory needs of the nlp object. */
export interface TokenizerHost {
  vocab: Vocab;
  lang: string;
}

export type TokenizerFactory = (nlp: TokenizerHost) => Tokenizer;

export function registerLanguageFunctions(registry: Registry): void {
  // Like spaCy's create_tokenizer: the registered function returns a factory of the nlp object.
  registry.implement("tokenizers", "spacy.Tokenizer.v1", (): TokenizerFactory => (nlp) => createTokenizer(nlp.vocab, nlp.lang));
}
