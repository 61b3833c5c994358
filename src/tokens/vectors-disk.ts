/**
 * A vectors table on disk, in a pipeline's vocab/ folder:
 *
 *   vectors          rows x width float32, little endian, row-major, no header
 *   vectors.cfg      JSON: {"format": "tsnlp.vectors.v1", "mode", "rows", "width", "keys",
 *                    "name", "attr"}
 *   vectors.keys     the words, UTF-8, each followed by "\n", in the order they were added
 *   vectors.key2row  one int32 (little endian) per word: the row it points to
 *
 * spaCy keeps the same floats in vocab/vectors (as a .npy file) and the keys as hashes in
 * key2row; tsnlp keeps the words themselves so that no string store is needed to list them.
 * Every file is written to a temporary name and renamed, and the float file last but one and
 * the cfg last, so a reader never pairs a new cfg with old data.
 */
import { existsSync, readFileSync } from "node:fs";
import { endianness } from "node:os";
import { join } from "node:path";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { VectorKeys } from "./vectors-keys.js";

export const VECTORS_FORMAT = "tsnlp.vectors.v1";
const LITTLE_ENDIAN = endianness() === "LE";

export interface SavedVectors {
  data: Float32Array;
  rows: number;
  width: number;
  keys: VectorKeys;
  name: string | null;
  mode: "default";
  attr: "ORTH" | "LOWER";
}

interface VectorsCfg {
  format?: string;
  mode?: string;
  rows?: number;
  width?: number;
  keys?: number;
  name?: string | null;
  attr?: string;
}

/** Whether a folder holds a saved table. */
export function hasVectorsFolder(dir: string): boolean {
  return existsSync(join(dir, "vectors.cfg"));
}

export function writeVectorsFolder(dir: string, table: SavedVectors): void {
  const rows = Int32Array.from(table.keys.rows);
  writeFileAtomic(join(dir, "vectors.keys"), table.keys.toLines());
  writeFileAtomic(join(dir, "vectors.key2row"), littleEndianBytes(rows));
  writeFileAtomic(join(dir, "vectors"), littleEndianBytes(table.data));
  const cfg: VectorsCfg = {
    format: VECTORS_FORMAT,
    mode: table.mode,
    rows: table.rows,
    width: table.width,
    keys: table.keys.count,
    name: table.name,
    attr: table.attr,
  };
  writeFileAtomic(join(dir, "vectors.cfg"), `${JSON.stringify(cfg, null, 2)}\n`);
}

export function readVectorsFolder(dir: string): SavedVectors {
  const cfgPath = join(dir, "vectors.cfg");
  const cfg = readCfg(cfgPath);
  const rows = wholeNumber(cfg.rows, "rows", cfgPath);
  const width = wholeNumber(cfg.width, "width", cfgPath);
  const keyCount = wholeNumber(cfg.keys, "keys", cfgPath);
  const data = readTyped(join(dir, "vectors"), rows * width, Float32Array);
  const keyRows = readTyped(join(dir, "vectors.key2row"), keyCount, Int32Array);
  const keys = VectorKeys.fromLines(readFile(join(dir, "vectors.keys")), keyRows);
  if (keys.count !== keyCount) throw corrupt(join(dir, "vectors.keys"), `it lists ${keys.count} words, vectors.cfg says ${keyCount}`);
  for (const row of keyRows) if (row < 0 || row >= rows) throw corrupt(join(dir, "vectors.key2row"), `a word points to row ${row} of ${rows}`);
  const attr = cfg.attr ?? "ORTH";
  if (attr !== "ORTH" && attr !== "LOWER") throw corrupt(cfgPath, `attr is '${attr}', not ORTH or LOWER`);
  if ((cfg.mode ?? "default") !== "default") {
    throw new TsnlpError("E_VECTORS_MODE", `The vectors in ${dir} are in '${cfg.mode}' mode, which tsnlp does not support.`, { file: cfgPath });
  }
  return { data, rows, width, keys, name: cfg.name ?? null, mode: "default", attr };
}

function readCfg(path: string): VectorsCfg {
  const text = readFile(path).toString();
  try {
    const cfg = JSON.parse(text) as VectorsCfg;
    if (typeof cfg !== "object" || cfg === null || Array.isArray(cfg)) throw new Error("not an object");
    return cfg;
  } catch {
    throw corrupt(path, "it is not a JSON object");
  }
}

function readFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TsnlpError("E_VECTORS_FILE", `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, {
      file: path,
      hint: "The vectors folder is incomplete: write it again with `tsnlp init vectors`.",
    });
  }
}

/** A typed array over the file's bytes (copied only when misaligned or on a big-endian machine). */
function readTyped<T extends Float32Array | Int32Array>(
  path: string,
  count: number,
  Type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; new (length: number): T },
): T {
  const bytes = readFile(path);
  if (bytes.length !== count * 4) throw corrupt(path, `it has ${bytes.length} bytes, vectors.cfg implies ${count * 4}`);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Type(bytes.buffer, bytes.byteOffset, count);
  const out = new Type(count);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (let i = 0; i < count; i++) out[i] = out instanceof Float32Array ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  return out;
}

function littleEndianBytes(array: Float32Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const out = new Uint8Array(array.byteLength);
  const view = new DataView(out.buffer);
  array.forEach((value, i) => {
    if (array instanceof Float32Array) view.setFloat32(i * 4, value, true);
    else view.setInt32(i * 4, value, true);
  });
  return out;
}

function wholeNumber(value: unknown, name: string, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) throw corrupt(path, `'${name}' is ${JSON.stringify(value)}, not a whole number`);
  return value;
}

function corrupt(path: string, what: string): TsnlpError {
  return new TsnlpError("E_VECTORS_FILE", `The vectors file ${path} is damaged: ${what}.`, {
    file: path,
    hint: "Write the vectors folder again with `tsnlp init vectors` (or save the pipeline again).",
  });
}
