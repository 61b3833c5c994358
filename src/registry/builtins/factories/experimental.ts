// Facts from spacy-experimental v0.6.2 spacy_experimental/char_tokenizer/char_ner_tokenizer.pyx and
// char_tagger_tokenizer.pyx, and v0.4.0 spacy_experimental/edit_tree_lemmatizer/edit_tree_lemmatizer.py
// (the last release with experimental_edit_tree_lemmatizer, before it became spaCy's trainable_lemmatizer).
import { z } from "zod";
import { declareFactory } from "../../declare.js";
import type { Registry } from "../../registry.js";
import { t } from "../../types.js";
import { scorerArg } from "../common.js";
import type { Block } from "./default_models.js";
import { editTreeArgs, editTreeDefaults } from "./lemmatizer.js";

const origin = "spacy-experimental";

function charTok2Vec(): Block {
  return {
    "@architectures": "spacy.Tok2Vec.v2",
    embed: {
      "@architectures": "spacy.MultiHashEmbed.v2",
      width: 128,
      attrs: ["ORTH", "LOWER", "IS_DIGIT", "IS_ALPHA", "IS_SPACE", "IS_PUNCT"],
      rows: [1000, 500, 50, 50, 50, 50],
      include_static_vectors: false,
    },
    encode: { "@architectures": "spacy.MaxoutWindowEncoder.v2", width: 128, depth: 4, window_size: 4, maxout_pieces: 2 },
  };
}

export function registerExperimentalFactories(registry: Registry): void {
  registry.register(
    declareFactory("experimental_char_ner_tokenizer", {
      origin,
      description: "Trainable tokenizer that tags token boundaries on characters as entity spans (use with char_pretokenizer.v1)",
      args: {
        model: t.model("Any", "Any").describe("the transition-based model, e.g. spacy.TransitionBasedParser.v2 with state_type ner"),
        scorer: scorerArg(),
      },
      defaultConfig: {
        model: {
          "@architectures": "spacy.TransitionBasedParser.v2",
          state_type: "ner",
          extra_state_tokens: false,
          hidden_width: 64,
          maxout_pieces: 2,
          use_upper: true,
          nO: null,
          tok2vec: charTok2Vec(),
        },
        scorer: { "@scorers": "spacy-experimental.tokenizer_scorer.v1" },
      },
      defaultScoreWeights: { token_f: 0.5, token_p: 0.0, token_r: 0.0, token_acc: null },
      assigns: ["token.is_sent_start"],
    }),
  );
  registry.register(
    declareFactory("experimental_char_tagger_tokenizer", {
      origin,
      description: "Trainable tokenizer that tags each character as a token (and sentence) start (use with char_pretokenizer.v1)",
      args: {
        model: t.model("List[Doc]", "List[Floats2d]").describe("predicts one class per character, e.g. spacy.Tagger.v1"),
        annotate_sents: z.boolean().describe("also predict sentence starts"),
        scorer: scorerArg(),
      },
      defaultConfig: {
        model: { "@architectures": "spacy.Tagger.v1", tok2vec: charTok2Vec() },
        annotate_sents: true,
        scorer: { "@scorers": "spacy-experimental.tokenizer_senter_scorer.v1" },
      },
      defaultScoreWeights: { token_f: 0.5, token_p: 0.0, token_r: 0.0, token_acc: null, sents_f: 1.0, sents_p: 0.0, sents_r: 0.0 },
      assigns: [],
    }),
  );
  registry.register(
    declareFactory("experimental_edit_tree_lemmatizer", {
      origin,
      description: "Trainable edit-tree lemmatizer (the experimental predecessor of trainable_lemmatizer)",
      args: editTreeArgs(),
      defaultConfig: editTreeDefaults("spacy.Tagger.v1"),
      defaultScoreWeights: { lemma_acc: 1.0 },
      assigns: ["token.lemma"],
      requires: [],
    }),
  );
}
