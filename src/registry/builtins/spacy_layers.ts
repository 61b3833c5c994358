// Facts from spaCy v3.5.4 spacy/ml/staticvectors.py, featureextractor.py, extract_spans.py, extract_ngrams.py,
// _character_embed.py and spacy-legacy v3.0.12 spacy_legacy/layers/staticvectors_v1.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { attrList, KIND } from "./common.js";

/** spaCy's attribute id of LOWER (spacy/attrs.pxd), the default column of extract_ngrams. */
const LOWER_ATTR_ID = 66;

function staticVectorsArgs(): z.ZodRawShape {
  return {
    nO: z.number().int().nullable().default(null).describe("output width of the learned projection; null to infer it"),
    nM: z.number().int().nullable().default(null).describe("width of the static vectors; null to take it from the vectors table"),
    dropout: z.number().nullable().default(null).describe("dropout per dimension over the whole batch; null or 0.0-0.5"),
    // spaCy's default is the glorot_uniform_init function itself, which a config cannot spell.
    init_W: t.fn(KIND.Initializer).optional().describe("initializer of the projection; defaults to glorot_uniform_init"),
    key_attr: z.string().default("ORTH").describe("token attribute used to look up the vectors"),
  };
}

export function registerSpacyLayers(registry: Registry): void {
  registry.register(
    declareFunction("layers", "spacy.StaticVectors.v2", {
      description: "Embeds tokens with the vocab's static vectors and a learned linear projection",
      args: staticVectorsArgs(),
      returns: sig.model("List[Doc]", "Ragged"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.StaticVectors.v1", {
      description: "Embeds tokens with the vocab's static vectors and a learned linear projection (v1)",
      args: staticVectorsArgs(),
      returns: sig.model("List[Doc]", "Ragged"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.FeatureExtractor.v1", {
      description: "Extracts token attributes from each doc as an array of ids",
      args: { columns: attrList().describe('token attributes to extract, e.g. ["NORM", "PREFIX"]') },
      returns: sig.model("List[Doc]", "List[Ints2d]"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.extract_spans.v1", {
      description: "Extracts the rows of a ragged array that fall inside (start, end) spans",
      args: {},
      returns: sig.model("Tuple[Ragged, Ragged]", "Ragged"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.extract_ngrams.v1", {
      description: "Extracts hashed n-gram keys and counts from each doc (bag-of-words features)",
      args: {
        ngram_size: z.number().int().describe("longest n-gram; 1-3"),
        attr: z.number().int().default(LOWER_ATTR_ID).describe("attribute id to build n-grams from; 66 is LOWER"),
      },
      returns: sig.model("Any", "Any"),
    }),
  );
  registry.register(
    declareFunction("layers", "spacy.CharEmbed.v1", {
      description: "Embeds a fixed number of UTF-8 bytes from both ends of each word",
      args: {
        nM: z.number().int().describe("width of each character embedding; 16-64"),
        nC: z.number().int().describe("number of bytes per word; 3-8"),
      },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
    }),
  );
}
