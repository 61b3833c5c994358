// Facts from spaCy v3.5.4 spacy/training/loggers.py (ConsoleLogger.v2, .v3) and
// spacy-legacy v3.0.12 spacy_legacy/loggers.py (ConsoleLogger.v1, which spaCy resolves as spacy.ConsoleLogger.v1).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const logger = sig.value(KIND.Logger);
const outputFile = () => z.string().nullable().default(null).describe("also write the training log as JSONL to this file; null for none");

export function registerLoggers(registry: Registry): void {
  registry.register(
    declareFunction("loggers", "spacy.ConsoleLogger.v1", {
      description: "Prints a table of losses and scores to the console at each evaluation",
      args: {
        progress_bar: z.boolean().default(false).describe("show a progress bar of the steps until the next evaluation"),
      },
      returns: logger,
    }),
  );
  registry.register(
    declareFunction("loggers", "spacy.ConsoleLogger.v2", {
      description: "Prints the training table to the console and/or writes it to a JSONL file",
      args: {
        progress_bar: z.boolean().default(false).describe("show a progress bar of the steps until the next evaluation"),
        console_output: z.boolean().default(true).describe("print the table to the console"),
        output_file: outputFile(),
      },
      returns: logger,
    }),
  );
  registry.register(
    declareFunction("loggers", "spacy.ConsoleLogger.v3", {
      description: "Prints the training table to the console and/or writes it to a JSONL file, with a choice of progress bar",
      args: {
        progress_bar: z
          .enum(["train", "eval"])
          .nullable()
          .default(null)
          .describe('"train" (steps until max_steps), "eval" (steps until the next evaluation) or null for no progress bar'),
        console_output: z.boolean().default(true).describe("print the table to the console"),
        output_file: outputFile(),
      },
      returns: logger,
    }),
  );
}
