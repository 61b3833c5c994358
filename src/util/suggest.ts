/** Edit distance (insertions, deletions, substitutions and adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i < rows; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The candidates nearest to `name`, closest first. Only plausible matches are kept:
 * a candidate further than half of the longer name's length is no suggestion.
 */
export function nearest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const scored: Array<[string, number]> = [];
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    const bound = Math.max(2, Math.ceil(Math.max(name.length, candidate.length) / 2));
    if (distance <= bound) scored.push([candidate, distance]);
  }
  // Ties go to the longer shared prefix, then to the later name (the newer version of "x.vN").
  scored.sort((x, y) => x[1] - y[1] || commonPrefix(name, y[0]) - commonPrefix(name, x[0]) || y[0].localeCompare(x[0]));
  return scored.slice(0, limit).map(([candidate]) => candidate);
}

/** " Did you mean 'a', 'b' or 'c'?" or "" when nothing is close. */
export function didYouMean(name: string, candidates: Iterable<string>, limit = 3): string {
  const close = nearest(name, candidates, limit).map((c) => `'${c}'`);
  if (close.length === 0) return "";
  const last = close.pop() as string;
  return close.length === 0 ? ` Did you mean ${last}?` : ` Did you mean ${close.join(", ")} or ${last}?`;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
