/**
 * spacy.FeatureExtractor.v1 (spacy/ml/featureextractor.py): each doc (or span) to a tokens x
 * columns matrix of 64-bit attribute ids, as Doc.to_array gives them. The ids stay on the host
 * as word pairs: only the embedding layers' row ids ever reach the backend.
 */
import { Model } from "../model.js";
import { Uint64s2d } from "../types.js";

/** What the extractor needs of a Doc: spaCy's to_array (src/tokens' Doc.toArray). */
export interface ArrayDoc {
  toArray(attrs: Array<string | number>): { data: BigUint64Array; rows: number; cols: number };
}

/** A span of a doc: its rows of the doc's array. */
export interface ArraySpan {
  doc: ArrayDoc;
  start: number;
  end: number;
}

export function featureExtractor(columns: Array<string | number>): Model<Array<ArrayDoc | ArraySpan>, Uint64s2d[]> {
  return new Model<Array<ArrayDoc | ArraySpan>, Uint64s2d[]>("extract_features", forward, { attrs: { columns } });
}

export function forward(model: Model<Array<ArrayDoc | ArraySpan>, Uint64s2d[]>, docs: Array<ArrayDoc | ArraySpan>): [Uint64s2d[], () => []] {
  const columns = model.attrs.columns as Array<string | number>;
  const features = docs.map((doc) => {
    if ("toArray" in doc) {
      const { data, rows, cols } = doc.toArray(columns);
      return Uint64s2d.fromBigInts(data, rows, cols);
    }
    const { data, cols } = doc.doc.toArray(columns);
    return Uint64s2d.fromBigInts(data.subarray(doc.start * cols, doc.end * cols), doc.end - doc.start, cols);
  });
  return [features, () => []];
}
