/**
 * How `debug model` writes values: the way Python and numpy print them, so that the output
 * reads like spaCy's (spacy/cli/debug_model.py prints shapes as tuples, parameter samples
 * with str(ndarray) and predictions with str(list of arrays)). Array layout follows numpy's
 * defaults (numpy/core/arrayprint.py): 8 digits of precision, 75 columns, and arrays of more
 * than 1000 values summarized to 3 items at each edge.
 */

const PRECISION = 8;
const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

/** Values of an array in row-major order, with its shape. */
export interface HostArray {
  shape: readonly number[];
  values: ArrayLike<number>;
  /** Integers print without a decimal point. */
  dtype: "float32" | "int32";
}

/** A shape as a Python tuple: (96, 32), (32,), (). */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** numpy's str(array): [ 0.    0.5  -0.25] */
export function formatArrayStr(array: HostArray): string {
  if (array.shape.length === 0) return formatScalar(array);
  return formatArray(array, " ", "", LINE_WIDTH);
}

/** numpy's repr(array): array([[0.1, 0.2], ...], dtype=float32) */
export function formatArrayRepr(array: HostArray): string {
  const prefix = "array(";
  const dtype = `dtype=${array.dtype})`;
  if (array.shape.length === 0) return `${prefix}${formatScalar(array)}, ${dtype}`;
  // An empty array of more than one axis states its shape, as numpy's repr does.
  const empty = size(array.shape) === 0 && array.shape.length > 1;
  const body = empty ? `[], shape=${formatShape(array.shape)}` : formatArray(array, ", ", prefix, LINE_WIDTH - 1);
  const text = `${prefix}${body},`;
  const lastLine = text.length - (text.lastIndexOf("\n") + 1);
  const spacer = lastLine + dtype.length + 1 > LINE_WIDTH ? `\n${" ".repeat(prefix.length)}` : " ";
  return `${text}${spacer}${dtype}`;
}

function formatScalar(array: HostArray): string {
  const value = array.values[0] ?? 0;
  return array.dtype === "int32" ? String(value) : floatFormatter([value])(value);
}

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** numpy's _formatArray: nested brackets, wrapped lines with a hanging indent, "..." for long axes. */
function formatArray(array: HostArray, separator: string, prefix: string, lineWidth: number): string {
  const { shape, values } = array;
  const strides = shape.map((_, axis) => size(shape.slice(axis + 1)));
  const summarize = size(shape) > THRESHOLD;
  const format = array.dtype === "int32" ? intFormatter(shownValues(array, summarize)) : floatFormatter(shownValues(array, summarize));
  const separatorEnd = separator.trimEnd();

  const recurse = (axis: number, offset: number, hangingIndent: string, width: number): string => {
    if (axis === shape.length) return format(values[offset]!);
    const nextIndent = `${hangingIndent} `;
    const nextWidth = width - 1;
    const length = shape[axis]!;
    const showSummary = summarize && 2 * EDGE_ITEMS < length;
    const leading = showSummary ? EDGE_ITEMS : 0;
    const trailing = showSummary ? EDGE_ITEMS : length;
    const item = (i: number) => recurse(axis + 1, offset + i * strides[axis]!, nextIndent, nextWidth);
    let text = "";
    if (axis === shape.length - 1) {
      const elementWidth = width - Math.max(separatorEnd.length, 1);
      let line = hangingIndent;
      const extend = (word: string, limit: number) => {
        if (line.length + word.length > limit && line.length > hangingIndent.length) {
          text += `${line.trimEnd()}\n`;
          line = hangingIndent;
        }
        line += word;
      };
      for (let i = 0; i < leading; i++) {
        extend(item(i), elementWidth);
        line += separator;
      }
      if (showSummary) {
        extend("...", elementWidth);
        line += separator;
      }
      for (let i = trailing; i > 1; i--) {
        extend(item(length - i), elementWidth);
        line += separator;
      }
      extend(item(length - 1), elementWidth);
      text += line;
    } else {
      const lineSeparator = separatorEnd + "\n".repeat(shape.length - axis - 1);
      for (let i = 0; i < leading; i++) text += hangingIndent + item(i) + lineSeparator;
      if (showSummary) text += `${hangingIndent}...${lineSeparator}`;
      for (let i = trailing; i > 1; i--) text += hangingIndent + item(length - i) + lineSeparator;
      text += hangingIndent + item(length - 1);
    }
    return `[${text.slice(hangingIndent.length)}]`;
  };

  if (shape.some((n) => n === 0)) return "[]";
  return recurse(0, 0, ` ${" ".repeat(prefix.length)}`, lineWidth);
}

/** The values numpy looks at to choose a format: all, or only those a summary shows. */
function shownValues(array: HostArray, summarize: boolean): number[] {
  const { shape, values } = array;
  if (!summarize) return Array.from(values);
  const shown: number[] = [];
  const strides = shape.map((_, axis) => size(shape.slice(axis + 1)));
  const walk = (axis: number, offset: number) => {
    if (axis === shape.length) {
      shown.push(values[offset]!);
      return;
    }
    const length = shape[axis]!;
    const indices = 2 * EDGE_ITEMS < length ? [0, 1, 2, length - 3, length - 2, length - 1] : [...Array(length).keys()];
    for (const i of indices) walk(axis + 1, offset + i * strides[axis]!);
  };
  walk(0, 0);
  return shown;
}

function intFormatter(values: readonly number[]): (value: number) => string {
  const width = Math.max(0, ...values.map((value) => String(value).length));
  return (value) => String(value).padStart(width);
}

/**
 * numpy's FloatingFormat in its default "maxprec" mode: positional notation padded to a common
 * width, unless the values span more than three orders of magnitude, are below 1e-4 or reach
 * 1e8, in which case all use scientific notation with a common number of digits.
 */
export function floatFormatter(values: readonly number[]): (value: number) => string {
  const finite = values.filter(Number.isFinite);
  const magnitudes = finite.filter((v) => v !== 0).map(Math.abs);
  let scientific = false;
  if (magnitudes.length > 0) {
    const max = Math.max(...magnitudes);
    const min = Math.min(...magnitudes);
    scientific = max >= 1e8 || min < 1e-4 || max / min > 1000;
  }
  if (scientific) {
    const parts = finite.map((v) => splitScientific(shortestDigits(v)));
    const precision = Math.max(0, ...parts.map((p) => p.fraction.length));
    const padLeft = Math.max(0, ...parts.map((p) => p.integer.length));
    const expDigits = Math.max(2, ...parts.map((p) => p.exponent.replace(/^[+-]/, "").length));
    const width = padLeft + 1 + precision + 2 + expDigits;
    return (value) => {
      if (!Number.isFinite(value)) return nonFinite(value).padStart(width);
      // Digits past the shortest form are the exact value's, as dragon4 pads them (min_digits).
      const exact = Math.fround(value).toExponential(precision);
      const p = splitScientific(Object.is(value, -0) ? `-${exact}` : exact);
      const exponent = p.exponent.replace(/^[+-]/, "").padStart(expDigits, "0");
      const sign = p.exponent.startsWith("-") ? "-" : "+";
      return `${p.integer.padStart(padLeft)}.${p.fraction.padEnd(precision, "0")}e${sign}${exponent}`;
    };
  }
  const parts = finite.map((v) => splitPositional(positional(v)));
  const padLeft = Math.max(0, ...parts.map((p) => p.integer.length));
  const padRight = Math.max(0, ...parts.map((p) => p.fraction.length));
  return (value) => {
    if (!Number.isFinite(value)) return nonFinite(value).padStart(padLeft + 1 + padRight);
    const p = splitPositional(positional(value));
    return `${p.integer.padStart(padLeft)}.${p.fraction.padEnd(padRight)}`;
  };
}

function nonFinite(value: number): string {
  if (Number.isNaN(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

/** The fewest significant digits that read back as the same float32, as "d.ddde±x" (dragon4's unique mode). */
function shortestDigits(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0e+0" : "0e+0";
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = target.toExponential(digits - 1);
    if (Math.fround(Number(text)) === target) return text;
  }
  return target.toExponential(8);
}

function splitScientific(text: string): { integer: string; fraction: string; exponent: string } {
  const [mantissa = "0", exponent = "+0"] = text.split("e");
  const [integer = "0", fraction = ""] = mantissa.split(".");
  return { integer, fraction: fraction.slice(0, PRECISION), exponent };
}

/** The shortest float32 digits in positional notation, cut to 8 decimals, without trailing zeros. */
function positional(value: number): string {
  if (value === 0) return Object.is(value, -0) ? "-0." : "0.";
  const text = shortestDigits(value);
  const [mantissa = "0", exponentText = "0"] = text.split("e");
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  // The decimal point sits after the first digit, moved by the exponent.
  const point = 1 + Number(exponentText);
  let integer: string;
  let fraction: string;
  if (point <= 0) {
    integer = "0";
    fraction = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    integer = digits + "0".repeat(point - digits.length);
    fraction = "";
  } else {
    integer = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  if (fraction.length > PRECISION) {
    // Like dragon4, round the exact binary value, not its shortest decimal form.
    const rounded = Math.abs(Math.fround(value)).toFixed(PRECISION).split(".");
    integer = rounded[0] ?? integer;
    fraction = rounded[1] ?? "";
  }
  fraction = fraction.replace(/0+$/, "");
  return `${negative ? "-" : ""}${integer}.${fraction}`;
}

function splitPositional(text: string): { integer: string; fraction: string } {
  const [integer = "0", fraction = ""] = text.split(".");
  return { integer, fraction };
}

/**
 * A value as Python's str() shows it (spaCy prints attrs with an f-string): True, None,
 * lists with quoted strings, dicts.
 */
export function pythonStr(value: unknown): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pythonStringRepr(value);
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "function") return `<function ${value.name || "<lambda>"}>`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return `[${Array.from(value as unknown as ArrayLike<number | bigint>, (v) => pythonRepr(v)).join(", ")}]`;
  if (value instanceof Set) return value.size === 0 ? "set()" : `{${[...value].map(pythonRepr).join(", ")}}`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      return `{${Object.entries(value)
        .map(([k, v]) => `${pythonStringRepr(k)}: ${pythonRepr(v)}`)
        .join(", ")}}`;
    }
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
    const label = (value as { name?: unknown }).name;
    return typeof label === "string" ? `<${name} '${label}'>` : `<${name} object>`;
  }
  return String(value);
}

function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll("\t", "\\t");
  return `${quote}${quote === "'" ? escaped.replaceAll("'", "\\'") : escaped}${quote}`;
}

/** Python's repr of a number: exponents as 1e-05, not 0.00001. */
function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  const abs = Math.abs(value);
  if (value !== 0 && !Number.isInteger(value) && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa, exponent = "0"] = value.toExponential().split("e");
    const sign = exponent.startsWith("-") ? "-" : "+";
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
  }
  return String(value);
}
