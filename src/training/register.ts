/** Implementations of the corpus readers and augmenters declared in src/registry/builtins (readers.ts, augmenters.ts). */
import type { Registry } from "../registry/registry.js";
import { combinedAugmenter, lowerCaseAugmenter, type OrthVariants, orthVariantsAugmenter } from "./augment.js";
import { createCorpusReader } from "./corpus.js";
import { readLabels } from "./corpus-labels.js";
import { createJsonlReader, createPlainTextReader } from "./corpus-text.js";
import type { Augmenter } from "./reader-types.js";

export function registerCorpusFunctions(registry: Registry): void {
  registry.implement("readers", "spacy.Corpus.v1", (args) =>
    createCorpusReader(args.path as string | null, {
      goldPreproc: args.gold_preproc as boolean,
      maxLength: args.max_length as number,
      limit: args.limit as number,
      augmenter: (args.augmenter as Augmenter | null | undefined) ?? null,
    }),
  );
  registry.implement("readers", "spacy.JsonlCorpus.v1", (args) =>
    createJsonlReader(args.path as string | null, { minLength: args.min_length as number, maxLength: args.max_length as number, limit: args.limit as number }),
  );
  registry.implement("readers", "spacy.PlainTextCorpus.v1", (args) =>
    createPlainTextReader(args.path as string | null, { minLength: args.min_length as number, maxLength: args.max_length as number }),
  );
  registry.implement("readers", "spacy.read_labels.v1", (args) => readLabels(args.path as string, { require: args.require as boolean }));
  registry.implement("augmenters", "spacy.lower_case.v1", (args) => lowerCaseAugmenter(args.level as number));
  registry.implement("augmenters", "spacy.orth_variants.v1", (args) =>
    orthVariantsAugmenter(args.level as number, args.lower as number, args.orth_variants as OrthVariants),
  );
  registry.implement("augmenters", "spacy.combined_augmenter.v1", (args) =>
    combinedAugmenter({
      lowerLevel: args.lower_level as number,
      orthLevel: args.orth_level as number,
      orthVariants: (args.orth_variants as OrthVariants | null) ?? null,
      whitespaceLevel: args.whitespace_level as number,
      whitespacePerToken: args.whitespace_per_token as number,
      whitespaceVariants: (args.whitespace_variants as string[] | null) ?? null,
    }),
  );
}
