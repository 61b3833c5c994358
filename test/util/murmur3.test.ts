import { strict as assert } from "node:assert";
import { murmurhash3X64_128, murmurhash3X64_128Uint64, murmurhash3X86_32 } from "../../src/util/murmur3.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const M64 = (1n << 64n) - 1n;

/**
 * An independent, line-by-line BigInt transcription of the reference MurmurHash3_x64_128
 * (smhasher's MurmurHash3.cpp), slow and obvious, to cross-check the 32-bit-pair version.
 */
function referenceX64_128(bytes: Uint8Array, seed: number): [bigint, bigint] {
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M64;
  const fmix = (k: bigint) => {
    k ^= k >> 33n;
    k = (k * 0xff51afd7ed558ccdn) & M64;
    k ^= k >> 33n;
    k = (k * 0xc4ceb9fe1a85ec53n) & M64;
    return k ^ (k >> 33n);
  };
  const word = (at: number, n: number) => {
    let w = 0n;
    for (let j = 0; j < n; j++) w |= BigInt(bytes[at + j]!) << BigInt(8 * j);
    return w;
  };
  let h1 = BigInt(seed >>> 0);
  let h2 = BigInt(seed >>> 0);
  const nblocks = Math.floor(bytes.length / 16);
  for (let i = 0; i < nblocks; i++) {
    let k1 = word(16 * i, 8);
    let k2 = word(16 * i + 8, 8);
    k1 = (rotl((k1 * c1) & M64, 31n) * c2) & M64;
    h1 ^= k1;
    h1 = (((rotl(h1, 27n) + h2) & M64) * 5n + 0x52dce729n) & M64;
    k2 = (rotl((k2 * c2) & M64, 33n) * c1) & M64;
    h2 ^= k2;
    h2 = (((rotl(h2, 31n) + h1) & M64) * 5n + 0x38495ab5n) & M64;
  }
  const rest = bytes.length & 15;
  const tail = nblocks * 16;
  if (rest > 8) h2 ^= (rotl((word(tail + 8, rest - 8) * c2) & M64, 33n) * c1) & M64;
  if (rest > 0) h1 ^= (rotl((word(tail, Math.min(rest, 8)) * c1) & M64, 31n) * c2) & M64;
  h1 ^= BigInt(bytes.length);
  h2 ^= BigInt(bytes.length);
  h1 = (h1 + h2) & M64;
  h2 = (h2 + h1) & M64;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & M64;
  h2 = (h2 + h1) & M64;
  return [h1, h2];
}

/** A BigInt transcription of Thinc 8.1.7's MurmurHash3_x86_128_uint64 (numpy_ops.pyx) as written there. */
function thincHashUint64(val: bigint, seed: number): [bigint, bigint] {
  const fmix = (k: bigint) => {
    k ^= k >> 33n;
    k = (k * 0xff51afd7ed558ccdn) & M64;
    k ^= k >> 33n;
    k = (k * 0xc4ceb9fe1a85ec53n) & M64;
    return k ^ (k >> 33n);
  };
  let h1 = (val * 0x87c37b91114253d5n) & M64;
  h1 = ((h1 << 31n) | (h1 >> 33n)) & M64;
  h1 = (h1 * 0x4cf5ad432745937fn) & M64;
  h1 ^= BigInt(seed >>> 0);
  h1 ^= 8n;
  let h2 = BigInt(seed >>> 0);
  h2 ^= 8n;
  h1 = (h1 + h2) & M64;
  h2 = (h2 + h1) & M64;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & M64;
  h2 = (h2 + h1) & M64;
  return [h1, h2];
}

const pair = (out: Uint32Array): [bigint, bigint] => [(BigInt(out[1]!) << 32n) | BigInt(out[0]!), (BigInt(out[3]!) << 32n) | BigInt(out[2]!)];

function randomBytes(n: number, seed: number): Uint8Array {
  let s = seed;
  const bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    bytes[i] = s >>> 24;
  }
  return bytes;
}

describe("MurmurHash3", () => {
  it("x86_32 gives the published vectors", () => {
    assert.equal(murmurhash3X86_32(utf8(""), 0), 0);
    assert.equal(murmurhash3X86_32(utf8(""), 1), 0x514e28b7);
    assert.equal(murmurhash3X86_32(utf8(""), 0xffffffff), 0x81f16f39);
    assert.equal(murmurhash3X86_32(utf8("hello"), 0), 0x248bfa47);
    assert.equal(murmurhash3X86_32(utf8("The quick brown fox jumps over the lazy dog"), 0), 0x2e4ff723);
    assert.equal(murmurhash3X86_32(new Uint8Array([0, 0, 0, 0]), 0), 0x2362f9de);
    assert.equal(murmurhash3X86_32(new Uint8Array([0x21, 0x43, 0x65, 0x87]), 0x5082edee), 0x2362f9de);
  });

  it("x64_128 gives the published vectors", () => {
    assert.deepEqual(pair(murmurhash3X64_128(utf8(""), 0)), [0n, 0n]);
    assert.deepEqual(pair(murmurhash3X64_128(utf8("hello"), 0)), [0xcbd8a7b341bd9b02n, 0x5b1e906a48ae1d19n]);
    assert.deepEqual(pair(murmurhash3X64_128(utf8("The quick brown fox jumps over the lazy dog"), 0)), [0xe34bbc7bbc071b6cn, 0x7a433ca9c49a9347n]);
  });

  it("x64_128 agrees with a BigInt transcription of the reference on every tail length", () => {
    for (let n = 0; n <= 70; n++) {
      for (const seed of [0, 1, 42, 0xffffffff]) {
        const bytes = randomBytes(n, n * 31 + seed);
        assert.deepEqual(pair(murmurhash3X64_128(bytes, seed)), referenceX64_128(bytes, seed), `length ${n}, seed ${seed}`);
      }
    }
  });

  it("hashes 64-bit keys as Thinc's ops.hash does", () => {
    const out = new Uint32Array(4);
    const keys = [0n, 1n, 8n, 0xffffffffn, 0x100000000n, 0xffffffffffffffffn, 0x8000000000000000n, 17733446577440811016n, 12345678901234567n];
    for (const key of keys) {
      for (const seed of [0, 1, 7, 123456, 0xffffffff]) {
        const lo = Number(key & 0xffffffffn);
        const hi = Number(key >> 32n);
        murmurhash3X64_128Uint64(lo, hi, seed, out);
        assert.deepEqual(pair(out), thincHashUint64(key, seed), `key ${key}, seed ${seed}`);
        const bytes = new Uint8Array(new BigUint64Array([key]).buffer);
        assert.deepEqual(pair(out), referenceX64_128(bytes, seed), "Thinc's uint64 hash is x64_128 over the key's 8 little-endian bytes");
      }
    }
    // Thinc's test_hash_gives_distinct_keys: key 0 gives four non-zero words.
    murmurhash3X64_128Uint64(0, 0, 0, out);
    assert.ok(out.every((word) => word !== 0));
  });
});
