/**
 * 64-bit unsigned arithmetic on pairs of 32-bit words, for the hash functions: BigInt would
 * be simpler but several times slower on per-string and per-id hot paths.
 */

/** (aHi:aLo) * (bHi:bLo) mod 2^64, written to out as [hi, lo]. */
export function mul64(aHi: number, aLo: number, bHi: number, bLo: number, out: Uint32Array): void {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  // Every partial product and sum stays below 2^53, so doubles hold them exactly.
  const mid = a0 * b1 + a1 * b0;
  const low = a0 * b0 + (mid % 0x10000) * 0x10000;
  out[0] = (a1 * b1 + Math.floor(mid / 0x10000) + Math.floor(low / 0x100000000) + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
  out[1] = low >>> 0;
}
