// Facts from spaCy v3.5.4 spacy/training/corpus.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND, noCallback } from "./common.js";

const reader = sig.value(KIND.Reader);

export function registerReaders(registry: Registry): void {
  registry.register(
    declareFunction("readers", "spacy.Corpus.v1", {
      description: "Reads annotated training or evaluation examples from a .spacy (DocBin) file or a directory of them",
      args: {
        path: z.string().nullable().describe("a .spacy file or a directory searched for .spacy files; null only as a placeholder"),
        gold_preproc: z.boolean().describe("split into sentences and use the gold tokenization, as in spaCy v2"),
        max_length: z.number().int().default(0).describe("skip (or split into sentences) docs longer than this; 0 for no limit"),
        limit: z.number().int().default(0).describe("read at most this many examples; 0 for no limit"),
        augmenter: noCallback(KIND.Augmenter, "data augmentation applied to each example; null for none"),
      },
      returns: reader,
    }),
  );
  registry.register(
    declareFunction("readers", "spacy.JsonlCorpus.v1", {
      description: 'Reads raw texts from a JSONL file with one {"text": ...} object per line (pretraining corpus)',
      args: {
        path: z.string().nullable().describe("the .jsonl file; null only as a placeholder"),
        min_length: z.number().int().default(0).describe("skip docs with fewer tokens; 0 for no limit"),
        max_length: z.number().int().default(0).describe("skip docs with more tokens; 0 for no limit"),
        limit: z.number().int().default(0).describe("read at most this many docs; 0 for no limit"),
      },
      returns: reader,
    }),
  );
  registry.register(
    declareFunction("readers", "spacy.PlainTextCorpus.v1", {
      description: "Reads raw texts from a plain text file, one doc per line (returns Docs, not Examples)",
      args: {
        path: z.string().nullable().describe("the text file; null only as a placeholder"),
        min_length: z.number().int().default(0).describe("skip docs with fewer tokens; 0 for no limit"),
        max_length: z.number().int().default(0).describe("skip docs with more tokens; 0 for no limit"),
      },
      returns: reader,
    }),
  );
  registry.register(
    declareFunction("readers", "spacy.read_labels.v1", {
      description: "Reads a component's labels from a JSON file written by `init labels`",
      args: {
        path: z.string().describe("the JSON file of labels"),
        require: z.boolean().default(false).describe("fail when the file is missing (otherwise labels are inferred from the data)"),
      },
      returns: sig.value(KIND.Labels),
    }),
  );
}
