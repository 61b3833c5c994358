import { Doc } from "../../src/tokens/doc.js";
import { Vocab } from "../../src/tokens/vocab.js";
import type { ReaderNlp } from "../../src/training/reader-types.js";

/** A pipeline stand-in whose tokenizer splits on spaces only, so it can differ from gold tokens. */
export function whitespaceNlp(): ReaderNlp {
  const vocab = new Vocab({ lang: "en" });
  return {
    vocab,
    makeDoc(text: string) {
      const words: string[] = [];
      const spaces: boolean[] = [];
      for (const match of text.matchAll(/[^ ]+/g)) {
        words.push(match[0]);
        spaces.push(text[match.index + match[0].length] === " ");
      }
      return new Doc(vocab, { words, spaces });
    },
  };
}
