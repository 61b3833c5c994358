/** Corpus-wide counts (the start of spaCy's _compile_gold): words, misaligned tokens, texts. */
import { isSpaceCode } from "../../tokens/alignment.js";
import type { Example } from "../../tokens/example.js";
import { Counter } from "./counter.js";

export interface CorpusStats {
  nExamples: number;
  /** Reference token texts. */
  words: Counter;
  nWords: number;
  /** Predicted tokens, whitespace aside, that do not align one-to-one with a reference token. */
  nMisalignedWords: number;
  /** The distinct predicted texts, to find examples shared by the training and evaluation data. */
  texts: Set<string>;
  /** Examples whose text appeared earlier in the same corpus. */
  nDuplicates: number;
}

export function collectCorpusStats(examples: readonly Example[]): CorpusStats {
  const words = new Counter();
  const texts = new Set<string>();
  let nWords = 0;
  let nMisalignedWords = 0;
  let nDuplicates = 0;
  for (const example of examples) {
    const reference = example.reference;
    for (const word of reference.words) words.add(word);
    nWords += reference.length;
    const x2y = example.alignment.x2y;
    const predicted = example.predicted;
    for (let i = 0; i < predicted.length; i++) {
      if (isWhitespace(predicted.lexemes[i]!.orth)) continue;
      if (x2y.lengths[i] !== 1) nMisalignedWords++;
    }
    if (texts.has(predicted.text)) nDuplicates++;
    else texts.add(predicted.text);
  }
  return { nExamples: examples.length, words, nWords, nMisalignedWords, texts, nDuplicates };
}

/** Python's str.isspace(), which spaCy uses to skip whitespace tokens here. */
function isWhitespace(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}
