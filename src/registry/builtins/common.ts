/**
 * Shared pieces of the built-in declarations: the value kinds that registered functions
 * return (one spelling, used by every file) and argument schemas that many thinc layers share.
 */
import { z } from "zod";
import type { Sig } from "../../util/signature.js";
import { sig, t } from "../types.js";

/** Kinds of non-model values, as `sig.value(kind)`. */
export const KIND = {
  Schedule: "Schedule",
  Optimizer: "Optimizer",
  Batcher: "Batcher",
  /** Callable[[Language], Iterable[Example]] */
  Reader: "Reader",
  Logger: "Logger",
  Scorer: "Scorer",
  /** Callable[[Language], Tokenizer] */
  TokenizerFactory: "TokenizerFactory",
  Suggester: "Suggester",
  /** Callable[[Language], Language] */
  Callback: "Callback",
  Augmenter: "Augmenter",
  /** Callable[[Vocab, Model], Model] */
  PretrainObjective: "PretrainObjective",
  SpanGetter: "SpanGetter",
  AnnotationSetter: "AnnotationSetter",
  Initializer: "Initializer",
  Loss: "Loss",
  Labels: "Labels",
  Vectors: "Vectors",
  Any: "Any",
  // Kinds that the kinds above do not cover (entity linking, rulers, lookups, parser moves).
  /** Callable[[Vocab], KnowledgeBase] (spacy.KBFromFile.v1, spacy.EmptyKB.v1) */
  KBLoader: "KBLoader",
  /** Callable[[Vocab, int], KnowledgeBase] (spacy.EmptyKB.v2) */
  EmptyKBFactory: "EmptyKBFactory",
  /** Callable[[KnowledgeBase, Span], Iterable[Candidate]] */
  CandidateGenerator: "CandidateGenerator",
  /** Callable[[KnowledgeBase, Iterable[Span]], Iterable[Iterable[Candidate]]] */
  CandidateBatchGenerator: "CandidateBatchGenerator",
  /** Callable[[Iterable[Span], Iterable[Span]], Iterable[Span]] */
  SpansFilter: "SpansFilter",
  /** Callable[[str, str, int], bool] used by the matchers' FUZZY operators */
  FuzzyCompare: "FuzzyCompare",
  /** Dict of lookups tables (spacy.LookupsDataLoader.v1) */
  Lookups: "Lookups",
  /** A parser/NER TransitionSystem */
  TransitionSystem: "TransitionSystem",
} as const;

export const returnsValue = (kind: string): Sig => sig.value(kind);

/** `Model` with no type parameters in spaCy's annotation. */
export const anyModel = () => t.model("Any", "Any");

/** Shared argument schemas for thinc's dense layers. */
export const layerArgs = {
  nO: () => z.number().int().nullable().default(null).describe("output width; null to infer it when the model is initialized"),
  nI: () => z.number().int().nullable().default(null).describe("input width; null to infer it when the model is initialized"),
  init_W: () => t.optionalCallback(KIND.Initializer).default(null).describe("initializer for the weights; null for the layer's default"),
  init_b: () => t.optionalCallback(KIND.Initializer).default(null).describe("initializer for the bias; null for the layer's default (zeros)"),
  dropout: () => z.number().nullable().default(null).describe("dropout rate after the layer; null or 0.0-0.5"),
  normalize: () => z.boolean().default(false).describe("apply layer normalization after the affine transform"),
};

/** The argument list thinc's activation layers share: nO, nI, init_W, init_b, dropout, normalize. */
export function denseActivationArgs(): z.ZodRawShape {
  return {
    nO: layerArgs.nO(),
    nI: layerArgs.nI(),
    init_W: layerArgs.init_W(),
    init_b: layerArgs.init_b(),
    dropout: layerArgs.dropout(),
    normalize: layerArgs.normalize(),
  };
}

/** A list of token attributes, given by name ("NORM") or by id. */
export const attrList = () => z.array(z.union([z.string(), z.number().int()]));

/** `Optional[Callable]` that defaults to null. */
export const noCallback = (kind: string, what: string) => t.optionalCallback(kind).default(null).describe(what);

/** A registered scorer with no arguments (spaCy's `make_*_scorer`). */
export const scorerArg = () => t.optionalCallback(KIND.Scorer).describe("scoring function used by nlp.evaluate; null to skip scoring");
