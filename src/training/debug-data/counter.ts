/**
 * Counts by key, like Python's collections.Counter: keys keep the order they were first seen
 * in, and mostCommon breaks ties by that order, so reports list labels as spaCy does.
 */
export class Counter<K = string> {
  private readonly counts = new Map<K, number>();

  add(key: K, count = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + count);
  }

  addAll(keys: Iterable<K>): void {
    for (const key of keys) this.add(key);
  }

  get(key: K): number {
    return this.counts.get(key) ?? 0;
  }

  has(key: K): boolean {
    return this.counts.has(key);
  }

  keys(): K[] {
    return [...this.counts.keys()];
  }

  entries(): Array<[K, number]> {
    return [...this.counts.entries()];
  }

  /** Number of distinct keys. */
  get size(): number {
    return this.counts.size;
  }

  /** Sum of all counts. */
  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  /** The `n` largest counts (all when n is left out), largest first; equal counts keep first-seen order. */
  mostCommon(n?: number): Array<[K, number]> {
    const sorted = this.entries().sort((a, b) => b[1] - a[1]);
    return n === undefined ? sorted : sorted.slice(0, n);
  }
}
