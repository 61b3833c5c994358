/**
 * Reading word vectors from text, as spaCy's convert_vectors does (spacy/training/initialize.py
 * v3.5.4, read_vectors and ensure_shape): the word2vec / fastText format, whose first line is
 * "rows width", and GloVe files, which have no such line (the width is then the number of
 * values on the first line). Either may be gzipped (recognised by its first bytes).
 *
 * A line is a word and `width` numbers separated by single spaces. As in spaCy, the numbers are
 * taken from the end of the line, so a word may itself contain spaces; a line with fewer numbers,
 * or a value that is not a number, is an error naming the file and line. Blank lines are
 * skipped (spaCy fails on them). When a word appears twice, the later line wins, as in spaCy.
 *
 * The file is streamed in large chunks and parsed from its bytes into one Float32Array and one
 * key store: no string or object is made per word or per value.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { TsnlpError } from "../util/errors.js";
import { type VectorsAttr, Vectors } from "./vectors.js";
import { isNanLiteral, NumberScanner, parseNumber } from "./vectors-floats.js";
import { VectorKeys } from "./vectors-keys.js";

export interface ReadVectorsOptions {
  /** Read only the first N rows (spaCy's --truncate); 0 or absent reads all. */
  truncate?: number;
  name?: string | null;
  attr?: VectorsAttr;
  /** Called after each chunk with the bytes read from disk so far (compressed bytes for .gz) and the file's size. */
  onProgress?: (progress: { bytesRead: number; totalBytes: number; rows: number }) => void;
}

export interface VectorsFileInfo {
  /** The "rows width" line, when the file has one. */
  header: [number, number] | null;
  gzipped: boolean;
  /** Lines of the file that were read, the header included. */
  lines: number;
}

const CHUNK_BYTES = 4 << 20;
const decoder = new TextDecoder();

/** Read a vectors text file into a table (words in file order, row i for the i-th line). */
export async function readVectorsFile(path: string, options: ReadVectorsOptions = {}): Promise<{ vectors: Vectors; info: VectorsFileInfo }> {
  const { size, gzipped } = inspect(path);
  const parser = new VectorsTextParser(path, options.truncate ?? 0, gzipped ? size * 3 : size);
  let bytesRead = 0;
  const report = () => options.onProgress?.({ bytesRead, totalBytes: size, rows: parser.rows });
  if (gzipped) {
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on("data", (chunk) => {
      bytesRead += chunk.length;
    });
    const unzip = file.pipe(createGunzip({ chunkSize: 1 << 20 }));
    try {
      for await (const chunk of unzip as AsyncIterable<Buffer>) {
        if (!parser.feed(plainBytes(chunk, chunk.length))) break;
        report();
      }
    } catch (error) {
      if (error instanceof TsnlpError) throw error;
      throw new TsnlpError("E_VECTORS_FILE", `Cannot read the gzipped vectors file ${path}: ${(error as Error).message}.`, {
        file: path,
        hint: "Check that the file is complete (a download may have been cut short).",
      });
    } finally {
      file.destroy();
      unzip.destroy();
    }
  } else {
    const fd = openSync(path, "r");
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      for (;;) {
        const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        if (n === 0) break;
        bytesRead += n;
        if (!parser.feed(plainBytes(buffer, n))) break;
        report();
        // Let the event loop breathe between chunks (progress bars, Ctrl-C).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      closeSync(fd);
    }
  }
  const table = parser.finish();
  const vectors = new Vectors({ data: table.data, width: table.width, keys: table.keys, name: options.name ?? null, attr: options.attr ?? "ORTH" });
  return { vectors, info: { header: parser.header, gzipped, lines: parser.lineNumber } };
}

function inspect(path: string): { size: number; gzipped: boolean } {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TsnlpError(
      code === "ENOENT" ? "E_FILE_NOT_FOUND" : "E_VECTORS_FILE",
      `Cannot open the vectors file ${path}${code === "ENOENT" ? ": it does not exist" : ` (${code})`}.`,
      {
        file: path,
        hint: "Give a word2vec / fastText .vec or .txt file, a GloVe .txt file, or either gzipped.",
      },
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new TsnlpError("E_VECTORS_FILE", `${path} is a folder, not a vectors file.`, { file: path });
    const magic = Buffer.alloc(4);
    const n = readSync(fd, magic, 0, 4, 0);
    if (n >= 4 && magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 3 && magic[3] === 4) {
      throw new TsnlpError("E_VECTORS_FORMAT", `${path} is a zip archive.`, { file: path, hint: "Unzip it and give the .vec or .txt file inside." });
    }
    return { size: stat.size, gzipped: n >= 2 && magic[0] === 0x1f && magic[1] === 0x8b };
  } finally {
    closeSync(fd);
  }
}

/** Parses a vectors file chunk by chunk into a growing table. */
class VectorsTextParser {
  header: [number, number] | null = null;
  lineNumber = 0;
  rows = 0;
  private width = -1;
  private data = new Float32Array(0);
  private keys = new VectorKeys();
  private tail: Uint8Array = new Uint8Array(0);
  private done = false;
  private sawFirstLine = false;
  private readonly scanner = new NumberScanner();

  constructor(
    private readonly path: string,
    private readonly truncate: number,
    private readonly sizeHint: number,
  ) {}

  /** Parse the complete lines of a chunk; false once no more lines are wanted. */
  feed(chunk: Uint8Array): boolean {
    let start = 0;
    if (this.tail.length > 0) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        this.tail = concat(this.tail, chunk);
        return true;
      }
      const line = concat(this.tail, chunk.subarray(0, newline));
      this.tail = new Uint8Array(0);
      this.line(line, 0, line.length);
      start = newline + 1;
    }
    while (!this.done) {
      const newline = chunk.indexOf(10, start);
      if (newline < 0) break;
      this.line(chunk, start, newline);
      start = newline + 1;
    }
    // A copy: the reader reuses its buffer, and Buffer#slice would only be a view of it.
    if (!this.done && start < chunk.length) this.tail = concat(new Uint8Array(0), chunk.subarray(start));
    return !this.done;
  }

  finish(): { data: Float32Array; width: number; keys: VectorKeys } {
    if (!this.done && this.tail.length > 0) this.line(this.tail, 0, this.tail.length);
    if (!this.sawFirstLine) {
      throw new TsnlpError("E_VECTORS_FORMAT", `The vectors file ${this.path} is empty.`, {
        file: this.path,
        hint: "Give a file with one word and its vector per line.",
      });
    }
    const width = Math.max(this.width, 0);
    const used = this.rows * width;
    // Trim the spare capacity only when it is worth a copy.
    const data = this.data.length > used * 1.05 + 1024 ? this.data.slice(0, used) : this.data.subarray(0, used);
    return { data, width, keys: this.keys };
  }

  private line(bytes: Uint8Array, start: number, rawEnd: number): void {
    this.lineNumber++;
    let end = rawEnd;
    while (end > start && isSpace(bytes[end - 1]!)) end--;
    if (this.lineNumber === 1 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    if (end === start) return;
    if (!this.sawFirstLine) {
      this.sawFirstLine = true;
      if (this.readHeader(bytes, start, end)) return;
      this.setWidth(countFields(bytes, start, end) - 1, estimateRows(this.sizeHint, rawEnd - start + 1));
    }
    this.row(bytes, start, end);
    if (this.truncate > 0 && this.rows >= this.truncate) this.done = true;
  }

  /** The "rows width" line, when the first line is one (spaCy: its first two fields are integers). */
  private readHeader(bytes: Uint8Array, start: number, end: number): boolean {
    const fields = splitFields(bytes, start, end);
    const ints = fields.slice(0, 2).map(([a, b]) => parseInteger(bytes, a, b));
    if (ints.length === 0 || ints.some((value) => value === null)) return false;
    const text = decoder.decode(bytes.subarray(start, end));
    if (ints.length !== 2 || fields.length !== 2) {
      throw new TsnlpError("E_VECTORS_FORMAT", `The first line of ${this.path} ('${text}') is not a header of two numbers, rows and width.`, {
        file: this.path,
        line: this.lineNumber,
        hint: 'A word2vec / fastText file starts with a line such as "20000 100"; a GloVe file starts with a word and its vector.',
      });
    }
    const [rows, width] = ints as [number, number];
    if (width < 1)
      throw new TsnlpError("E_VECTORS_FORMAT", `The header of ${this.path} says the vectors are ${width} wide.`, { file: this.path, line: this.lineNumber });
    this.header = [rows, width];
    this.setWidth(width, this.truncate > 0 ? Math.min(this.truncate, rows) : rows);
    return true;
  }

  private setWidth(width: number, rows: number): void {
    if (width < 1) {
      throw new TsnlpError("E_VECTORS_FORMAT", `Line ${this.lineNumber} of ${this.path} has a word but no vector.`, {
        file: this.path,
        line: this.lineNumber,
        hint: "Each line holds a word followed by its values, separated by spaces.",
      });
    }
    this.width = width;
    const expected = this.truncate > 0 ? Math.min(rows, this.truncate) : rows;
    this.data = new Float32Array(expected * width);
    // Most words are short: 8 bytes each leaves the key buffer little to regrow.
    this.keys = new VectorKeys(expected, expected * 8);
  }

  private row(bytes: Uint8Array, start: number, end: number): void {
    if (this.header && this.rows >= this.header[0]) {
      throw new TsnlpError("E_VECTORS_FORMAT", `${this.path} has more rows than its header (${this.header.join(" ")}) says, at line ${this.lineNumber}.`, {
        file: this.path,
        line: this.lineNumber,
        hint: "Correct the first line to the number of rows and the width, or remove the extra lines.",
      });
    }
    const width = this.width;
    if ((this.rows + 1) * width > this.data.length) {
      const grown = new Float32Array(Math.max((this.rows + 1) * width, Math.floor(this.data.length * 1.5)));
      grown.set(this.data);
      this.data = grown;
    }
    const out = this.rows * width;
    const wordEnd = this.valuesFast(bytes, start, end, out) ?? this.valuesFromEnd(bytes, start, end, out);
    this.keys.addBytes(bytes, start, wordEnd, this.rows);
    this.rows++;
  }

  /** The common line, "word v1 v2 ...": the word ends at the first space. Null when the line is anything else. */
  private valuesFast(bytes: Uint8Array, start: number, end: number, out: number): number | null {
    const wordEnd = bytes.indexOf(32, start);
    if (wordEnd < 0 || wordEnd >= end || wordEnd === start) return null;
    const scanner = this.scanner;
    const data = this.data;
    let at = wordEnd + 1;
    const last = this.width - 1;
    for (let k = 0; k <= last; k++) {
      const value = scanner.scan(bytes, at, end);
      const stop = scanner.end;
      if (Number.isNaN(value)) return null;
      data[out + k] = value;
      if (stop === end) return k === last ? wordEnd : null;
      if (bytes[stop] !== 32) return null;
      at = stop + 1;
    }
    return null;
  }

  /** spaCy's line.rsplit(" ", width): the last `width` fields are the values, everything before is the word. */
  private valuesFromEnd(bytes: Uint8Array, start: number, end: number, out: number): number {
    const width = this.width;
    let wordEnd = end;
    let found = 0;
    while (found < width && wordEnd > start) {
      const space = bytes.lastIndexOf(32, wordEnd - 1);
      if (space < start) break;
      wordEnd = space;
      found++;
    }
    if (found < width) {
      throw new TsnlpError(
        "E_VECTORS_FORMAT",
        `Line ${this.lineNumber} of ${this.path} has ${found} values after the word, but the vectors are ${width} wide.`,
        {
          file: this.path,
          line: this.lineNumber,
          hint: this.header
            ? `The header (${this.header.join(" ")}) sets the width; every line needs a word and ${width} numbers separated by single spaces.`
            : `The first line sets the width (${width} values); every line needs a word and ${width} numbers separated by single spaces.`,
        },
      );
    }
    let at = wordEnd + 1;
    for (let k = 0; k < width; k++) {
      const stop = k === width - 1 ? end : bytes.indexOf(32, at);
      const value = parseNumber(bytes, at, stop);
      if (Number.isNaN(value) && !isNanLiteral(bytes, at, stop)) {
        const text = decoder.decode(bytes.subarray(at, stop));
        throw new TsnlpError(
          "E_VECTORS_FORMAT",
          `Value ${k + 1} on line ${this.lineNumber} of ${this.path} is ${text === "" ? "empty" : `'${text}'`}, not a number.`,
          {
            file: this.path,
            line: this.lineNumber,
            hint: "Each line holds a word followed by its numbers, separated by single spaces.",
          },
        );
      }
      this.data[out + k] = value;
      at = stop + 1;
    }
    return wordEnd;
  }
}

/** Rows to allocate for a file without a header: its size over the first line's, with a margin (the table grows if it is short). */
function estimateRows(sizeHint: number, lineBytes: number): number {
  return Math.ceil((sizeHint / Math.max(lineBytes, 1)) * 1.1) + 16;
}

/** A plain Uint8Array view of a Buffer: the parser then sees one array type only, which keeps its loops monomorphic. */
function plainBytes(buffer: Buffer, length: number): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

function isSpace(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 13 || byte === 10 || byte === 11 || byte === 12;
}

/** [start, end) of each whitespace-separated field (Python's str.split()). */
function splitFields(bytes: Uint8Array, start: number, end: number): Array<[number, number]> {
  const fields: Array<[number, number]> = [];
  let at = start;
  while (at < end) {
    while (at < end && isSpace(bytes[at]!)) at++;
    if (at >= end) break;
    const begin = at;
    while (at < end && !isSpace(bytes[at]!)) at++;
    fields.push([begin, at]);
  }
  return fields;
}

function countFields(bytes: Uint8Array, start: number, end: number): number {
  return splitFields(bytes, start, end).length;
}

/** An integer as Python's int() reads one ("+12", "007"), or null. */
function parseInteger(bytes: Uint8Array, start: number, end: number): number | null {
  const text = decoder.decode(bytes.subarray(start, end));
  return /^[+-]?\d+$/.test(text) ? Number(text) : null;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
