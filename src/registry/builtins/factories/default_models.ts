// spaCy v3.5.4's default model configs for its components (the `default_model_config` strings in
// spacy/pipeline/*.py[x]), as plain objects. Each call returns a fresh copy. Settings that the strings
// leave out (e.g. nO) are filled from the architectures' own defaults, as spaCy does.

export type Block = Record<string, unknown>;

/** The HashEmbedCNN.v2 tok2vec most components use; senter and entity_linker change some sizes. */
export function hashEmbedCnn(overrides: Partial<Record<"width" | "depth" | "maxout_pieces", number>> = {}): Block {
  return {
    "@architectures": "spacy.HashEmbedCNN.v2",
    pretrained_vectors: null,
    width: 96,
    depth: 4,
    embed_size: 2000,
    window_size: 1,
    maxout_pieces: 3,
    subword_features: true,
    ...overrides,
  };
}

/** Tagger.v2 on a tok2vec (tagger, senter, trainable_lemmatizer). */
export function taggerModel(tok2vec: Block): Block {
  return { "@architectures": "spacy.Tagger.v2", tok2vec };
}

/** morphologizer: Tagger.v2 on a CharacterEmbed.v2 + MaxoutWindowEncoder.v2 tok2vec. */
export function morphologizerModel(): Block {
  return taggerModel({
    "@architectures": "spacy.Tok2Vec.v2",
    embed: { "@architectures": "spacy.CharacterEmbed.v2", width: 128, rows: 7000, nM: 64, nC: 8, include_static_vectors: false },
    encode: { "@architectures": "spacy.MaxoutWindowEncoder.v2", width: 128, depth: 4, window_size: 1, maxout_pieces: 3 },
  });
}

/** parser and ner: TransitionBasedParser.v2 on a HashEmbedCNN.v2 tok2vec. */
export function transitionModel(stateType: "parser" | "ner"): Block {
  return {
    "@architectures": "spacy.TransitionBasedParser.v2",
    state_type: stateType,
    extra_state_tokens: false,
    hidden_width: 64,
    maxout_pieces: 2,
    use_upper: true,
    tok2vec: hashEmbedCnn(),
  };
}

/** textcat and textcat_multilabel: TextCatEnsemble.v2 (the encoder width, `${...embed.width}` in spaCy, is interpolated to 64). */
export function textcatEnsembleModel(exclusiveClasses: boolean): Block {
  return {
    "@architectures": "spacy.TextCatEnsemble.v2",
    tok2vec: {
      "@architectures": "spacy.Tok2Vec.v2",
      embed: {
        "@architectures": "spacy.MultiHashEmbed.v2",
        width: 64,
        rows: [2000, 2000, 500, 1000, 500],
        attrs: ["NORM", "LOWER", "PREFIX", "SUFFIX", "SHAPE"],
        include_static_vectors: false,
      },
      encode: { "@architectures": "spacy.MaxoutWindowEncoder.v2", width: 64, window_size: 1, maxout_pieces: 3, depth: 2 },
    },
    linear_model: { "@architectures": "spacy.TextCatBOW.v2", exclusive_classes: exclusiveClasses, ngram_size: 1, no_output_layer: false },
  };
}

/** spancat (multi-label: LinearLogistic scorer, MultiHashEmbed.v2) and spancat_singlelabel (Softmax.v2 scorer, MultiHashEmbed.v1). */
export function spancatModel(singleLabel: boolean): Block {
  return {
    "@architectures": "spacy.SpanCategorizer.v1",
    scorer: singleLabel ? { "@layers": "Softmax.v2" } : { "@layers": "spacy.LinearLogistic.v1" },
    reducer: { "@layers": "spacy.mean_max_reducer.v1", hidden_size: 128 },
    tok2vec: {
      "@architectures": "spacy.Tok2Vec.v2",
      embed: singleLabel
        ? {
            "@architectures": "spacy.MultiHashEmbed.v1",
            width: 96,
            rows: [5000, 1000, 2500, 1000],
            attrs: ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            include_static_vectors: false,
          }
        : {
            "@architectures": "spacy.MultiHashEmbed.v2",
            width: 96,
            rows: [5000, 2000, 1000, 1000],
            attrs: ["ORTH", "PREFIX", "SUFFIX", "SHAPE"],
            include_static_vectors: false,
          },
      encode: { "@architectures": "spacy.MaxoutWindowEncoder.v2", width: 96, window_size: 1, maxout_pieces: 3, depth: 4 },
    },
  };
}

/** entity_linker: EntityLinker.v2 on a HashEmbedCNN.v2 of depth 2. */
export function entityLinkerModel(): Block {
  return { "@architectures": "spacy.EntityLinker.v2", tok2vec: hashEmbedCnn({ depth: 2 }) };
}
