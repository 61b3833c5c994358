/** How debug data writes labels, counts and percentages (spacy/cli/debug_data.py and _util.py, v3.5.4). */

/** 'A', 'B' or, with counts, 'A' (3), 'B' (1). */
export function formatLabels(labels: Iterable<string>): string {
  return [...labels].map((label) => `'${label}'`).join(", ");
}

export function formatLabelCounts(labels: Iterable<readonly [string, number]>): string {
  return [...labels].map(([label, count]) => `'${label}' (${count})`).join(", ");
}

/** Span-length percentages: "1 (60.0%), 2 (40.0%)", shortest first. */
export function formatFreqs(freqs: ReadonlyMap<number, number>): string {
  return [...freqs.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([length, percent]) => `${length} (${pythonFloat(percent)}%)`)
    .join(", ");
}

/** A table cell: a whole count as it is, a measurement with two decimals (spaCy's _format_number). */
export function formatNumber(value: number, isCount: boolean): string {
  return isCount ? String(value) : fixed(value, 2);
}

/**
 * A float as Python's str() writes it: whole numbers keep ".0" (40.0), others the shortest
 * form. The percentages are rounded to two decimals first, so no exponents appear.
 */
export function pythonFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/**
 * Python's f"{x:.Nf}": the exact binary value rounded, ties to even. toFixed rounds the exact
 * value too but sends ties up, so only exact ties (0.125 at two digits) need care.
 */
export function fixed(value: number, digits: number): string {
  const plain = value.toFixed(digits);
  if (!Number.isFinite(value)) return plain;
  // 30 more digits are enough to tell a tie: a double near 100 is at least 1e-17 from one it is not.
  const exact = Math.abs(value).toFixed(digits + 30);
  const rest = exact.slice(exact.length - 30);
  if (!/^50*$/.test(rest)) return plain;
  // A tie: toFixed went up; Python keeps the even digit.
  const truncated = exact.slice(0, exact.length - 30).replace(/\.$/, "");
  if (Number(truncated.at(-1)) % 2 !== 0) return plain;
  return value < 0 && Number(truncated) !== 0 ? `-${truncated}` : truncated;
}

/** Python's round(x, N) for the small positive numbers debug data rounds. */
export function pythonRound(value: number, digits: number): number {
  return Number(fixed(value, digits));
}

/** "1 check" / "2 checks". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
