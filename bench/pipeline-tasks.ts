/**
 * The training runs ../shared/ANCHORS.md reports for spaCy 3.5.4: each task's corpora, how
 * `tsnlp convert` reads them, the pipeline `init config` writes for it, and the epochs.
 */
import { join } from "node:path";
import type { ConvertOptions } from "../src/training/convert.js";

export const DATA = join(import.meta.dirname, "../../shared/data");

export interface PipelineTask {
  name: string;
  pipeline: string;
  epochs: number;
  /** Files to convert, by split; dev may be the test file (as ANCHORS says for BANKING77). */
  files: { train: string; dev: string; test: string };
  /** What `tsnlp convert` is given for this corpus. */
  convert: ConvertOptions;
  /** Copy doc.ents into this span group after converting (spancat on WNUT-17). */
  entsToSpans?: string;
  /** The score evaluate's table prints for the anchor, and spaCy's figure for it. */
  anchor: { key: string; spacyTest: number; spacyWordsPerSecond: number; spacyPredictWordsPerSecond?: number; spacyRssMb: number };
  /** Further scores to report on test, with spaCy's figures. */
  more?: Record<string, number>;
}

const ewt = (split: string) => join(DATA, "ud_en_ewt", `en_ewt-ud-${split}.conllu`);
const wnut = { train: join(DATA, "ner_wnut17/wnut17train.conll"), dev: join(DATA, "ner_wnut17/emerging.dev.conll"), test: join(DATA, "ner_wnut17/emerging.test.annotated") };
const goemotions = (split: string) => join(DATA, "textcat_goemotions/original", `${split}.tsv`);

export const TASKS: PipelineTask[] = [
  {
    name: "tagger",
    pipeline: "tagger",
    epochs: 5,
    files: { train: ewt("train"), dev: ewt("dev"), test: ewt("test") },
    convert: { nSents: 10 },
    anchor: { key: "tag_acc", spacyTest: 0.931, spacyWordsPerSecond: 7800, spacyPredictWordsPerSecond: 22656, spacyRssMb: 673 },
  },
  {
    name: "ner",
    pipeline: "ner",
    epochs: 10,
    files: wnut,
    convert: { converter: "ner", nSents: 10 },
    anchor: { key: "ents_f", spacyTest: 0.1564, spacyWordsPerSecond: 6700, spacyPredictWordsPerSecond: 17858, spacyRssMb: 513 },
  },
  {
    name: "textcat",
    pipeline: "textcat",
    epochs: 10,
    files: { train: join(DATA, "textcat_banking77/train.csv"), dev: join(DATA, "textcat_banking77/test.csv"), test: join(DATA, "textcat_banking77/test.csv") },
    convert: { lang: "en", table: { labels: join(DATA, "textcat_banking77/categories.json") } },
    anchor: { key: "cats_score", spacyTest: 0.8556, spacyWordsPerSecond: 6400, spacyRssMb: 896 },
  },
  {
    name: "textcat_multilabel",
    pipeline: "textcat_multilabel",
    epochs: 10,
    files: { train: goemotions("train"), dev: goemotions("dev"), test: goemotions("test") },
    convert: { lang: "en", table: { header: false, multiLabel: true, labels: join(DATA, "textcat_goemotions/original/labels.txt") } },
    anchor: { key: "cats_score", spacyTest: 0.7555, spacyWordsPerSecond: 24600, spacyPredictWordsPerSecond: 407586, spacyRssMb: 1139 },
  },
  {
    name: "ud",
    pipeline: "tagger,morphologizer,parser,trainable_lemmatizer",
    epochs: 5,
    files: { train: ewt("train"), dev: ewt("dev"), test: ewt("test") },
    convert: { nSents: 10 },
    anchor: { key: "dep_las", spacyTest: 0.7787, spacyWordsPerSecond: 2090, spacyPredictWordsPerSecond: 7878, spacyRssMb: 938 },
    more: { dep_uas: 0.8186, tag_acc: 0.9303, pos_acc: 0.9377, morph_acc: 0.9409, lemma_acc: 0.943, sents_f: 0.6985 },
  },
  {
    name: "spancat",
    pipeline: "spancat",
    epochs: 10,
    files: wnut,
    convert: { converter: "ner", nSents: 10 },
    entsToSpans: "sc",
    anchor: { key: "spans_sc_f", spacyTest: 0.1332, spacyWordsPerSecond: 4100, spacyPredictWordsPerSecond: 10641, spacyRssMb: 519 },
  },
];
