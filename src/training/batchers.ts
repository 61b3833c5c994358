/**
 * Batchers: functions that cut a stream of training items (Examples) into batches. The
 * strategies and their edge cases are spaCy 3.5.4's (spacy/training/batchers.py and
 * spacy/util.py `minibatch`), so that a config trains on the same batches in both.
 *
 * A size is a number or a schedule of numbers. A schedule is read afresh at each batch, and
 * a schedule object (an iterator such as compounding.v1) keeps its place between calls, so a
 * batch size that grows keeps growing across epochs, as it does in spaCy.
 */
import { TsnlpError } from "../util/errors.js";

/** Cuts items into batches; the train loop calls it once per epoch. */
export type Batcher<T> = (items: Iterable<T>) => Iterable<T[]>;

/** A fixed size, or sizes taken one per batch (a list or a schedule). */
export type Sizing = number | Iterable<number>;

export type LengthFunction<T> = (item: T) => number;

/** The length of an item: `item.length`, which is the number of tokens for a Doc, an Example or a Span. */
export function itemLength(item: unknown): number {
  const length = (item as { length?: unknown } | null | undefined)?.length;
  if (typeof length !== "number") {
    throw new TsnlpError("E_BATCH_ITEM_LENGTH", `A batcher cannot tell the length of an item of type ${describe(item)}.`, {
      hint: "Batch Examples, Docs or arrays, or give the batcher a get_length function.",
    });
  }
  return length;
}

function describe(item: unknown): string {
  if (item === null) return "null";
  if (typeof item === "object") return item.constructor?.name ?? "object";
  return typeof item;
}

/**
 * The sizes to use in one call: a number repeats forever; a list starts again at each call
 * (spaCy calls iter() on it); an iterator, such as a schedule, continues where it stopped.
 */
export function sizeStream(size: Sizing, what: string): () => number {
  if (typeof size === "number") return () => size;
  const iterator = size[Symbol.iterator]();
  return () => {
    const result = iterator.next();
    if (result.done) {
      // spaCy raises a RuntimeError here (StopIteration inside a generator).
      throw new TsnlpError("E_BATCH_SIZE_EXHAUSTED", `The ${what} ran out of values before the batches did.`, {
        hint: "Give a single number or a schedule that never ends (such as compounding.v1) as the batch size.",
      });
    }
    return result.value;
  };
}

export interface BatchByWordsOptions<T> {
  /** Target number of words per batch, or a schedule of them. */
  size: Sizing;
  /** The fraction of `size` by which a batch may exceed it; spaCy's default is 0.2. */
  tolerance?: number;
  /** Drop items longer than size * (1 + tolerance) instead of giving each a batch of its own. */
  discardOversize?: boolean;
  getLength?: LengthFunction<T>;
}

/**
 * spacy.batch_by_words.v1: batches of roughly `size` words. Items that would push a batch
 * past the size wait in an overflow (within the tolerance) and start the next batch.
 */
export function* batchByWords<T>(items: Iterable<T>, options: BatchByWordsOptions<T>): Generator<T[]> {
  const tolerance = options.tolerance ?? 0.2;
  const discardOversize = options.discardOversize ?? false;
  const getLength: LengthFunction<T> = options.getLength ?? itemLength;
  const nextSize = sizeStream(options.size, "batch_by_words size schedule");
  let targetSize = nextSize();
  let tolSize = targetSize * tolerance;
  let batch: T[] = [];
  let overflow: T[] = [];
  let batchSize = 0;
  let overflowSize = 0;
  for (const item of items) {
    const nWords = getLength(item);
    if (nWords > targetSize + tolSize) {
      // Too long for any batch: alone, or not at all. The current batch carries on.
      if (!discardOversize) yield [item];
    } else if (overflowSize === 0 && batchSize + nWords <= targetSize) {
      batch.push(item);
      batchSize += nWords;
    } else if (batchSize + overflowSize + nWords <= targetSize + tolSize) {
      overflow.push(item);
      overflowSize += nWords;
    } else {
      if (batch.length > 0) yield batch;
      targetSize = nextSize();
      tolSize = targetSize * tolerance;
      batch = overflow;
      batchSize = overflowSize;
      overflow = [];
      overflowSize = 0;
      if (batchSize + nWords <= targetSize) {
        batch.push(item);
        batchSize += nWords;
      } else if (batchSize + nWords <= targetSize + tolSize) {
        overflow.push(item);
        overflowSize += nWords;
      } else {
        // The item does not fit beside the old overflow: that overflow goes out as it is.
        if (batch.length > 0) yield batch;
        targetSize = nextSize();
        tolSize = targetSize * tolerance;
        batch = [item];
        batchSize = nWords;
      }
    }
  }
  batch.push(...overflow);
  if (batch.length > 0) yield batch;
}

/**
 * spacy.batch_by_sequence.v1 (spaCy's `minibatch`): `size` items per batch. Like spaCy it
 * takes one more size from a schedule when it finds the items exhausted.
 */
export function* batchBySequence<T>(items: Iterable<T>, size: Sizing): Generator<T[]> {
  const nextSize = sizeStream(size, "batch_by_sequence size schedule");
  const iterator = items[Symbol.iterator]();
  for (;;) {
    const wanted = Math.trunc(nextSize());
    const batch: T[] = [];
    while (batch.length < wanted) {
      const result = iterator.next();
      if (result.done) break;
      batch.push(result.value);
    }
    if (batch.length === 0) return;
    yield batch;
  }
}

export interface BatchByPaddedOptions<T> {
  /** The largest padded size (longest length times count) of a batch, or a schedule of them. */
  size: Sizing;
  /** How many items to gather and sort by length before batching; spaCy's default is 256. */
  buffer?: number;
  /** Drop batches whose padded size reaches the size (these are single items too long for it). */
  discardOversize?: boolean;
  getLength?: LengthFunction<T>;
}

/**
 * spacy.batch_by_padded.v1: gathers `buffer` items, sorts them by length and cuts them into
 * batches whose padded size stays within the target, longest batches first.
 *
 * spaCy measures the padded size for `discard_oversize` with len() whatever get_length is;
 * here get_length is used throughout (the two agree for the default length).
 */
export function* batchByPadded<T>(items: Iterable<T>, options: BatchByPaddedOptions<T>): Generator<T[]> {
  const buffer = options.buffer ?? 256;
  const discardOversize = options.discardOversize ?? false;
  const getLength: LengthFunction<T> = options.getLength ?? itemLength;
  const nextSize = sizeStream(options.size, "batch_by_padded size schedule");
  for (const outer of batchBySequence(items, buffer)) {
    const targetSize = nextSize();
    for (const indices of batchIndicesByLength(outer, targetSize, getLength)) {
      const batch = indices.map((i) => outer[i]!);
      const paddedSize = batch.reduce((longest, item) => Math.max(longest, getLength(item)), 0) * batch.length;
      if (!(discardOversize && paddedSize >= targetSize)) yield batch;
    }
  }
}

/**
 * spaCy's `_batch_by_length`: indices grouped by ascending length (ties by position) so that
 * length * count stays within `maxWords`, each group in position order, the groups longest first.
 */
export function batchIndicesByLength<T>(items: readonly T[], maxWords: number, getLength: LengthFunction<T> = itemLength): number[][] {
  const order = items.map((item, i) => [getLength(item), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const batches: number[][] = [];
  let batch: number[] = [];
  for (const [length, i] of order) {
    if (batch.length === 0 || length * (batch.length + 1) <= maxWords) {
      batch.push(i);
    } else {
      batches.push(batch);
      batch = [i];
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches.map((indices) => indices.sort((a, b) => a - b)).reverse();
}

/** The batcher spacy.batch_by_words.v1 returns. */
export function configureBatchByWords<T>(options: BatchByWordsOptions<T>): Batcher<T> {
  return (items) => batchByWords(items, options);
}

/** The batcher spacy.batch_by_sequence.v1 returns; spaCy accepts get_length here and ignores it. */
export function configureBatchBySequence<T>(size: Sizing): Batcher<T> {
  return (items) => batchBySequence(items, size);
}

/** The batcher spacy.batch_by_padded.v1 returns. */
export function configureBatchByPadded<T>(options: BatchByPaddedOptions<T>): Batcher<T> {
  return (items) => batchByPadded(items, options);
}
