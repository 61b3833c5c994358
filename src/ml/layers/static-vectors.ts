/**
 * spacy.StaticVectors.v2 (spacy/ml/staticvectors.py, v3.5.4) and .v1 (spacy-legacy v3.0.12,
 * spacy_legacy/layers/staticvectors_v1.py): each token's row of the vocab's vectors table,
 * projected by a learned W to nO features. The table is a fixed input: the rows are gathered on
 * the host and uploaded as one (tokens x nM) matrix, and only W gets a gradient.
 *
 * W is stored (nM, nO), the transpose of spaCy's (nO, nM), so that the forward pass is a plain
 * matMul (see dense-activation.ts). With a dropout rate, whole output columns are dropped over
 * the batch, as in spaCy.
 *
 * Tokens without a vector: v2 gives them zeros. v1 gives them the table's last row, as
 * spacy-legacy does (its row lookup returns -1, which numpy reads as the last row); v2 was
 * spaCy's fix. Here a zero input row also gives W no gradient from those tokens, where spaCy
 * v2 zeroes their output but still adds the last row's contribution to W's gradient.
 *
 * The table is looked up by the attribute the table was made for (attr "LOWER" tables by
 * LOWER, as spaCy 3.7 does), else by the layer's key_attr (ORTH, LOWER or NORM).
 */
import { TsnlpError } from "../../util/errors.js";
import { glorotUniformInit, type Initializer } from "../initializers.js";
import { type Backprop, Model } from "../model.js";
import { weightGrad } from "../ops/weight-grad.js";
import { tf } from "../tf.js";
import { type Floats2d, Ragged } from "../types.js";
import { dropoutMask } from "./dropout.js";

/** What the layer reads of a vectors table (src/tokens' Vectors). */
export interface StaticVectorsTable {
  readonly width: number;
  readonly data: Float32Array;
  readonly attr?: string;
  rowOf(key: string): number;
}

/** What the layer reads of a Doc: its words and its vocab's table. */
export interface VectorsDoc {
  readonly length: number;
  readonly vocab: { readonly vectors: StaticVectorsTable };
  readonly lexemes: ReadonlyArray<{ readonly orth: string; readonly lower: string; readonly norm: string }>;
  /** Token-level norms that override the lexeme's (tokenizer exceptions). */
  readonly norms?: ReadonlyArray<string | undefined>;
}

export interface StaticVectorsOptions {
  nO?: number | null;
  nM?: number | null;
  dropout?: number | null;
  initW?: Initializer | null;
  keyAttr?: string | number;
  /** 2 (spacy.StaticVectors.v2, the default) or 1 (the legacy layer). */
  version?: 1 | 2;
}

type KeyAttr = "ORTH" | "LOWER" | "NORM";
const ATTR_IDS: Record<number, KeyAttr> = { 65: "ORTH", 66: "LOWER", 67: "NORM" };

export type StaticVectorsModel = Model<VectorsDoc[], Ragged>;

export function staticVectors(opts: StaticVectorsOptions = {}): StaticVectorsModel {
  const initW = opts.initW ?? glorotUniformInit();
  return new Model<VectorsDoc[], Ragged>("static_vectors", forward, {
    init: (model, X, Y) => init(model, initW, X, Y),
    dims: { nO: opts.nO ?? null, nM: opts.nM ?? null },
    params: { W: null },
    attrs: { key_attr: keyAttr(opts.keyAttr ?? "ORTH"), dropout_rate: opts.dropout ?? null, version: opts.version ?? 2 },
  });
}

function keyAttr(attr: string | number): KeyAttr {
  const name = typeof attr === "number" ? ATTR_IDS[attr] : attr.toUpperCase();
  if (name !== "ORTH" && name !== "LOWER" && name !== "NORM") {
    throw new TsnlpError("E_LAYER_ARGS", `StaticVectors looks words up by ORTH, LOWER or NORM, not ${JSON.stringify(attr)}.`, {
      hint: 'Set key_attr = "ORTH" (the default), or make the table with `tsnlp init vectors --attr LOWER`.',
    });
  }
  return name;
}

export function forward(model: StaticVectorsModel, docs: VectorsDoc[], isTrain: boolean): [Ragged, Backprop<Ragged, VectorsDoc[]>] {
  const lengths = Int32Array.from(docs, (doc) => doc.length);
  const count = lengths.reduce((sum, n) => sum + n, 0);
  const W = model.getParam("W") as Floats2d;
  const [nM, nO] = W.shape;
  if (count === 0) return [new Ragged(tf.zeros([0, nO]), lengths), () => []];
  const table = docs[0]!.vocab.vectors;
  checkTable(table, nM);
  const V = tf.tensor2d(gatherRows(model, docs, table, count), [count, nM]);
  const rate = model.attrs.dropout_rate as number | null;
  const mask = isTrain && rate !== null && rate > 0 ? dropoutMask([nO], rate) : null;
  const projected = tf.matMul(V, W) as Floats2d;
  const Y = mask ? (tf.mul(projected, mask) as Floats2d) : projected;
  const backprop = (dY: Ragged): VectorsDoc[] => {
    const d = mask ? (tf.mul(dY.data, mask) as Floats2d) : dY.data;
    model.incGrad("W", weightGrad(V, d));
    return [];
  };
  return [new Ragged(Y, lengths), backprop];
}

/** Every token's row of the table, one after another; zeros (v2) or the last row (v1) where a word has none. */
function gatherRows(model: StaticVectorsModel, docs: VectorsDoc[], table: StaticVectorsTable, count: number): Float32Array {
  const width = table.width;
  const attr: KeyAttr = table.attr === "LOWER" ? "LOWER" : (model.attrs.key_attr as KeyAttr);
  const data = table.data;
  const unknownRow = model.attrs.version === 1 ? data.length / width - 1 : -1;
  const out = new Float32Array(count * width);
  let at = 0;
  for (const doc of docs) {
    for (let i = 0; i < doc.length; i++, at++) {
      const lexeme = doc.lexemes[i]!;
      const key = attr === "ORTH" ? lexeme.orth : attr === "LOWER" ? lexeme.lower : doc.norms?.[i] || lexeme.norm;
      const found = table.rowOf(key);
      const row = found >= 0 ? found : unknownRow;
      if (row >= 0) out.set(data.subarray(row * width, (row + 1) * width), at * width);
    }
  }
  return out;
}

function checkTable(table: StaticVectorsTable, nM: number): void {
  if (table.width === nM && table.data.length > 0) return;
  // spaCy's E896, with what is wrong and how to load vectors.
  const what =
    table.data.length === 0 ? "the vocab has no vectors" : `the vocab's vectors are ${table.width} wide, but the layer was initialized for vectors ${nM} wide`;
  throw new TsnlpError("E_STATIC_VECTORS", `There was an error using the static vectors: ${what}.`, {
    hint: 'Load the vectors the model was trained with ([initialize] vectors = "path/to/vectors", made by `tsnlp init vectors`), or set include_static_vectors = false.',
  });
}

function init(model: StaticVectorsModel, initW: Initializer, X?: VectorsDoc[], Y?: Ragged): void {
  let nM = model.hasDim("nM") === true ? model.getDim("nM") : null;
  let nO = model.hasDim("nO") === true ? model.getDim("nO") : null;
  if (X !== undefined && X.length > 0) nM = X[0]!.vocab.vectors.width;
  if (Y !== undefined) nO = Y.data.shape[1];
  if (nM === null || nM === 0) {
    // spaCy's E905, for the usual cause: no vectors were loaded before the model was initialized.
    throw new TsnlpError("E_STATIC_VECTORS", "Cannot initialize the StaticVectors layer: there are no vectors to take its width (nM) from.", {
      hint: 'Set [initialize] vectors = "path/to/vectors" (a folder made by `tsnlp init vectors`), or set include_static_vectors = false.',
    });
  }
  if (nO === null)
    throw new TsnlpError("E_STATIC_VECTORS", "Cannot initialize the StaticVectors layer: its output width (nO) is not set.", {
      hint: "Give nO in the config.",
    });
  model.setDim("nM", nM, { force: true });
  model.setDim("nO", nO, { force: true });
  model.setParam(
    "W",
    tf.tidy(() => tf.transpose(initW([nO, nM]))),
  );
}
