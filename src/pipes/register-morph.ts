/** Implementations of the morphologizer and senter factories declared in src/registry/builtins/factories/tagging.ts. */
import type { AnyModel } from "../ml/model.js";
import type { Registry } from "../registry/registry.js";
import { Morphologizer } from "./morphologizer.js";
import type { ScorerFn } from "./pipe.js";
import type { FactoryArgs } from "./register-core.js";
import { SentenceRecognizer } from "./senter.js";

export function registerMorphFactories(registry: Registry): void {
  registry.implement("factories", "morphologizer", (args) => {
    const { nlp, name, model, overwrite, extend, scorer, label_smoothing } = args as FactoryArgs;
    return new Morphologizer(nlp.vocab, model as AnyModel, name, {
      overwrite: overwrite as boolean | undefined,
      extend: extend as boolean | undefined,
      labelSmoothing: (label_smoothing as number | undefined) ?? 0,
      scorer: (scorer as ScorerFn | null | undefined) ?? undefined,
    });
  });
  registry.implement("factories", "senter", (args) => {
    const { nlp, name, model, overwrite, scorer } = args as FactoryArgs;
    return new SentenceRecognizer(nlp.vocab, model as AnyModel, name, {
      overwrite: overwrite as boolean | undefined,
      scorer: (scorer as ScorerFn | null | undefined) ?? undefined,
    });
  });
}
