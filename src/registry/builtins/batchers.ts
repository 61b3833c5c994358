// Facts from spaCy v3.5.4 spacy/training/batchers.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { KIND, noCallback } from "./common.js";

const batcher = sig.value(KIND.Batcher);
const getLength = () => noCallback(KIND.Any, "function giving an item's length; null uses len(item) (the number of tokens)");

export function registerBatchers(registry: Registry): void {
  registry.register(
    declareFunction("batchers", "spacy.batch_by_words.v1", {
      description: "Batches examples so that each batch holds about `size` words",
      args: {
        size: t.sizing().describe("target number of words per batch, or a schedule of them; 100-3000"),
        tolerance: z.number().describe("fraction by which a batch may exceed the target size; 0.2 is usual"),
        discard_oversize: z.boolean().describe("drop examples longer than the batch size instead of batching them alone"),
        get_length: getLength(),
      },
      returns: batcher,
    }),
  );
  registry.register(
    declareFunction("batchers", "spacy.batch_by_sequence.v1", {
      description: "Batches a fixed number of examples per batch",
      args: {
        size: t.sizing().describe("number of examples per batch, or a schedule of them; 1-1000"),
        get_length: getLength(),
      },
      returns: batcher,
    }),
  );
  registry.register(
    declareFunction("batchers", "spacy.batch_by_padded.v1", {
      description: "Batches examples of similar length so that each padded batch (longest length x count) stays under `size`",
      args: {
        size: t.sizing().describe("padded size per batch (tokens including padding), or a schedule of them; e.g. 2000"),
        buffer: z.number().int().describe("number of sequences to sort by length before batching; e.g. 256"),
        discard_oversize: z.boolean().describe("drop examples longer than the batch size instead of batching them alone"),
        get_length: getLength(),
      },
      returns: batcher,
    }),
  );
}
