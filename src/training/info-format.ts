/**
 * Values printed as spaCy's commands print them: Python's str(), repr() of floats, round()
 * and "%.Nf", and wasabi's rows, tables and Markdown lists. `info`, `find-threshold` and
 * `benchmark speed` share them so their output reads like spaCy's.
 */

/** Python's repr of a float: "1.0" for whole numbers, exponents from 1e16 and below 1e-4 ("1e-05"). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const magnitude = Math.abs(x);
  if (x !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
    const sign = exponent.startsWith("-") ? "-" : "+";
    return `${mantissa}e${sign}${exponent.replace(/^[-+]/, "").padStart(2, "0")}`;
  }
  if (Number.isInteger(x)) return `${Object.is(x, -0) ? "-0" : x}.0`;
  return String(x);
}

/**
 * Python's "%.{digits}f": the exact binary value rounded, an exact tie to the even digit
 * (JavaScript's toFixed breaks ties upwards).
 */
export function pythonFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return pythonFloat(x);
  const fixed = x.toFixed(digits);
  // Digits far past the binary value's precision show whether x sits exactly halfway.
  const longer = x.toFixed(Math.min(100, digits + 25));
  const tail = longer.slice(longer.length - 25);
  if (tail !== `5${"0".repeat(24)}`) return fixed;
  const truncated = longer.slice(0, longer.length - 25);
  const lastDigit = Number(truncated.replace(/\D/g, "").slice(-1));
  if (lastDigit % 2 === 0) return digits === 0 ? truncated.replace(/\.$/, "") : truncated;
  return fixed;
}

/** Python's round(x, digits) of a float. */
export function pythonRound(x: number, digits: number): number {
  return Number(pythonFixed(x, digits));
}

/** Python's str() of a JSON value: strings bare at the top, quoted inside lists and dicts. */
export function pythonStr(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e16 ? String(value) : pythonFloat(value);
  if (typeof value === "string") return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${pythonRepr(key)}: ${pythonRepr(item)}`)
      .join(", ")}}`;
  }
  return String(value);
}

/** wasabi.row: each cell left-aligned in its width (never cut), joined by `spacing` blanks. */
export function wasabiRow(cells: readonly string[], widths: readonly number[], spacing = 3): string {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? cell.length)).join(" ".repeat(spacing));
}

/**
 * wasabi.table of label/value pairs: columns as wide as their widest cell, at most `maxColumn`
 * (longer cells overflow). Trailing blanks are trimmed.
 */
export function wasabiTable(rows: ReadonlyArray<readonly [string, string]>, maxColumn = 30): string[] {
  const widths = [0, 1].map((col) => Math.min(maxColumn, Math.max(0, ...rows.map((row) => row[col]!.length))));
  return rows.map((row) => wasabiRow(row, widths).trimEnd());
}

/** wasabi's MarkdownRenderer as spaCy's info uses it: an optional "## title" and a "- " list. */
export function markdownList(items: readonly string[], title?: string): string {
  const blocks = title ? [`## ${title}`] : [];
  blocks.push(items.map((item) => `- ${item}`).join("\n"));
  return blocks.join("\n\n");
}
