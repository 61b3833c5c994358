/**
 * The array types models pass between layers, after Thinc's. Float arrays are TensorFlow.js
 * tensors (they live on the backend); integer ids and lengths stay in host typed arrays,
 * because hashing and feature extraction run in TypeScript and only row indices and dense
 * matrices need to reach the backend.
 */
import type { Tensor1D, Tensor2D, Tensor3D, Tensor4D } from "./tf.js";

export type Floats1d = Tensor1D;
export type Floats2d = Tensor2D;
export type Floats3d = Tensor3D;
export type Floats4d = Tensor4D;

/** A host-side vector of 32-bit integers (indices, lengths, labels). */
export type Ints1d = Int32Array;

/** A host-side matrix of 32-bit integers, row-major. */
export class Ints2d {
  constructor(
    readonly data: Int32Array,
    readonly rows: number,
    readonly cols: number,
  ) {
    if (data.length !== rows * cols) throw new RangeError(`Ints2d: ${data.length} values for a ${rows} x ${cols} matrix.`);
  }

  get(row: number, col: number): number {
    return this.data[row * this.cols + col]!;
  }
}

/**
 * A host-side matrix of unsigned 64-bit ids (attribute hashes), row-major, each id as two
 * 32-bit words (low, high): never as floats, which would lose bits, and cheaper than bigint.
 */
export class Uint64s2d {
  constructor(
    /** 2 * rows * cols words: low then high word of each id. */
    readonly words: Uint32Array,
    readonly rows: number,
    readonly cols: number,
  ) {
    if (words.length !== 2 * rows * cols) throw new RangeError(`Uint64s2d: ${words.length} words for a ${rows} x ${cols} matrix of 64-bit ids.`);
  }

  static fromBigInts(values: BigUint64Array, rows: number, cols: number): Uint64s2d {
    return new Uint64s2d(new Uint32Array(values.buffer, values.byteOffset, values.length * 2).slice(), rows, cols);
  }

  get(row: number, col: number): bigint {
    const at = 2 * (row * this.cols + col);
    return (BigInt(this.words[at + 1]!) << 32n) | BigInt(this.words[at]!);
  }
}

/** Variable-length sequences stored as one array: rows of `data`, `lengths[i]` of them per sequence. */
export class Ragged<T extends Floats2d | Ints2d = Floats2d> {
  constructor(
    readonly data: T,
    readonly lengths: Ints1d,
  ) {}

  /** Start row of each sequence. */
  get starts(): Int32Array {
    const starts = new Int32Array(this.lengths.length);
    for (let i = 1; i < starts.length; i++) starts[i] = starts[i - 1]! + this.lengths[i - 1]!;
    return starts;
  }
}

/**
 * Sequences padded to one length, time-major as Thinc's Padded: data is (nS, nB, nO), sizeAtT
 * the number of sequences still running at each step, lengths and indices (the original order)
 * per sequence.
 */
export class Padded {
  constructor(
    readonly data: Floats3d,
    readonly sizeAtT: Ints1d,
    readonly lengths: Ints1d,
    readonly indices: Ints1d,
  ) {}
}
