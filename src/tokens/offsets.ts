/**
 * Character offsets in files follow Python (spaCy, Prodigy): they count code points. JavaScript
 * strings index UTF-16 units, which differ after any character outside the BMP (emoji). These
 * convert between the two for one text.
 */
export interface OffsetMap {
  toUtf16(codePointOffset: number): number;
  toCodePoint(utf16Offset: number): number;
}

const IDENTITY: OffsetMap = { toUtf16: (offset) => offset, toCodePoint: (offset) => offset };

export function offsetMap(text: string): OffsetMap {
  if (!/[\uD800-\uDFFF]/.test(text)) return IDENTITY;
  const utf16At: number[] = [];
  const codePointAt = new Int32Array(text.length + 1);
  let cp = 0;
  for (let unit = 0; unit < text.length; cp++) {
    utf16At.push(unit);
    const width = (text.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1;
    codePointAt[unit] = cp;
    if (width === 2) codePointAt[unit + 1] = cp + 1;
    unit += width;
  }
  utf16At.push(text.length);
  codePointAt[text.length] = cp;
  return {
    toUtf16: (offset) => utf16At[offset] ?? Number.NaN,
    toCodePoint: (offset) => codePointAt[offset] ?? Number.NaN,
  };
}
