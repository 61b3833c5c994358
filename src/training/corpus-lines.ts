import { createReadStream } from "node:fs";
import { TsnlpError } from "../util/errors.js";

export interface Line {
  text: string;
  /** 1-based. */
  number: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of a UTF-8 file, read as a stream so a file larger than memory can be read. Lines end
 * at "\n", "\r\n" or "\r", as in Python's text mode. The bytes are split before they are decoded
 * (no UTF-8 sequence contains those bytes), so bad UTF-8 is reported with its line number.
 */
export async function* readLines(path: string): AsyncGenerator<Line> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let number = 0;
  const decode = (bytes: Uint8Array): Line => {
    number++;
    try {
      return { text: decoder.decode(bytes), number };
    } catch {
      throw new TsnlpError("E_FILE_ENCODING", `Line ${number} of ${path} is not valid UTF-8 text.`, {
        file: path,
        line: number,
        hint: "Save the file as UTF-8, or check that it is the text file you meant.",
      });
    }
  };
  let partial: Buffer[] = [];
  let skipLineFeed = false;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let start = 0;
    if (skipLineFeed && chunk[0] === LF) start = 1;
    skipLineFeed = false;
    for (let i = start; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== LF && byte !== CR) continue;
      const piece = chunk.subarray(start, i);
      yield decode(partial.length > 0 ? Buffer.concat([...partial, piece]) : piece);
      partial = [];
      if (byte === CR) {
        if (i + 1 === chunk.length) skipLineFeed = true;
        else if (chunk[i + 1] === LF) i++;
      }
      start = i + 1;
    }
    if (start < chunk.length) partial.push(chunk.subarray(start));
  }
  if (partial.length > 0) yield decode(Buffer.concat(partial));
}
