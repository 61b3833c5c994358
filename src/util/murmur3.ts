/**
 * MurmurHash3 (Austin Appleby, public domain): x86_32 and x64_128.
 *
 * Thinc's `ops.hash(ids, seed)` (HashEmbed's four bucket keys) is x64_128 over the 8
 * little-endian bytes of each 64-bit id. thinc/backends/numpy_ops.pyx calls its helper
 * `MurmurHash3_x86_128_uint64`, but the body is x64_128's tail-only path (64-bit constants
 * c1/c2, rotl 31, fmix64), and the CUDA kernel (_murmur3.cu) agrees; the four uint32 columns
 * are h1 low, h1 high, h2 low, h2 high, the little-endian layout of the 128-bit result.
 *
 * 64-bit arithmetic runs on pairs of 32-bit halves held in module-level scratch variables, so
 * the inner loops allocate nothing and never touch BigInt.
 */
import { mul64 as mul64Into } from "./uint64.js";

const C1_HI = 0x87c37b91;
const C1_LO = 0x114253d5;
const C2_HI = 0x4cf5ad43;
const C2_LO = 0x2745937f;
const FMIX1_HI = 0xff51afd7;
const FMIX1_LO = 0xed558ccd;
const FMIX2_HI = 0xc4ceb9fe;
const FMIX2_LO = 0x1a85ec53;

// Result registers of the 64-bit helpers below.
let rHi = 0;
let rLo = 0;

const product = new Uint32Array(2);

/** (aHi:aLo) * (bHi:bLo) mod 2^64 into (rHi, rLo). */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  mul64Into(aHi, aLo, bHi, bLo, product);
  rHi = product[0]!;
  rLo = product[1]!;
}

/** Rotate (hi:lo) left by r bits, 0 < r < 64, into (rHi, rLo). */
function rotl64(hi: number, lo: number, r: number): void {
  if (r >= 32) {
    const t = hi;
    hi = lo;
    lo = t;
    r -= 32;
  }
  if (r === 0) {
    rHi = hi >>> 0;
    rLo = lo >>> 0;
    return;
  }
  rHi = ((hi << r) | (lo >>> (32 - r))) >>> 0;
  rLo = ((lo << r) | (hi >>> (32 - r))) >>> 0;
}

/** (aHi:aLo) + (bHi:bLo) mod 2^64 into (rHi, rLo). */
function add64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const lo = aLo + bLo;
  rLo = lo >>> 0;
  rHi = (aHi + bHi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
}

/** MurmurHash3's 64-bit finalizer on (hi:lo), into (rHi, rLo). */
function fmix64(hi: number, lo: number): void {
  lo = (lo ^ (hi >>> 1)) >>> 0; // k ^= k >> 33
  mul64(hi, lo, FMIX1_HI, FMIX1_LO);
  hi = rHi;
  lo = (rLo ^ (rHi >>> 1)) >>> 0;
  mul64(hi, lo, FMIX2_HI, FMIX2_LO);
  rLo = (rLo ^ (rHi >>> 1)) >>> 0;
}

/** k1 * c1, rotl 31, * c2: the mixing of h1's input word. */
function mixK1(hi: number, lo: number): void {
  mul64(hi, lo, C1_HI, C1_LO);
  rotl64(rHi, rLo, 31);
  mul64(rHi, rLo, C2_HI, C2_LO);
}

/** k2 * c2, rotl 33, * c1: the mixing of h2's input word. */
function mixK2(hi: number, lo: number): void {
  mul64(hi, lo, C2_HI, C2_LO);
  rotl64(rHi, rLo, 33);
  mul64(rHi, rLo, C1_HI, C1_LO);
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 of `bytes` with a 32-bit seed, as an unsigned 32-bit number. */
export function murmurhash3X86_32(bytes: Uint8Array, seed = 0): number {
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const length = bytes.length;
  const blocks = length >>> 2;
  let h = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const at = i << 2;
    let k = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = blocks << 2;
  let k = 0;
  switch (length & 3) {
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the reference's tail falls through
    case 3:
      k ^= bytes[tail + 2]! << 16;
    // biome-ignore lint/suspicious/noFallthroughSwitchClause: the reference's tail falls through
    case 2:
      k ^= bytes[tail + 1]! << 8;
    case 1:
      k ^= bytes[tail]!;
      k = Math.imul(k, c1);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, c2);
      h ^= k;
  }
  h ^= length;
  return fmix32(h);
}

/** Little-endian 32-bit word of `bytes` at `at`, reading only the first `n` (<= 4) bytes. */
function wordLE(bytes: Uint8Array, at: number, n: number): number {
  let w = 0;
  for (let j = n - 1; j >= 0; j--) w = (w << 8) | bytes[at + j]!;
  return w >>> 0;
}

/**
 * MurmurHash3_x64_128 of `bytes` with a 32-bit seed. The result is four uint32 words: h1 low,
 * h1 high, h2 low, h2 high (the reference's 16 output bytes read as little-endian words).
 */
export function murmurhash3X64_128(bytes: Uint8Array, seed = 0, out: Uint32Array = new Uint32Array(4)): Uint32Array {
  const length = bytes.length;
  const blocks = length >>> 4;
  let h1Hi = 0;
  let h1Lo = seed >>> 0;
  let h2Hi = 0;
  let h2Lo = seed >>> 0;
  for (let i = 0; i < blocks; i++) {
    const at = i << 4;
    mixK1(wordLE(bytes, at + 4, 4), wordLE(bytes, at, 4));
    rotl64((h1Hi ^ rHi) >>> 0, (h1Lo ^ rLo) >>> 0, 27);
    add64(rHi, rLo, h2Hi, h2Lo);
    mul64(rHi, rLo, 0, 5);
    add64(rHi, rLo, 0, 0x52dce729);
    h1Hi = rHi;
    h1Lo = rLo;
    mixK2(wordLE(bytes, at + 12, 4), wordLE(bytes, at + 8, 4));
    rotl64((h2Hi ^ rHi) >>> 0, (h2Lo ^ rLo) >>> 0, 31);
    add64(rHi, rLo, h1Hi, h1Lo);
    mul64(rHi, rLo, 0, 5);
    add64(rHi, rLo, 0, 0x38495ab5);
    h2Hi = rHi;
    h2Lo = rLo;
  }
  const tail = blocks << 4;
  const rest = length & 15;
  if (rest > 8) {
    const n = rest - 8;
    mixK2(wordLE(bytes, tail + 12, Math.max(0, n - 4)), wordLE(bytes, tail + 8, Math.min(4, n)));
    h2Hi = (h2Hi ^ rHi) >>> 0;
    h2Lo = (h2Lo ^ rLo) >>> 0;
  }
  if (rest > 0) {
    const n = Math.min(rest, 8);
    mixK1(wordLE(bytes, tail + 4, Math.max(0, n - 4)), wordLE(bytes, tail, Math.min(4, n)));
    h1Hi = (h1Hi ^ rHi) >>> 0;
    h1Lo = (h1Lo ^ rLo) >>> 0;
  }
  // The length is xored in as a 64-bit value; inputs here are far below 2^32 bytes.
  finish(h1Hi, (h1Lo ^ length) >>> 0, h2Hi, (h2Lo ^ length) >>> 0, out, 0);
  return out;
}

/** The shared finalization: h1 += h2; h2 += h1; fmix64 both; h1 += h2; h2 += h1. */
function finish(h1Hi: number, h1Lo: number, h2Hi: number, h2Lo: number, out: Uint32Array, at: number): void {
  add64(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = rHi;
  h1Lo = rLo;
  add64(h2Hi, h2Lo, h1Hi, h1Lo);
  h2Hi = rHi;
  h2Lo = rLo;
  fmix64(h1Hi, h1Lo);
  h1Hi = rHi;
  h1Lo = rLo;
  fmix64(h2Hi, h2Lo);
  h2Hi = rHi;
  h2Lo = rLo;
  add64(h1Hi, h1Lo, h2Hi, h2Lo);
  h1Hi = rHi;
  h1Lo = rLo;
  add64(h2Hi, h2Lo, h1Hi, h1Lo);
  out[at] = h1Lo;
  out[at + 1] = h1Hi;
  out[at + 2] = rLo;
  out[at + 3] = rHi;
}

/**
 * MurmurHash3_x64_128 of one 64-bit key (its 8 little-endian bytes) given as (low, high)
 * words, written as four uint32 words at `out[at..at+4]`: Thinc's ops.hash for one id.
 */
export function murmurhash3X64_128Uint64(lo: number, hi: number, seed: number, out: Uint32Array, at = 0): void {
  // An 8-byte key has no full block: only k1 of the tail, then length 8.
  mixK1(hi >>> 0, lo >>> 0);
  const s = seed >>> 0;
  finish(rHi, (rLo ^ s ^ 8) >>> 0, 0, (s ^ 8) >>> 0, out, at);
}
