import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";

/** What corpus readers and augmenters need of the pipeline: its vocab and its tokenizer. The Language object has both. */
export interface ReaderNlp {
  readonly vocab: Vocab;
  makeDoc(text: string): Doc;
}

/** A corpus reader (the `readers` registry): called with the pipeline, it streams examples. */
export type Reader = (nlp: ReaderNlp) => AsyncIterable<Example>;

/** A data augmenter (the `augmenters` registry): zero or more examples made from one. */
export type Augmenter = (nlp: ReaderNlp, example: Example) => Iterable<Example>;

/** A source of uniform numbers in [0, 1), so augmentation can be made repeatable. */
export type RandomSource = () => number;
