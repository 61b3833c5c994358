/**
 * spaCy's span categorizer pieces (spacy/ml/models/spancat.py and the n-gram suggesters of
 * spacy/pipeline/spancat.py, v3.5.4): the suggesters, spacy.LinearLogistic.v1,
 * spacy.mean_max_reducer.v1 and spacy.SpanCategorizer.v1.
 */
import { TsnlpError } from "../../util/errors.js";
import { chainLayers } from "../layers/chain.js";
import { concatenateLayers } from "../layers/concatenate.js";
import { glorotUniform } from "../layers/dense-activation.js";
import { extractSpans } from "../layers/extract-spans.js";
import { linear } from "../layers/linear.js";
import { list2ragged } from "../layers/list2ragged.js";
import { logistic } from "../layers/logistic.js";
import { maxout } from "../layers/maxout.js";
import { reduceFirst, reduceLast, reduceMax, reduceMean } from "../layers/reduce.js";
import { withGetitem } from "../layers/with-getitem.js";
import { type AnyModel, Model } from "../model.js";
import { type Floats2d, Ints2d, Ragged } from "../types.js";

/** What a suggester needs of a doc: its number of tokens. */
export interface SizedDoc {
  readonly length: number;
}

/**
 * A suggester: the candidate spans of each doc as (start, end) token offsets, relative to the
 * doc, one group of rows per doc (host arrays: they index tokens, they are not features).
 */
export type Suggester = (docs: Iterable<SizedDoc>) => Ragged<Ints2d>;

/**
 * spaCy's ngram_suggester: for each doc, for each size in the given order, every n-gram of that
 * size, by start. An empty batch of spans is a (0, 2) array (spaCy's is (0, 0)).
 */
export function ngramSuggester(docs: Iterable<SizedDoc>, sizes: readonly number[]): Ragged<Ints2d> {
  const pairs: number[] = [];
  const lengths: number[] = [];
  for (const doc of docs) {
    const n = doc.length;
    let count = 0;
    for (const size of sizes) {
      if (size < 1 || size > n) continue;
      for (let start = 0; start + size <= n; start++) pairs.push(start, start + size);
      count += n - size + 1;
    }
    lengths.push(count);
  }
  return new Ragged(new Ints2d(Int32Array.from(pairs), pairs.length / 2, 2), Int32Array.from(lengths));
}

function checkSizes(sizes: readonly number[], name: string): void {
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) {
      throw new TsnlpError("E_SUGGESTER_ARGS", `${name}: n-gram sizes must be whole numbers of at least 1, not ${size}.`, {
        hint: "Use sizes such as [1, 2, 3].",
      });
    }
  }
}

/** spacy.ngram_suggester.v1: every span of one of the given lengths. */
export function buildNgramSuggester(sizes: readonly number[]): Suggester {
  checkSizes(sizes, "spacy.ngram_suggester.v1");
  const copy = [...sizes];
  return (docs) => ngramSuggester(docs, copy);
}

/** spacy.ngram_range_suggester.v1: every span with min_size <= length <= max_size. */
export function buildNgramRangeSuggester(minSize: number, maxSize: number): Suggester {
  const sizes: number[] = [];
  for (let size = minSize; size <= maxSize; size++) sizes.push(size);
  checkSizes(sizes, "spacy.ngram_range_suggester.v1");
  return buildNgramSuggester(sizes);
}

/** spacy.LinearLogistic.v1: Linear (glorot_uniform W) >> Logistic, for independent labels. */
export function linearLogistic(opts: { nO?: number | null; nI?: number | null } = {}): Model<Floats2d, Floats2d> {
  return chainLayers([linear({ nO: opts.nO ?? null, nI: opts.nI ?? null, initW: glorotUniform }), logistic()]) as Model<Floats2d, Floats2d>;
}

/**
 * spacy.mean_max_reducer.v1: (reduce_last | reduce_first | reduce_mean | reduce_max) >>
 * Maxout(hidden_size, normalize, dropout 0): each span's rows to one vector of hidden_size.
 */
export function meanMaxReducer(hiddenSize: number): Model<Ragged, Floats2d> {
  return chainLayers([
    concatenateLayers([reduceLast(), reduceFirst(), reduceMean(), reduceMax()]),
    maxout({ nO: hiddenSize, normalize: true, dropout: 0 }),
  ]) as Model<Ragged, Floats2d>;
}

/** The span categorizer's input: the docs, and the suggested spans of each (a suggester's output). */
export type SpanCatInput = [docs: unknown[], spans: Ragged<Ints2d>];

/**
 * spacy.SpanCategorizer.v1: with_getitem(0, tok2vec >> list2ragged) >> extract_spans >> reducer
 * >> scorer. Takes [docs, spans], gives one row of label scores per span.
 */
export function spanCategorizer(tok2vec: AnyModel, reducer: AnyModel, scorer: AnyModel): Model<SpanCatInput, Floats2d> {
  const model = chainLayers([withGetitem(0, chainLayers([tok2vec, list2ragged()])), extractSpans(), reducer, scorer]) as Model<SpanCatInput, Floats2d>;
  model.setRef("tok2vec", tok2vec);
  model.setRef("reducer", reducer);
  model.setRef("scorer", scorer);
  return model;
}

type Args = Record<string, unknown>;

function modelArg(args: Args, key: string): AnyModel {
  const value = args[key];
  if (value instanceof Model) return value;
  throw new TsnlpError("E_LAYER_ARGS", `spacy.SpanCategorizer.v1 needs '${key}' to be a model (a block with @architectures or @layers).`);
}

export function buildSpanCategorizer(args: Args): Model<SpanCatInput, Floats2d> {
  return spanCategorizer(modelArg(args, "tok2vec"), modelArg(args, "reducer"), modelArg(args, "scorer"));
}
