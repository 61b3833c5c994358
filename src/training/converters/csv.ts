/**
 * Delimited tables (CSV, TSV) read as Python's csv module reads them with its default
 * dialect: a field that starts with a double quote runs to the closing quote, may hold
 * delimiters and line breaks, and writes a quote as two (""). A quote inside an unquoted
 * field is kept as it is, and so is text after a closing quote. RFC 4180 files read the same;
 * GoEmotions' TSV quotes this way.
 */
export interface TableRecord {
  fields: string[];
  /** Line on which the record starts (1-based). */
  line: number;
}

export class UnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`A quoted field that starts on line ${line} is never closed.`);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Records in order; an empty line gives no record. Throws UnclosedQuoteError for a quote left open at the end. */
export function readDelimited(text: string, delimiter: string): TableRecord[] {
  if (delimiter.length !== 1) throw new RangeError(`The delimiter must be one character, not ${JSON.stringify(delimiter)}.`);
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const records: TableRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let atLineEnd = false;
    if (text.charCodeAt(i) === LF || text.charCodeAt(i) === CR) {
      // An empty line: no record.
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    while (!atLineEnd) {
      let field = "";
      if (text.charCodeAt(i) === QUOTE) {
        const openedOn = line;
        i++;
        for (;;) {
          const close = text.indexOf('"', i);
          if (close < 0) throw new UnclosedQuoteError(openedOn);
          const chunk = text.slice(i, close);
          field += chunk;
          line += countLineBreaks(chunk);
          i = close + 1;
          if (text.charCodeAt(i) !== QUOTE) break;
          field += '"';
          i++;
        }
      }
      const start = i;
      while (i < n) {
        const code = text.charCodeAt(i);
        if (code === delim || code === LF || code === CR) break;
        i++;
      }
      field += text.slice(start, i);
      fields.push(field);
      const code = text.charCodeAt(i);
      if (code === delim) {
        i++;
        continue;
      }
      atLineEnd = true;
      if (code === CR && text.charCodeAt(i + 1) === LF) i += 2;
      else if (i < n) i++;
      line++;
    }
    records.push({ fields, line: recordLine });
  }
  return records;
}

function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let i = 0; i < chunk.length; i++) {
    const code = chunk.charCodeAt(i);
    if (code === LF || (code === CR && chunk.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}
