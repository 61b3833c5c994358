/**
 * The gold relations of an example, keyed by the predicted doc's tokens. The reference doc
 * keys its relations by its own token indices; the two docs may be tokenized differently, so
 * an entity start is carried over by its character offset. A relation whose entity does not
 * start on a predicted token is left out: no candidate pair can match it.
 */
import type { Example } from "tsnlp";
import { type Relations, relationsOf } from "./instances.js";

export function alignedGold(example: Example): Relations {
  const { predicted, reference } = example;
  const tokenAt = new Map<number, number>();
  for (const [i, offset] of predicted.idx.entries()) tokenAt.set(offset, i);
  const aligned: Relations = {};
  for (const [key, labels] of Object.entries(relationsOf(reference))) {
    const [head, child] = key.split(",").map((start) => tokenAt.get(reference.idx[Number(start)] ?? -1));
    if (head !== undefined && child !== undefined) aligned[`${head},${child}`] = labels;
  }
  return aligned;
}
