// Facts from spaCy v3.5.4 spacy/pipeline/dep_parser.pyx (parser, beam_parser) and ner.pyx (ner, beam_ner).
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { KIND, scorerArg } from "../common.js";
import { transitionModel } from "./default_models.js";

const arg = {
  model: () => t.model("Any", "Any").describe("the transition-based model, e.g. spacy.TransitionBasedParser.v2"),
  moves: () => t.optionalCallback(KIND.TransitionSystem).describe("the transition system; null for the component's own"),
  cut: () => z.number().int().describe("cut long docs into segments of this many transitions during training; 100 is usual"),
  learnTokens: () => z.boolean().describe("learn to merge subtokens that the tokenizer over-segmented"),
  minActionFreq: () => z.number().int().describe("labels seen fewer times are mapped to the generic dep label; e.g. 30"),
  beamWidth: () => z.number().int().describe("number of candidate parses kept; 4-32"),
  beamDensity: () => z.number().describe("prune candidates scoring below this fraction of the best; 0.0-0.1"),
  beamUpdateProb: () => z.number().describe("chance of a beam update (else a greedy update) for each batch; 0.0-1.0"),
  incorrectSpansKey: () => z.string().nullable().describe("doc.spans key of spans known to be wrong entities; null for none"),
};

const PARSER_ASSIGNS = ["token.dep", "token.head", "token.is_sent_start", "doc.sents"];
const PARSER_WEIGHTS = { dep_uas: 0.5, dep_las: 0.5, dep_las_per_type: null, sents_p: null, sents_r: null, sents_f: 0.0 };
const NER_ASSIGNS = ["doc.ents", "token.ent_iob", "token.ent_type"];
const NER_WEIGHTS = { ents_f: 1.0, ents_p: 0.0, ents_r: 0.0, ents_per_type: null };

/** Settings parser and beam_parser share; the beam adds its own three. */
const parserArgs = () => ({
  model: arg.model(),
  moves: arg.moves(),
  update_with_oracle_cut_size: arg.cut(),
  learn_tokens: arg.learnTokens(),
  min_action_freq: arg.minActionFreq(),
  scorer: scorerArg(),
});
const parserDefaults = () => ({
  moves: null,
  update_with_oracle_cut_size: 100,
  learn_tokens: false,
  min_action_freq: 30,
  model: transitionModel("parser"),
  scorer: { "@scorers": "spacy.parser_scorer.v1" },
});
const nerArgs = () => ({
  model: arg.model(),
  moves: arg.moves(),
  update_with_oracle_cut_size: arg.cut(),
  incorrect_spans_key: arg.incorrectSpansKey(),
  scorer: scorerArg(),
});
const nerDefaults = () => ({
  moves: null,
  update_with_oracle_cut_size: 100,
  model: transitionModel("ner"),
  incorrect_spans_key: null,
  scorer: { "@scorers": "spacy.ner_scorer.v1" } as Record<string, unknown> | null,
});
const beamArgs = () => ({ beam_width: arg.beamWidth(), beam_density: arg.beamDensity(), beam_update_prob: arg.beamUpdateProb() });

export function registerParserFactories(registry: Registry): void {
  registry.register(
    declareFactory("parser", {
      description: "Transition-based dependency parser that also predicts sentence boundaries",
      args: parserArgs(),
      defaultConfig: parserDefaults(),
      defaultScoreWeights: PARSER_WEIGHTS,
      assigns: PARSER_ASSIGNS,
    }),
  );
  registry.register(
    declareFactory("beam_parser", {
      description: "Transition-based dependency parser with beam search",
      args: { ...parserArgs(), ...beamArgs() },
      defaultConfig: { ...parserDefaults(), beam_width: 8, beam_density: 0.01, beam_update_prob: 0.5 },
      defaultScoreWeights: PARSER_WEIGHTS,
      assigns: PARSER_ASSIGNS,
    }),
  );
  registry.register(
    declareFactory("ner", {
      description: "Transition-based named entity recognizer (non-overlapping labeled spans)",
      args: nerArgs(),
      defaultConfig: nerDefaults(),
      defaultScoreWeights: NER_WEIGHTS,
      assigns: NER_ASSIGNS,
    }),
  );
  registry.register(
    declareFactory("beam_ner", {
      description: "Transition-based named entity recognizer with beam search",
      args: { ...nerArgs(), ...beamArgs() },
      // spaCy 3.5.4 really has no default scorer for beam_ner.
      defaultConfig: { ...nerDefaults(), beam_width: 32, beam_density: 0.01, beam_update_prob: 0.5, scorer: null },
      defaultScoreWeights: NER_WEIGHTS,
      assigns: NER_ASSIGNS,
    }),
  );
}
