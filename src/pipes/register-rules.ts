/**
 * Implementations of the rule-based components (entity_ruler, sentencizer) and of what their
 * configs use: the srsly.read_jsonl.v1 reader that loads patterns in [initialize], and
 * spacy.levenshtein_compare.v1, the entity ruler's default matcher_fuzzy_compare.
 */
import { z } from "zod";
import { parseJsonl } from "../matcher/json-files.js";
import { type FuzzyCompare, levenshteinCompare } from "../matcher/levenshtein.js";
import { KIND } from "../registry/builtins/common.js";
import { declareFunction } from "../registry/declare.js";
import type { Registry } from "../registry/registry.js";
import { sig } from "../registry/types.js";
import { TsnlpError } from "../util/errors.js";
import { readTextFile } from "../util/io.js";
import { EntityRuler } from "./entity-ruler.js";
import type { PipelineContext, ScorerFn } from "./pipe.js";
import { Sentencizer } from "./sentencizer.js";

const READ_JSONL = "srsly.read_jsonl.v1";
const LEVENSHTEIN = "spacy.levenshtein_compare.v1";

export function registerRuleFactories(registry: Registry): void {
  registry.implement("factories", "entity_ruler", (args) => {
    const { nlp, name } = componentContext(args, "entity_ruler");
    return new EntityRuler(nlp, name, {
      phraseMatcherAttr: (args.phrase_matcher_attr as string | number | null | undefined) ?? null,
      matcherFuzzyCompare: (args.matcher_fuzzy_compare as FuzzyCompare | undefined) ?? levenshteinCompare,
      validate: (args.validate as boolean | undefined) ?? false,
      overwriteEnts: (args.overwrite_ents as boolean | undefined) ?? false,
      entIdSep: args.ent_id_sep as string | undefined,
      scorer: (args.scorer as ScorerFn | null | undefined) ?? null,
    });
  });
  registry.implement("factories", "sentencizer", (args) => {
    return new Sentencizer(typeof args.name === "string" ? args.name : "sentencizer", {
      punctChars: args.punct_chars as string[] | null | undefined,
      overwrite: (args.overwrite as boolean | undefined) ?? false,
      scorer: (args.scorer as ScorerFn | null | undefined) ?? null,
    });
  });
  registerReadJsonl(registry);
  const levenshtein = registry.find("misc", LEVENSHTEIN);
  if (levenshtein !== undefined && levenshtein.build === undefined) registry.implement("misc", LEVENSHTEIN, (): FuzzyCompare => levenshteinCompare);
}

/** srsly's JSONL reader, as spaCy configs name it: the parsed lines as a list. */
function registerReadJsonl(registry: Registry): void {
  if (!registry.has("readers", READ_JSONL)) {
    registry.register(
      declareFunction("readers", READ_JSONL, {
        description: "Reads a JSONL file (one JSON value per line), e.g. entity ruler patterns for [initialize.components.NAME]",
        args: {
          path: z.string().describe('the .jsonl file, or "-" for standard input'),
          skip: z.boolean().default(false).describe("skip lines that are not valid JSON instead of failing"),
        },
        returns: sig.value(KIND.Any),
        origin: "spacy",
      }),
    );
  }
  registry.implement("readers", READ_JSONL, (args) => readJsonlLines(args.path as string, (args.skip as boolean | undefined) ?? false));
}

function readJsonlLines(path: string, skip: boolean): unknown[] {
  const text = readTextFile(path, "JSONL file");
  if (!skip) return parseJsonl(text, path).map(({ value }) => value);
  const values: unknown[] = [];
  for (const line of text.split("\n")) {
    try {
      if (line.trim() !== "") values.push(JSON.parse(line));
    } catch {
      // srsly's skip=True drops lines that are not JSON.
    }
  }
  return values;
}

function componentContext(args: Record<string, unknown>, factory: string): { nlp: PipelineContext; name: string } {
  const nlp = args.nlp as PipelineContext | undefined;
  if (nlp === undefined || typeof nlp.makeDoc !== "function") {
    throw new TsnlpError("E_FACTORY_CONTEXT", `The ${factory} factory was called without the pipeline ('nlp').`, {
      hint: "Create components through the Language (nlp.addPipe or a config), which passes the pipeline and the component's name.",
    });
  }
  return { nlp, name: typeof args.name === "string" ? args.name : factory };
}
