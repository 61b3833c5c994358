/**
 * MurmurHash64A (Austin Appleby, MurmurHash2 family, public domain), the hash spaCy uses
 * for string ids: `hash_string(s)` is MurmurHash64A over the UTF-8 bytes with seed 1.
 *
 * 64-bit arithmetic runs on pairs of 32-bit halves: BigInt would be simpler but is several
 * times slower, and every new string in a corpus goes through here once.
 */
import { mul64 } from "./uint64.js";

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
const R = 47;

// Scratch state, so hashing allocates nothing but the result.
let hHi = 0;
let hLo = 0;
let kHi = 0;
let kLo = 0;

const product = new Uint32Array(2);

function mulM(hi: number, lo: number): void {
  mul64(hi, lo, M_HI, M_LO, product);
}

/** x ^= x >>> 47 on a 64-bit value held in (hi, lo); returns the new pair through `product`. */
function xorShift47(hi: number, lo: number): void {
  // x >>> 47 has its high word 0 and its low word hi >>> 15.
  product[0] = hi;
  product[1] = (lo ^ (hi >>> (R - 32))) >>> 0;
}

export function murmurHash64A(bytes: Uint8Array, seed = 0, length = bytes.length): bigint {
  // h = seed ^ (len * m), with a 64-bit seed and length (both small here).
  mul64(0, length, M_HI, M_LO, product);
  hHi = product[0]! >>> 0;
  hLo = (product[1]! ^ seed) >>> 0;
  const blocks = length >>> 3;
  for (let i = 0; i < blocks; i++) {
    const at = i << 3;
    kLo = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
    kHi = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24)) >>> 0;
    mulM(kHi, kLo);
    xorShift47(product[0]!, product[1]!);
    mulM(product[0]!, product[1]!);
    hHi = (hHi ^ product[0]!) >>> 0;
    hLo = (hLo ^ product[1]!) >>> 0;
    mulM(hHi, hLo);
    hHi = product[0]!;
    hLo = product[1]!;
  }
  const tail = blocks << 3;
  const rest = length & 7;
  if (rest > 0) {
    let tailLo = 0;
    let tailHi = 0;
    for (let j = rest - 1; j >= 0; j--) {
      const byte = bytes[tail + j]!;
      if (j >= 4) tailHi |= byte << ((j - 4) * 8);
      else tailLo |= byte << (j * 8);
    }
    hHi = (hHi ^ tailHi) >>> 0;
    hLo = (hLo ^ tailLo) >>> 0;
    mulM(hHi, hLo);
    hHi = product[0]!;
    hLo = product[1]!;
  }
  xorShift47(hHi, hLo);
  mulM(product[0]!, product[1]!);
  xorShift47(product[0]!, product[1]!);
  return (BigInt(product[0]!) << 32n) | BigInt(product[1]!);
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** UTF-8 bytes of `text` in a reused buffer; returns the byte length. */
function encodeUtf8(text: string): number {
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  return encoder.encodeInto(text, scratch).written;
}

/** spaCy's `hash_string`: MurmurHash64A of the UTF-8 bytes, seed 1, as an unsigned 64-bit integer. */
export function hashString(text: string): bigint {
  const length = encodeUtf8(text);
  return murmurHash64A(scratch, 1, length);
}
