/**
 * Picking one column of ids out of what embedding layers receive: 64-bit attribute ids from
 * FeatureExtractor (Uint64s2d or BigUint64Array), or 32-bit ids from remap_ids (Ints2d, Int32Array).
 * Thinc chains an ints_getitem layer for `column`; here the embedding layers pick it themselves.
 */
import { TsnlpError } from "../../util/errors.js";
import { Ints2d, Uint64s2d } from "../types.js";

export type IdsInput = Uint64s2d | Ints2d | Int32Array | BigUint64Array;

function columnOf(cols: number, column: number | null, layer: string): number {
  if (column === null) {
    if (cols === 1) return 0;
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${layer}' got ${cols} columns of ids but no column to embed.`, {
      hint: "Set the layer's column to the index of the attribute it should embed (the order of the FeatureExtractor's columns).",
    });
  }
  if (!Number.isInteger(column) || column < 0 || column >= cols) {
    throw new TsnlpError("E_LAYER_INPUT", `Layer '${layer}' embeds column ${column}, but its input has ${cols} column${cols === 1 ? "" : "s"}.`, {
      hint: "Check the layer's column against the number of attributes the FeatureExtractor extracts.",
    });
  }
  return column;
}

/** One column as (low, high) 32-bit word pairs; 32-bit ids are sign-extended, as numpy's astype(uint64) does. */
export function idWords(X: IdsInput, column: number | null, layer: string): Uint32Array {
  if (X instanceof Uint64s2d) {
    const col = columnOf(X.cols, column, layer);
    if (X.cols === 1) return X.words;
    const out = new Uint32Array(2 * X.rows);
    for (let i = 0, at = 2 * col; i < X.rows; i++, at += 2 * X.cols) {
      out[2 * i] = X.words[at]!;
      out[2 * i + 1] = X.words[at + 1]!;
    }
    return out;
  }
  if (X instanceof BigUint64Array) {
    if (column !== null && column !== 0) columnOf(1, column, layer);
    return new Uint32Array(X.buffer, X.byteOffset, 2 * X.length);
  }
  const ints = idInts(X, column, layer);
  const out = new Uint32Array(2 * ints.length);
  for (let i = 0; i < ints.length; i++) {
    out[2 * i] = ints[i]! >>> 0;
    out[2 * i + 1] = ints[i]! < 0 ? 0xffffffff : 0;
  }
  return out;
}

/** One column as 32-bit row ids (64-bit ids must be below 2^31). */
export function idInts(X: IdsInput, column: number | null, layer: string): Int32Array {
  if (X instanceof Int32Array) {
    if (column !== null && column !== 0) columnOf(1, column, layer);
    return X;
  }
  if (X instanceof Ints2d) {
    const col = columnOf(X.cols, column, layer);
    if (X.cols === 1) return X.data;
    const out = new Int32Array(X.rows);
    for (let i = 0; i < X.rows; i++) out[i] = X.data[i * X.cols + col]!;
    return out;
  }
  const words = idWords(X, column, layer);
  const out = new Int32Array(words.length >>> 1);
  for (let i = 0; i < out.length; i++) {
    if (words[2 * i + 1] !== 0 || words[2 * i]! > 0x7fffffff) {
      throw new TsnlpError("E_LAYER_INPUT", `Layer '${layer}' takes row ids below 2^31, but got a 64-bit id.`, {
        hint: "Map attribute ids to table rows first (remap_ids), or use HashEmbed, which hashes 64-bit ids.",
      });
    }
    out[i] = words[2 * i]!;
  }
  return out;
}

/** The number of ids (rows) in the input. */
export function idCount(X: IdsInput): number {
  return X instanceof Uint64s2d || X instanceof Ints2d ? X.rows : X.length;
}
