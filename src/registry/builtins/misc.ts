// Facts from spaCy v3.5.4: spacy/language.py (LookupsDataLoader), spacy/matcher/levenshtein.pyx,
// spacy/util.py (first_longest_spans_filter), spacy/pipeline/span_ruler.py (ents filters),
// spacy/ml/models/entity_linker.py (KB loaders and candidate generators).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

export function registerMisc(registry: Registry): void {
  registry.register(
    declareFunction("misc", "spacy.LookupsDataLoader.v1", {
      description: "Loads lookup tables (e.g. lexeme_norm) for a language from spacy-lookups-data",
      args: {
        lang: z.string().describe('language code, e.g. "en"'),
        tables: z.array(z.string()).describe('names of the tables to load, e.g. ["lexeme_norm"]'),
      },
      returns: sig.value(KIND.Lookups),
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.levenshtein_compare.v1", {
      description: "Fuzzy comparison for the matchers' FUZZY operators: Levenshtein distance within a length-based limit",
      args: {},
      returns: sig.value(KIND.FuzzyCompare),
    }),
  );
  const filter = sig.value(KIND.SpansFilter);
  registry.register(
    declareFunction("misc", "spacy.first_longest_spans_filter.v1", {
      description: "Keeps non-overlapping spans, preferring the longest, then the first",
      args: {},
      returns: filter,
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.prioritize_new_ents_filter.v1", {
      description: "Merges new spans into doc.ents, letting new spans win over overlapping existing entities",
      args: {},
      returns: filter,
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.prioritize_existing_ents_filter.v1", {
      description: "Merges new spans into doc.ents, keeping existing entities where they overlap",
      args: {},
      returns: filter,
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.KBFromFile.v1", {
      description: "Loads a knowledge base from a directory written by KnowledgeBase.to_disk",
      args: {
        kb_path: z.string().describe("directory of the saved knowledge base"),
      },
      returns: sig.value(KIND.KBLoader),
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.EmptyKB.v1", {
      description: "Creates an empty in-memory knowledge base with vectors of a fixed length",
      args: {
        entity_vector_length: z.number().int().describe("width of the entity vectors; e.g. 64"),
      },
      returns: sig.value(KIND.KBLoader),
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.EmptyKB.v2", {
      description: "Creates an empty in-memory knowledge base; the entity linker passes the vector length",
      args: {},
      returns: sig.value(KIND.EmptyKBFactory),
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.CandidateGenerator.v1", {
      description: "Looks up knowledge-base candidates for one mention by its exact text",
      args: {},
      returns: sig.value(KIND.CandidateGenerator),
    }),
  );
  registry.register(
    declareFunction("misc", "spacy.CandidateBatchGenerator.v1", {
      description: "Looks up knowledge-base candidates for a batch of mentions by their exact texts",
      args: {},
      returns: sig.value(KIND.CandidateBatchGenerator),
    }),
  );
}
