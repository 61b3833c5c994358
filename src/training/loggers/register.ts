/** Implementations of the loggers declared in src/registry/builtins/loggers.ts (config args arrive filled). */
import type { Registry } from "../../registry/index.js";
import { consoleLoggerV1, consoleLoggerV2, consoleLoggerV3, type ProgressBarKind } from "./console.js";

export function registerLoggers(registry: Registry): void {
  registry.implement("loggers", "spacy.ConsoleLogger.v1", (args) => consoleLoggerV1({ progressBar: args.progress_bar as boolean }));
  registry.implement("loggers", "spacy.ConsoleLogger.v2", (args) =>
    consoleLoggerV2({
      progressBar: args.progress_bar as boolean,
      consoleOutput: args.console_output as boolean,
      outputFile: args.output_file as string | null,
    }),
  );
  registry.implement("loggers", "spacy.ConsoleLogger.v3", (args) =>
    consoleLoggerV3({
      progressBar: args.progress_bar as ProgressBarKind | null,
      consoleOutput: args.console_output as boolean,
      outputFile: args.output_file as string | null,
    }),
  );
}
