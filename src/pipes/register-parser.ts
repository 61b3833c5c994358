/**
 * The "parser" factory (declared in src/registry/builtins/factories/parser.ts): builds a
 * DependencyParser from the resolved settings of [components.NAME].
 */
import { Model } from "../ml/model.js";
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { DependencyParser } from "./parser.js";
import type { PipelineContext, ScorerFn } from "./pipe.js";
import { ArcEager } from "./transition/arc-eager.js";

export function registerParserFactory(registry: Registry): void {
  registry.implement("factories", "parser", (args) => buildDependencyParser(args));
}

/** A DependencyParser from factory args: nlp, name, model, moves, update_with_oracle_cut_size, learn_tokens, min_action_freq, scorer. */
export function buildDependencyParser(args: Record<string, unknown>): DependencyParser {
  const nlp = args.nlp as PipelineContext | undefined;
  const name = typeof args.name === "string" ? args.name : "parser";
  if (!nlp?.vocab) throw new TsnlpError("E_FACTORY_ARGS", `The parser factory of '${name}' was called without the pipeline (nlp).`);
  const where = `components.${name}`;
  const { model, moves, scorer } = args;
  if (!(model instanceof Model)) {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> model must be a model (a block with @architectures).`, {
      hint: 'Use @architectures = "spacy.TransitionBasedParser.v2" with state_type = "parser".',
    });
  }
  if (moves !== null && moves !== undefined && !(moves instanceof ArcEager)) {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> moves must be null or the parser's transition system (ArcEager).`, {
      hint: "Leave moves = null: the component makes its own.",
    });
  }
  const cut = wholeNumber(args.update_with_oracle_cut_size ?? 100, `${where} -> update_with_oracle_cut_size`);
  const minActionFreq = wholeNumber(args.min_action_freq ?? 30, `${where} -> min_action_freq`);
  const learnTokens = args.learn_tokens ?? false;
  if (typeof learnTokens !== "boolean") {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> learn_tokens must be true or false, not ${JSON.stringify(learnTokens)}.`);
  }
  if (scorer !== null && scorer !== undefined && typeof scorer !== "function") {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} -> scorer must be a registered scorer (a block with @scorers) or null.`);
  }
  return new DependencyParser(nlp.vocab, model, name, {
    moves: (moves as ArcEager | null | undefined) ?? null,
    updateWithOracleCutSize: cut,
    minActionFreq,
    learnTokens,
    scorer: (scorer as ScorerFn | null | undefined) ?? undefined,
  });
}

function wholeNumber(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TsnlpError("E_FACTORY_ARGS", `${where} must be a whole number, not ${JSON.stringify(value)}.`);
  }
  return value;
}
