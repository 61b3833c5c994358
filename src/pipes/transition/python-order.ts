/**
 * Python's string order (by code point), which spaCy's sorted label lists follow. JavaScript's
 * default compares UTF-16 units, which differs for characters beyond the BMP.
 */
export function comparePython(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca < cb ? -1 : 1;
    // A surrogate pair is one code point: skip its low half.
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}
