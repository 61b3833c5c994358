/**
 * The "ner" factory (declared in src/registry/builtins/factories/parser.ts): builds an
 * EntityRecognizer from the resolved settings of [components.NAME].
 */
import { Model } from "../ml/model.js";
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { EntityRecognizer } from "./ner.js";
import type { PipelineContext, ScorerFn } from "./pipe.js";
import { BiluoPushDown } from "./transition/biluo.js";

export function registerNerFactory(registry: Registry): void {
  registry.implement("factories", "ner", (args) => buildEntityRecognizer(args));
}

/** An EntityRecognizer from factory args: nlp, name, model, moves, update_with_oracle_cut_size, incorrect_spans_key, scorer. */
export function buildEntityRecognizer(args: Record<string, unknown>): EntityRecognizer {
  const nlp = args.nlp as PipelineContext | undefined;
  const name = typeof args.name === "string" ? args.name : "ner";
  if (!nlp?.vocab) throw new TsnlpError("E_FACTORY_ARGS", `The ner factory of '${name}' was called without the pipeline (nlp).`);
  const where = `components.${name}`;
  const { model, moves, scorer } = args;
  if (!(model instanceof Model)) {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> model must be a model (a block with @architectures).`, {
      hint: 'Use @architectures = "spacy.TransitionBasedParser.v2" with state_type = "ner".',
    });
  }
  if (moves !== null && moves !== undefined && !(moves instanceof BiluoPushDown)) {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> moves must be null or the entity recognizer's transition system (BiluoPushDown).`, {
      hint: "Leave moves = null: the component makes its own.",
    });
  }
  const cut = args.update_with_oracle_cut_size ?? 100;
  if (typeof cut !== "number" || !Number.isInteger(cut)) {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> update_with_oracle_cut_size must be a whole number, not ${JSON.stringify(cut)}.`);
  }
  const key = args.incorrect_spans_key ?? null;
  if (key !== null && typeof key !== "string") {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> incorrect_spans_key must be a string or null, not ${JSON.stringify(key)}.`);
  }
  if (scorer !== null && scorer !== undefined && typeof scorer !== "function") {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> scorer must be a registered scorer (a block with @scorers) or null.`);
  }
  return new EntityRecognizer(nlp.vocab, model, name, {
    moves: (moves as BiluoPushDown | null | undefined) ?? null,
    updateWithOracleCutSize: cut,
    incorrectSpansKey: key,
    scorer: (scorer as ScorerFn | null | undefined) ?? undefined,
  });
}
