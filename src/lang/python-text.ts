/**
 * Python's notions of whitespace and digits, which spaCy's tokenizer and lexical attributes use.
 * JavaScript's `\s` and `\d` differ: `\s` adds U+FEFF and lacks U+001C-U+001F and U+0085;
 * `\d` is ASCII only.
 */

/** Code points for which Python's `str.isspace()` is true. */
const PY_SPACES = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
  0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

const SPACE_SET = new Set(PY_SPACES);

/** A regex class body matching what Python's `\s` matches in a str pattern (`u` flag). */
export const PY_SPACE_CLASS = String.raw`\t-\r\x1C-\x20\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000`;

/** Python's `str.isspace()` for one UTF-16 code unit (every whitespace character is in the BMP). */
export function isSpaceCode(code: number): boolean {
  if (code === 0x20) return true;
  if (code > 0x20 && code < 0x85) return false;
  return SPACE_SET.has(code);
}

/** Python's `str.isspace()`: true for a non-empty string of whitespace only. */
export function isSpace(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

// Decimal digits plus the other characters with Numeric_Type=Digit (superscripts, circled
// digits, ...), which Python's `str.isdigit()` also accepts.
const DIGITS = new RegExp(
  String.raw`^[\p{Nd}\u00B2\u00B3\u00B9\u1369-\u1371\u19DA\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF` +
    String.raw`\u2776-\u277E\u2780-\u2788\u278A-\u2792\u{10A40}-\u{10A43}\u{10E60}-\u{10E68}\u{11052}-\u{1105A}\u{1F100}-\u{1F10A}]+$`,
  "u",
);

/** Python's `str.isdigit()`: true for a non-empty string of digits only. */
export function isDigits(text: string): boolean {
  return DIGITS.test(text);
}
