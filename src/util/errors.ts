/**
 * Errors a user can cause. The CLI prints them without a stack trace and exits 1;
 * anything else is a bug and keeps its stack.
 */
export interface TsnlpErrorOptions {
  /** The file the fault is in, when there is one. */
  file?: string;
  /** 1-based line number inside `file`. */
  line?: number;
  /** What the user can do about it. */
  hint?: string;
  /** Extra lines shown below the message (tables, the offending block). */
  details?: string;
  cause?: unknown;
}

export class TsnlpError extends Error {
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  readonly hint?: string;
  readonly details?: string;

  constructor(code: string, message: string, options: TsnlpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "TsnlpError";
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** Where the fault is, as `file:line`, `file` or nothing. */
  get location(): string {
    if (!this.file) return "";
    return this.line === undefined ? this.file : `${this.file}:${this.line}`;
  }
}

export function isTsnlpError(error: unknown): error is TsnlpError {
  return error instanceof TsnlpError;
}
