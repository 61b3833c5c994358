/**
 * One seedable source of randomness for the whole process, so that training with the same
 * seed, config and data repeats exactly: batch shuffling, weight initialization and dropout
 * masks all draw from it (tfjs random ops get a seed taken from here). Until a seed is fixed,
 * it is seeded from Math.random.
 */

let state = (Math.random() * 2 ** 32) >>> 0;

/** spaCy's fix_random_seed: make everything that follows repeatable. */
export function fixRandomSeed(seed: number): void {
  state = seed >>> 0;
}

/** A uniform number in [0, 1) (SplitMix32: small, fast, and good enough for shuffles and seeds). */
export function random(): number {
  state = (state + 0x9e3779b9) >>> 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 0) / 2 ** 32;
}

/** A seed for a tfjs random op. */
export function nextSeed(): number {
  return Math.floor(random() * 2 ** 31);
}

/** Fisher-Yates shuffle in place. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Where the generator stands, to save with a checkpoint. */
export function randomState(): number {
  return state;
}

export function setRandomState(saved: number): void {
  state = saved >>> 0;
}
