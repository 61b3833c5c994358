/**
 * Decimal numbers parsed straight from the bytes of a vectors file, without making a string
 * per value: a million-row file holds tens of millions of them. Plain decimals with up to 15
 * significant digits and small exponents (every GloVe, word2vec and fastText value) take the
 * fast path: the digits as an exact integer, scaled by an exact power of ten, which gives the
 * correctly rounded double (then float32 on storing, as numpy's float32 parse does). Anything
 * else is decoded and checked as Python's float() would read it.
 */

const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
const decoder = new TextDecoder();
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^[+-]?(nan|inf|infinity)$/i;

/** The number in bytes[start, end), or NaN when it is not one (see isNanLiteral for "nan"). */
export function parseNumber(bytes: Uint8Array, start: number, end: number): number {
  const value = scanner.scan(bytes, start, end);
  return scanner.end === end && !Number.isNaN(value) ? value : slowParse(bytes, start, end);
}

/**
 * The fast path on its own: reads a plain decimal from `start` for as long as it continues,
 * leaving in `end` where it stopped, so that a caller splitting a line on spaces reads each
 * byte once. NaN when there are no digits, or when the digits need the slow path.
 */
export class NumberScanner {
  end = 0;

  scan(bytes: Uint8Array, start: number, limit: number): number {
    let at = start;
    let negative = false;
    if (at < limit && (bytes[at] === 45 || bytes[at] === 43)) {
      negative = bytes[at] === 45;
      at++;
    }
    let mantissa = 0;
    let digits = 0;
    let significant = 0;
    let scale = 0;
    for (; at < limit; at++) {
      const d = bytes[at]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      if (mantissa > 0) significant++;
    }
    if (at < limit && bytes[at] === 46) {
      for (at++; at < limit; at++) {
        const d = bytes[at]! - 48;
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
        digits++;
        scale--;
        if (mantissa > 0) significant++;
      }
    }
    if (at < limit && digits > 0 && (bytes[at] === 101 || bytes[at] === 69)) {
      at++;
      let expNegative = false;
      if (at < limit && (bytes[at] === 45 || bytes[at] === 43)) {
        expNegative = bytes[at] === 45;
        at++;
      }
      let exponent = 0;
      let expDigits = 0;
      for (; at < limit; at++) {
        const d = bytes[at]! - 48;
        if (d < 0 || d > 9) break;
        exponent = exponent * 10 + d;
        expDigits++;
      }
      if (expDigits === 0 || expDigits > 6) digits = 0;
      scale += expNegative ? -exponent : exponent;
    }
    this.end = at;
    if (digits === 0 || significant > 15 || scale > 22 || scale < -22) return Number.NaN;
    const value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale]! : mantissa / POWERS_OF_TEN[-scale]!;
    return negative ? -value : value;
  }
}

const scanner = new NumberScanner();

/** Whether bytes[start, end) spell a NaN that Python's float() accepts ("nan", "-NaN"). */
export function isNanLiteral(bytes: Uint8Array, start: number, end: number): boolean {
  return /^[+-]?nan$/i.test(decoder.decode(bytes.subarray(start, end)));
}

function slowParse(bytes: Uint8Array, start: number, end: number): number {
  const text = decoder.decode(bytes.subarray(start, end));
  if (DECIMAL.test(text)) return Number(text);
  if (SPECIAL.test(text)) {
    if (/nan/i.test(text)) return Number.NaN;
    return text.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return Number.NaN;
}
