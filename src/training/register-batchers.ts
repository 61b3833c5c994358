/** Implementations of the batchers declared in src/registry/builtins/batchers.ts (config args arrive filled). */
import type { Registry } from "../registry/index.js";
import { configureBatchByPadded, configureBatchBySequence, configureBatchByWords, type LengthFunction, type Sizing } from "./batchers.js";

type Args = Record<string, unknown>;

/** null (or a missing argument) means the default length, as in spaCy. */
const lengthFunction = (args: Args) => (args.get_length ?? undefined) as LengthFunction<unknown> | undefined;

export function registerBatchers(registry: Registry): void {
  registry.implement("batchers", "spacy.batch_by_words.v1", (args) =>
    configureBatchByWords({
      size: args.size as Sizing,
      tolerance: args.tolerance as number,
      discardOversize: args.discard_oversize as boolean,
      getLength: lengthFunction(args),
    }),
  );
  registry.implement("batchers", "spacy.batch_by_sequence.v1", (args) => configureBatchBySequence(args.size as Sizing));
  registry.implement("batchers", "spacy.batch_by_padded.v1", (args) =>
    configureBatchByPadded({
      size: args.size as Sizing,
      buffer: args.buffer as number,
      discardOversize: args.discard_oversize as boolean,
      getLength: lengthFunction(args),
    }),
  );
}
