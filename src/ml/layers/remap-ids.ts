/**
 * remap_ids.v1 / v2 (thinc/layers/remap_ids.py): map keys to row ids through a table, for an
 * Embed layer. The table is attrs.mapping_table, so it can be filled after the layer is built.
 * A config's table has string keys; ids (numbers or 64-bit bigints) are looked up by their
 * decimal string, and a Map is looked up by the key itself first.
 */
import { TsnlpError } from "../../util/errors.js";
import { Model } from "../model.js";
import { Ints2d, Uint64s2d } from "../types.js";

export type MappingTable = Map<unknown, number> | Record<string, number>;
export type RemapInput = ArrayLike<unknown> | Uint64s2d | Ints2d;

export interface RemapIdsOptions {
  mappingTable?: MappingTable | null;
  default?: number;
  /** v2 only: the column of a 2d input to map. */
  column?: number | null;
}

/** remap_ids.v1: any sequence of keys; an empty table unless given. */
export function remapIds(opts: RemapIdsOptions = {}): Model<RemapInput, Ints2d> {
  return new Model<RemapInput, Ints2d>("remap_ids", forward, {
    attrs: { mapping_table: opts.mappingTable ?? {}, default: opts.default ?? 0, column: null },
  });
}

/** remap_ids.v2: also takes 2d ids and a column; the table must be set before use. */
export function remapIdsV2(opts: RemapIdsOptions = {}): Model<RemapInput, Ints2d> {
  return new Model<RemapInput, Ints2d>("remap_ids", forward, {
    attrs: { mapping_table: opts.mappingTable ?? null, default: opts.default ?? 0, column: opts.column ?? null },
  });
}

function lookup(table: MappingTable, key: unknown, fallback: number): number {
  if (table instanceof Map) return table.get(key) ?? table.get(String(key)) ?? fallback;
  return Object.hasOwn(table, String(key)) ? table[String(key)]! : fallback;
}

function keysOf(X: RemapInput, column: number | null): ArrayLike<unknown> {
  if (X instanceof Uint64s2d || X instanceof Ints2d) {
    const col = column ?? 0;
    if (column === null && X.cols !== 1) {
      throw new TsnlpError("E_LAYER_INPUT", `remap_ids got ${X.cols} columns of ids but no column to map.`, { hint: "Set remap_ids' column." });
    }
    if (col < 0 || col >= X.cols) throw new TsnlpError("E_LAYER_INPUT", `remap_ids maps column ${col}, but its input has ${X.cols} columns.`);
    return Array.from({ length: X.rows }, (_, row) => X.get(row, col));
  }
  return X;
}

export function forward(model: Model<RemapInput, Ints2d>, X: RemapInput): [Ints2d, (dY: Ints2d) => RemapInput] {
  const table = model.attrs.mapping_table as MappingTable | null;
  if (table === null || table === undefined) {
    throw new TsnlpError("E_LAYER_STATE", "remap_ids has no mapping table.", {
      hint: "Set its mapping_table (in the config or in attrs) before using the model.",
    });
  }
  const fallback = Number(model.attrs.default ?? 0);
  const keys = keysOf(X, model.attrs.column as number | null);
  const out = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = lookup(table, keys[i], fallback);
  return [new Ints2d(out, out.length, 1), () => X];
}
