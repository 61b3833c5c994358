import { TsnlpError } from "../util/errors.js";

/**
 * Python's str.isspace, which spaCy's alignment uses to decide what may be skipped. It differs
 * from JavaScript's \s: it includes the separators U+001C..U+001F and U+0085, not U+FEFF.
 */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * For each token of one tokenization, the sorted indices of the tokens of the other that share
 * characters with it: a ragged array stored as one data column plus a length per token
 * (spaCy's AlignmentArray).
 */
export class AlignmentArray {
  readonly data: Int32Array;
  readonly lengths: Int32Array;
  /** offsets[i] is where token i's indices begin in data; offsets[length] === data.length. */
  private readonly offsets: Int32Array;

  constructor(data: Int32Array, lengths: Int32Array) {
    this.data = data;
    this.lengths = lengths;
    this.offsets = new Int32Array(lengths.length + 1);
    for (let i = 0; i < lengths.length; i++) this.offsets[i + 1] = this.offsets[i]! + lengths[i]!;
    if (this.offsets[lengths.length] !== data.length) {
      throw new RangeError(`The lengths add up to ${this.offsets[lengths.length]}, but there are ${data.length} indices.`);
    }
  }

  static fromLists(lists: ReadonlyArray<ReadonlyArray<number>>): AlignmentArray {
    return new AlignmentArray(
      Int32Array.from(lists.flat()),
      Int32Array.from(lists, (list) => list.length),
    );
  }

  /** Number of tokens. */
  get length(): number {
    return this.lengths.length;
  }

  /** Where each token's indices begin in data. */
  get starts(): Int32Array {
    return this.offsets.subarray(0, this.length);
  }

  /** Where each token's indices end in data. */
  get ends(): Int32Array {
    return this.offsets.subarray(1);
  }

  /** The indices aligned to token i (a negative i counts from the end), as a view into data. */
  get(i: number): Int32Array {
    const at = i < 0 ? this.length + i : i;
    if (!Number.isInteger(at) || at < 0 || at >= this.length) throw new RangeError(`Token ${i} is out of range for an alignment of ${this.length} tokens.`);
    return this.data.subarray(this.offsets[at]!, this.offsets[at + 1]!);
  }

  /** The indices aligned to tokens [start, end), one token after the other, as a view into data. */
  slice(start: number, end: number): Int32Array {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    return this.data.subarray(this.offsets[from]!, this.offsets[to]!);
  }

  toLists(): number[][] {
    return Array.from(this.lengths, (_, i) => Array.from(this.get(i)));
  }
}

/** How two tokenizations of one text (x: predicted, y: reference) map onto each other. */
export class Alignment {
  constructor(
    readonly x2y: AlignmentArray,
    readonly y2x: AlignmentArray,
  ) {}

  static fromIndices(x2y: ReadonlyArray<ReadonlyArray<number>>, y2x: ReadonlyArray<ReadonlyArray<number>>): Alignment {
    return new Alignment(AlignmentArray.fromLists(x2y), AlignmentArray.fromLists(y2x));
  }

  /** Align two lists of words; they must spell the same text up to whitespace and letter case. */
  static fromStrings(wordsX: readonly string[], wordsY: readonly string[]): Alignment {
    return alignWords(wordsX, wordsY);
  }
}

/** spaCy's get_alignments: for each word of a, the words of b it overlaps, and the reverse. */
export function getAlignments(a: readonly string[], b: readonly string[]): [number[][], number[][]] {
  const { x2y, y2x } = alignWords(a, b);
  return [x2y.toLists(), y2x.toLists()];
}

/** The lowercased concatenation of the words, where each word starts in it, and which word owns each character. */
interface Lowered {
  text: string;
  starts: Int32Array;
  owner: Int32Array;
}

function lower(words: readonly string[]): Lowered {
  const text = words.join("").toLowerCase();
  const starts = new Int32Array(words.length + 1);
  words.forEach((word, i) => {
    starts[i + 1] = starts[i]! + word.toLowerCase().length;
  });
  const owner = new Int32Array(text.length);
  // Lowercasing can depend on context (Greek final sigma); spaCy refuses such texts too.
  if (starts[words.length] === text.length) {
    for (let i = 0; i < words.length; i++) owner.fill(i, starts[i]!, starts[i + 1]!);
  }
  return { text, starts, owner };
}

/**
 * Walk both texts character by character (spaCy's align.pyx): identical tokens that start at
 * the same point are matched whole, equal characters link their tokens, and whitespace present
 * on one side only is skipped. Every step moves forward on at least one side, so the pairs of
 * linked tokens come out sorted on both sides and group into both ragged arrays directly.
 */
function alignWords(a: readonly string[], b: readonly string[]): Alignment {
  if (a.length === b.length && a.every((word, i) => word === b[i])) {
    const identity = () =>
      new AlignmentArray(
        Int32Array.from(a, (_, i) => i),
        new Int32Array(a.length).fill(1),
      );
    return new Alignment(identity(), identity());
  }
  const la = lower(a);
  const lb = lower(b);
  if (la.starts[a.length] !== la.text.length || lb.starts[b.length] !== lb.text.length || !sameIgnoringSpace(la.text, lb.text)) {
    throw textMismatch(a, b);
  }
  const capacity = la.text.length + lb.text.length;
  const pairA = new Int32Array(capacity);
  const pairB = new Int32Array(capacity);
  let pairs = 0;
  const link = (ta: number, tb: number) => {
    if (pairs > 0 && pairA[pairs - 1] === ta && pairB[pairs - 1] === tb) return;
    pairA[pairs] = ta;
    pairB[pairs] = tb;
    pairs++;
  };
  let ia = 0;
  let ib = 0;
  while (ia < la.text.length && ib < lb.text.length) {
    const ta = la.owner[ia]!;
    const tb = lb.owner[ib]!;
    const ca = la.text.charCodeAt(ia);
    const cb = lb.text.charCodeAt(ib);
    if (ia === la.starts[ta] && ib === lb.starts[tb] && a[ta] === b[tb]) {
      link(ta, tb);
      ia = la.starts[ta + 1]!;
      ib = lb.starts[tb + 1]!;
    } else if (ca === cb) {
      link(ta, tb);
      ia++;
      ib++;
    } else if (isSpaceCode(ca)) {
      ia++;
    } else if (isSpaceCode(cb)) {
      ib++;
    } else {
      throw textMismatch(a, b);
    }
  }
  return new Alignment(group(pairB.slice(0, pairs), pairA.subarray(0, pairs), a.length), group(pairA.slice(0, pairs), pairB.subarray(0, pairs), b.length));
}

/** The ragged array of `values`, grouped by `keys` (sorted) into `n` tokens; tokens without pairs get none. */
function group(values: Int32Array, keys: Int32Array, n: number): AlignmentArray {
  const lengths = new Int32Array(n);
  for (const key of keys) lengths[key]!++;
  return new AlignmentArray(values, lengths);
}

function sameIgnoringSpace(x: string, y: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < x.length && isSpaceCode(x.charCodeAt(i))) i++;
    while (j < y.length && isSpaceCode(y.charCodeAt(j))) j++;
    if (i === x.length || j === y.length) return i === x.length && j === y.length;
    if (x.charCodeAt(i) !== y.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

/** Throw a clear error unless the two word lists spell the same text up to whitespace and case. */
export function checkAlignable(wordsX: readonly string[], wordsY: readonly string[]): void {
  const x = lower(wordsX);
  const y = lower(wordsY);
  const consistent = x.starts[wordsX.length] === x.text.length && y.starts[wordsY.length] === y.text.length;
  if (!consistent || !sameIgnoringSpace(x.text, y.text)) throw textMismatch(wordsX, wordsY);
}

/** spaCy's E949, saying where the texts part. */
function textMismatch(a: readonly string[], b: readonly string[]): TsnlpError {
  const hint = "The predicted and reference docs must have the same text except for whitespace and letter case; make the reference words from the same text.";
  const la = lower(a);
  const lb = lower(b);
  if (la.starts[a.length] !== la.text.length || lb.starts[b.length] !== lb.text.length) {
    return new TsnlpError("E_ALIGN_TEXT", "The texts change length when lowercased word by word, so their tokens cannot be aligned.", { hint });
  }
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < la.text.length && isSpaceCode(la.text.charCodeAt(i))) i++;
    while (j < lb.text.length && isSpaceCode(lb.text.charCodeAt(j))) j++;
    if (i === la.text.length || j === lb.text.length || la.text.charCodeAt(i) !== lb.text.charCodeAt(j)) break;
    i++;
    j++;
  }
  const side = (name: string, words: readonly string[], lowered: Lowered, at: number) => {
    if (at >= lowered.text.length) return `the ${name} text ends (after ${words.length} tokens)`;
    const token = lowered.owner[at]!;
    const context = words.slice(Math.max(0, token - 3), token + 4).map((word, k) => (k + Math.max(0, token - 3) === token ? `[${word}]` : word));
    return `${name} token ${token} '${words[token]}' has '${String.fromCodePoint(lowered.text.codePointAt(at)!)}' (${context.join(" ")})`;
  };
  return new TsnlpError(
    "E_ALIGN_TEXT",
    `The predicted and reference texts differ, so their tokens cannot be aligned: ${side("predicted", a, la, i)}, where ${side("reference", b, lb, j)}.`,
    {
      hint,
    },
  );
}
