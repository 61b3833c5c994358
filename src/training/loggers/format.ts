/**
 * Text formats the training table and log file share with spaCy: Python's "{:.2f}", wasabi's
 * table rows and the float spelling of srsly's JSON writer, so that tsnlp's output lines up
 * character for character with spaCy's.
 */

export type Align = "l" | "r";

/**
 * Python's `"{0:.Nf}".format(x)`. JavaScript's toFixed rounds exact ties (0.125) away from
 * zero where Python rounds them to even, and spells the non-finite values differently.
 */
export function pyFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const fixed = value.toFixed(digits);
  if (Math.abs(value) >= 1e21) return fixed;
  // The exact decimal expansion tells whether the dropped digits are exactly one half.
  const exact = Math.abs(value).toFixed(100);
  const point = exact.indexOf(".");
  const dropped = exact.slice(point + 1 + digits);
  if (!/^50*$/.test(dropped)) return fixed;
  const kept = exact.slice(0, point + 1 + digits).replace(/\.$/, "");
  const lastDigit = Number(kept.at(-1));
  if (lastDigit % 2 === 1) return fixed;
  return value < 0 ? `-${kept}` : kept;
}

/**
 * A float as srsly.json_dumps writes it (ujson with 10 decimals): trailing zeros dropped but
 * one kept after the point ("1.0", "0.3333333333"), and exponent form above 1e16. JSON has
 * no NaN, which spaCy cannot write at all; it is written as null here.
 */
export function jsonFloat(value: number): string {
  if (!Number.isFinite(value)) return "null";
  if (Math.abs(value) > 1e16) return value.toExponential(15);
  const fixed = value.toFixed(10).replace(/0+$/, "");
  const spelled = fixed.endsWith(".") ? `${fixed}0` : fixed;
  return spelled === "-0.0" ? "0.0" : spelled;
}

/** A JSON object whose values are preformatted JSON texts, written without spaces as srsly does. */
export function jsonObject(fields: ReadonlyArray<readonly [string, string]>): string {
  return `{${fields.map(([key, json]) => `${JSON.stringify(key)}:${json}`).join(",")}}`;
}

/**
 * One table row as wasabi's `row()` writes it: each cell padded to its width (left or right
 * aligned, never cut), cells joined by `spacing` spaces. Trailing spaces are kept, as in spaCy.
 */
export function tableRow(cells: readonly string[], widths: readonly number[], spacing: number, aligns?: readonly Align[]): string {
  return cells
    .map((cell, i) => {
      const width = widths[i] ?? cell.length;
      return aligns?.[i] === "r" ? cell.padStart(width) : cell.padEnd(width);
    })
    .join(" ".repeat(spacing));
}

/**
 * spaCy's `setup_table`: headers longer than `maxWidth` are cut to maxWidth - 3 characters
 * plus "...", every header is upper-cased, and a column is as wide as its header or its
 * default width, whichever is larger.
 */
export function setupTable(cols: readonly string[], widths: readonly number[], maxWidth = 13): { header: string[]; widths: number[] } {
  const header: string[] = [];
  const finalWidths: number[] = [];
  cols.forEach((col, i) => {
    const shown = col.length > maxWidth ? `${col.slice(0, maxWidth - 3)}...` : col;
    header.push(shown.toUpperCase());
    finalWidths.push(Math.max(shown.length, widths[i] ?? 0));
  });
  return { header, widths: finalWidths };
}
