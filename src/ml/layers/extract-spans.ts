/**
 * The rows of a ragged array that fall inside (start, end) spans (spaCy's
 * spacy.extract_spans.v1, spacy/ml/extract_spans.py). Spans are ragged too: one group of
 * (start, end) rows per sequence, with offsets relative to that sequence. The indices are
 * built on the host (they come from host spans anyway); one gather runs on the backend.
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { tf } from "../tf.js";
import { type Floats2d, type Ints2d, Ragged } from "../types.js";

export type ExtractSpansInput = [Ragged, Ragged<Ints2d>];

export function extractSpans(): Model<ExtractSpansInput, Ragged> {
  return new Model<ExtractSpansInput, Ragged>("extract_spans", forward, { init: () => {} });
}

/** The rows to take, in order: spans (5, 9) and (8, 10) of one sequence give [5, 6, 7, 8, 8, 9]. */
export function spanIndices(spans: Ragged<Ints2d>, lengths: Int32Array): { indices: Int32Array; spanLengths: Int32Array } {
  const data = spans.data;
  if (data.cols !== 2) throw new TsnlpError("E_LAYER_INPUT", `extract_spans expects spans as (start, end) pairs, but got ${data.cols} columns.`);
  if (spans.lengths.length !== lengths.length) {
    throw new TsnlpError("E_LAYER_INPUT", `extract_spans got spans for ${spans.lengths.length} sequences but ${lengths.length} sequences of rows.`);
  }
  const spanLengths = new Int32Array(data.rows);
  let total = 0;
  let span = 0;
  lengths.forEach((length, seq) => {
    for (let j = 0; j < spans.lengths[seq]!; j++, span++) {
      const start = data.get(span, 0);
      const end = data.get(span, 1);
      if (start < 0 || end < start || end > length) {
        throw new TsnlpError("E_LAYER_INPUT", `extract_spans: span (${start}, ${end}) of sequence ${seq} does not fit in its ${length} rows.`, {
          hint: "Spans are (start, end) with 0 <= start <= end <= the sequence's length, relative to the sequence.",
        });
      }
      spanLengths[span] = end - start;
      total += end - start;
    }
  });
  const indices = new Int32Array(total);
  let at = 0;
  let offset = 0;
  span = 0;
  lengths.forEach((length, seq) => {
    for (let j = 0; j < spans.lengths[seq]!; j++, span++) {
      for (let row = data.get(span, 0); row < data.get(span, 1); row++) indices[at++] = offset + row;
    }
    offset += length;
  });
  return { indices, spanLengths };
}

function forward(_model: Model<ExtractSpansInput, Ragged>, [X, spans]: ExtractSpansInput): [Ragged, (dY: Ragged) => ExtractSpansInput] {
  const { indices, spanLengths } = spanIndices(spans, X.lengths);
  const shape = X.data.shape;
  const index = tf.tensor1d(indices, "int32");
  // wasm's gather from a batch without rows returns a rank-4 tensor; no spans is (0, width).
  const Y = new Ragged((indices.length === 0 ? tf.zeros([0, X.data.shape[1]!]) : tf.gather(X.data, index)) as Floats2d, spanLengths);
  return [
    Y,
    (dY) => {
      // Rows taken by several spans get the sum of their gradients: scatterND adds duplicates.
      const dX = indices.length === 0 ? tf.zeros(shape) : tf.scatterND(tf.reshape(index, [indices.length, 1]), dY.data, shape);
      return [new Ragged(dX as Floats2d, X.lengths), spans];
    },
  ];
}
