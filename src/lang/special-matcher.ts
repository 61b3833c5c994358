/**
 * Finds special cases that affix splitting broke into pieces: each special case whose string
 * has a prefix, suffix, infix or space is registered as the token sequence the tokenizer
 * produces for it without special cases, and sequences of tokens are matched against those.
 * spaCy does this pass with a PhraseMatcher over ORTH after splitting (spacy/tokenizer.pyx).
 */
export class SpecialCaseMatcher {
  /** Patterns grouped by their first token, so each token costs one map lookup. */
  private readonly byFirst = new Map<string, Array<readonly string[]>>();
  private readonly keys = new Set<string>();

  get size(): number {
    return this.keys.size;
  }

  add(pattern: readonly string[]): void {
    const first = pattern[0];
    if (first === undefined) return;
    const key = pattern.join("\u0000");
    if (this.keys.has(key)) return;
    this.keys.add(key);
    const group = this.byFirst.get(first);
    if (group) group.push(pattern);
    else this.byFirst.set(first, [pattern]);
  }

  clear(): void {
    this.byFirst.clear();
    this.keys.clear();
  }

  /**
   * The spans [start, end) to replace, as spaCy chooses them among all (overlapping) matches:
   * longest first, then leftmost; a span is dropped when its first or last token belongs to a
   * span looked at before, kept or not. Sorted by start. Empty when nothing matches.
   */
  spans(words: readonly string[]): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    for (let start = 0; start < words.length; start++) {
      const group = this.byFirst.get(words[start]!);
      if (group === undefined) continue;
      for (const pattern of group) {
        const end = start + pattern.length;
        if (end > words.length) continue;
        let same = true;
        for (let k = 1; k < pattern.length; k++) {
          if (words[start + k] !== pattern[k]) {
            same = false;
            break;
          }
        }
        if (same) found.push([start, end]);
      }
    }
    if (found.length <= 1) return found;
    found.sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || a[0] - b[0]);
    const seen = new Set<number>();
    const kept: Array<[number, number]> = [];
    for (const span of found) {
      const [start, end] = span;
      if (!seen.has(start) && !seen.has(end - 1)) kept.push(span);
      for (let i = start; i < end; i++) seen.add(i);
    }
    return kept.sort((a, b) => a[0] - b[0]);
  }
}
