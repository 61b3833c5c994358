import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TsnlpError } from "./errors.js";

/**
 * Read a UTF-8 text file, or standard input for "-". A missing file, a folder and bytes
 * that are not UTF-8 each get their own message.
 */
export function readTextFile(path: string, what = "file"): string {
  const bytes = path === "-" ? readStdinBytes() : readBytes(path, what);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    throw new TsnlpError("E_FILE_ENCODING", `The ${what} is not valid UTF-8 text (first bad byte at offset ${offset}).`, {
      file: path === "-" ? "<stdin>" : path,
      hint: "Save it as UTF-8 (most editors offer this under 'Save with encoding'), or check that it is the text file you meant.",
    });
  }
}

function readBytes(path: string, what: string): Uint8Array {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new TsnlpError("E_FILE_NOT_FOUND", `The ${what} does not exist: ${path}`, { file: path, hint: "Check the path; relative paths start from the current folder." });
    }
    if (code === "EACCES") throw new TsnlpError("E_FILE_ACCESS", `No permission to read the ${what}: ${path}`, { file: path });
    throw error;
  }
  if (isDirectory) {
    throw new TsnlpError("E_FILE_IS_DIRECTORY", `Expected a ${what} but found a folder: ${path}`, { file: path, hint: "Give the path of the file inside it." });
  }
  return readFileSync(path);
}

function readStdinBytes(): Uint8Array {
  try {
    return readFileSync(0);
  } catch (error) {
    throw new TsnlpError("E_STDIN", `Could not read standard input: ${(error as Error).message}`);
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode (allowing a cut multi-byte tail).
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1), { stream: true });
      decoder.decode();
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Write a file so that readers never see half of it: write a temporary file beside it, then
 * rename. On failure the temporary file is removed and the old file is untouched.
 */
export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
