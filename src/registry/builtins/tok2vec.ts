// Facts from spaCy v3.5.4 spacy/ml/models/tok2vec.py (the .v2 architectures, Tok2VecListener.v1,
// TorchBiLSTMEncoder.v1) and spacy-legacy v3.0.12 spacy_legacy/architectures/tok2vec.py (the .v1
// architectures, which spaCy resolves under their spacy.* names).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { attrList } from "./common.js";

const DOCS_TO_VECS = sig.model("List[Doc]", "List[Floats2d]");
const VECS_TO_VECS = sig.model("List[Floats2d]", "List[Floats2d]");
const ARRAY_TO_ARRAY = sig.model("Floats2d", "Floats2d");

const arg = {
  width: () => z.number().int().describe("width of the token vectors; 64-300, e.g. 96"),
  encoderWidth: () => z.number().int().describe("input and output width (must match the embedding width); 64-300"),
  depth: () => z.number().int().describe("number of convolutional layers; 2-8, e.g. 4"),
  windowSize: () => z.number().int().describe("tokens on either side each convolution sees; 1 is usual"),
  maxoutPieces: () => z.number().int().describe("pieces of the maxout non-linearity; 2-3"),
  includeStaticVectors: () => z.boolean().describe("also embed the vocab's static vectors (needs [initialize] vectors)"),
};

function hashEmbedCnnArgs(): z.ZodRawShape {
  return {
    width: arg.width(),
    depth: arg.depth(),
    embed_size: z.number().int().describe("rows of each hash embedding table; 2000-10000"),
    window_size: arg.windowSize(),
    maxout_pieces: arg.maxoutPieces(),
    subword_features: z.boolean().describe("also embed PREFIX, SUFFIX and SHAPE (good for alphabetic languages)"),
    pretrained_vectors: z.boolean().nullable().describe("also use the vocab's static vectors; null or false for none"),
  };
}

function multiHashEmbedArgs(): z.ZodRawShape {
  return {
    width: z.number().int().describe("output width, also the width of each embedding table; 64-300"),
    attrs: attrList().describe('token attributes to embed, e.g. ["NORM", "PREFIX", "SUFFIX", "SHAPE"]'),
    rows: z.array(z.number().int()).describe("rows of each attribute's hash table (same length as attrs); 1000-10000 each"),
    include_static_vectors: arg.includeStaticVectors(),
  };
}

function characterEmbedArgs(): z.ZodRawShape {
  return {
    width: z.number().int().describe("output width, also the width of the feature's embedding; 64-300"),
    rows: z.number().int().describe("rows of the feature's hash embedding table; 2000-10000"),
    nM: z.number().int().describe("width of each character embedding; 16-64"),
    nC: z.number().int().describe("number of UTF-8 bytes embedded per word (half from each end); 3-8"),
    include_static_vectors: arg.includeStaticVectors(),
    feature: z.union([z.string(), z.number().int()]).default("LOWER").describe("token attribute embedded alongside the characters"),
  };
}

export function registerTok2Vec(registry: Registry): void {
  registry.register(
    declareFunction("architectures", "spacy.Tok2Vec.v2", {
      description: "Token-to-vector network: an embedding layer followed by a context encoder",
      args: {
        embed: t.model("List[Doc]", "List[Floats2d]").describe("embeds each token without context, e.g. spacy.MultiHashEmbed.v2"),
        encode: t.model("List[Floats2d]", "List[Floats2d]").describe("adds context to the embeddings, e.g. spacy.MaxoutWindowEncoder.v2"),
      },
      returns: DOCS_TO_VECS,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.Tok2Vec.v1", {
      description: "Token-to-vector network (v1: the encoder works on one concatenated array)",
      args: {
        embed: t.model("List[Doc]", "List[Floats2d]").describe("embeds each token without context, e.g. spacy.MultiHashEmbed.v1"),
        encode: t.model("Floats2d", "Floats2d").describe("adds context to the embeddings, e.g. spacy.MaxoutWindowEncoder.v1"),
      },
      returns: DOCS_TO_VECS,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.Tok2VecListener.v1", {
      description: "Reads the token vectors of an upstream tok2vec component, sharing its weights",
      args: {
        width: z.number().int().describe("width of the upstream tok2vec's output"),
        upstream: z.string().default("*").describe('name of the upstream tok2vec component, or "*" for any'),
      },
      returns: DOCS_TO_VECS,
    }),
  );
  for (const version of ["v1", "v2"]) {
    registry.register(
      declareFunction("architectures", `spacy.HashEmbedCNN.${version}`, {
        description: "spaCy's standard tok2vec: hash embeddings with subword features and a CNN with layer-normalized maxout",
        args: hashEmbedCnnArgs(),
        returns: DOCS_TO_VECS,
      }),
    );
    registry.register(
      declareFunction("architectures", `spacy.MultiHashEmbed.${version}`, {
        description: "Embeds several token attributes with hash embeddings and mixes them with a maxout layer",
        args: multiHashEmbedArgs(),
        returns: DOCS_TO_VECS,
      }),
    );
    registry.register(
      declareFunction("architectures", `spacy.CharacterEmbed.${version}`, {
        description: "Embeds the first and last characters of each word plus one token attribute, mixed with a maxout layer",
        args: characterEmbedArgs(),
        returns: DOCS_TO_VECS,
      }),
    );
  }
  registry.register(
    declareFunction("architectures", "spacy.MaxoutWindowEncoder.v2", {
      description: "Context encoder: residual window convolutions with maxout and layer normalization",
      args: { width: arg.encoderWidth(), window_size: arg.windowSize(), maxout_pieces: arg.maxoutPieces(), depth: arg.depth() },
      returns: VECS_TO_VECS,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.MaxoutWindowEncoder.v1", {
      description: "Context encoder (v1, on one concatenated array): residual window convolutions with maxout",
      args: { width: arg.encoderWidth(), window_size: arg.windowSize(), maxout_pieces: arg.maxoutPieces(), depth: arg.depth() },
      returns: ARRAY_TO_ARRAY,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.MishWindowEncoder.v2", {
      description: "Context encoder: residual window convolutions with Mish activation and layer normalization",
      args: { width: arg.encoderWidth(), window_size: arg.windowSize(), depth: arg.depth() },
      returns: VECS_TO_VECS,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.MishWindowEncoder.v1", {
      description: "Context encoder (v1, on one concatenated array): residual window convolutions with Mish activation",
      args: { width: arg.encoderWidth(), window_size: arg.windowSize(), depth: arg.depth() },
      returns: ARRAY_TO_ARRAY,
    }),
  );
  registry.register(
    declareFunction("architectures", "spacy.TorchBiLSTMEncoder.v1", {
      description: "Context encoder: bidirectional LSTM layers (PyTorch in spaCy)",
      args: {
        width: arg.encoderWidth(),
        depth: z.number().int().describe("number of LSTM layers; 0 returns the input unchanged"),
        dropout: z.number().describe("dropout between LSTM layers; 0.0-0.5"),
      },
      returns: VECS_TO_VECS,
    }),
  );
}
