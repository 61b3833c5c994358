/**
 * The comparison behind the matchers' FUZZY operators (spaCy's levenshtein_compare,
 * spacy/matcher/levenshtein.pyx, v3.5.4): Levenshtein distance over code points, within a
 * limit that grows with the pattern's length.
 */

/** (input text, pattern text, allowed edits or -1 for the default limit) -> whether they are close enough. */
export type FuzzyCompare = (input: string, pattern: string, fuzzy: number) => boolean;

/** Insertions, deletions and substitutions between a and b, counted over code points. */
export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  let current = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * spaCy's default: `fuzzy` edits when it is 0 or more, else at least two edits (one
 * transposition) and up to 30% of the pattern's length.
 */
export const levenshteinCompare: FuzzyCompare = (input, pattern, fuzzy = -1) => {
  const maxEdits = fuzzy >= 0 ? fuzzy : Math.max(2, roundHalfEven(0.3 * Array.from(pattern).length));
  return levenshtein(input, pattern) <= maxEdits;
};
