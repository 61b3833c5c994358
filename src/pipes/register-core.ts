/** Implementations of the tok2vec and tagger factories declared in src/registry/builtins/factories. */
import type { AnyModel } from "../ml/model.js";
import type { Registry } from "../registry/registry.js";
import type { PipelineContext, ScorerFn } from "./pipe.js";
import { Tagger } from "./tagger.js";
import { Tok2Vec } from "./tok2vec.js";

/** What the Language passes to every factory besides the component's settings. */
export interface FactoryArgs extends Record<string, unknown> {
  nlp: PipelineContext;
  name: string;
}

export function registerCoreFactories(registry: Registry): void {
  registry.implement("factories", "tok2vec", (args) => {
    const { nlp, name, model } = args as FactoryArgs;
    return new Tok2Vec(nlp.vocab, model as AnyModel, name, "tok2vec");
  });
  registry.implement("factories", "tagger", (args) => {
    const { nlp, name, model, overwrite, neg_prefix, scorer, label_smoothing } = args as FactoryArgs;
    return new Tagger(nlp.vocab, model as AnyModel, name, {
      overwrite: overwrite as boolean,
      negPrefix: neg_prefix as string,
      labelSmoothing: (label_smoothing as number | undefined) ?? 0,
      scorer: scorer as ScorerFn | undefined,
    });
  });
}
