/**
 * Implementations of the lemmatizer and attribute_ruler factories declared in
 * src/registry/builtins/factories (lemmatizer.ts and rulers.ts): trainable_lemmatizer,
 * lemmatizer, en.lemmatizer (the "lemmatizer" of English pipelines) and attribute_ruler.
 */
import type { AnyModel } from "../ml/model.js";
import type { Registry } from "../registry/registry.js";
import { AttributeRuler } from "./attribute-ruler.js";
import { Lemmatizer } from "./lemmatizer.js";
import { EnglishLemmatizer } from "./lemmatizer-en.js";
import type { ScorerFn } from "./pipe.js";
import type { FactoryArgs } from "./register-core.js";
import { EditTreeLemmatizer } from "./trainable-lemmatizer.js";

export function registerLemmaFactories(registry: Registry): void {
  registry.implement("factories", "trainable_lemmatizer", (args) => {
    const { nlp, name, model, backoff, min_tree_freq, overwrite, top_k, scorer } = args as FactoryArgs;
    return new EditTreeLemmatizer(nlp.vocab, model as AnyModel, name, {
      backoff: backoff as string | null | undefined,
      minTreeFreq: min_tree_freq as number | undefined,
      overwrite: overwrite as boolean | undefined,
      topK: top_k as number | undefined,
      scorer: (scorer as ScorerFn | null | undefined) ?? undefined,
    });
  });
  registry.implement("factories", "lemmatizer", (args) => {
    const { nlp, name } = args as FactoryArgs;
    return new Lemmatizer(nlp.vocab, name, ruleSettings(args));
  });
  registry.implement("factories", "en.lemmatizer", (args) => {
    const { nlp, name } = args as FactoryArgs;
    return new EnglishLemmatizer(nlp.vocab, name, ruleSettings(args));
  });
  registry.implement("factories", "attribute_ruler", (args) => {
    const { nlp, name, validate, scorer } = args as FactoryArgs;
    return new AttributeRuler(nlp.vocab, name, { validate: validate as boolean | undefined, scorer: scorer as ScorerFn | null | undefined });
  });
}

function ruleSettings(args: Record<string, unknown>) {
  return {
    mode: args.mode as string | undefined,
    overwrite: args.overwrite as boolean | undefined,
    scorer: args.scorer as ScorerFn | null | undefined,
  };
}
