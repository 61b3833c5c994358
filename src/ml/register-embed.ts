/**
 * Implementations of the embedding-side layers declared in src/registry/builtins/layers.ts
 * (Maxout, HashEmbed, Embed, remap_ids, expand_window, reduce_*) and spacy_layers.ts
 * (FeatureExtractor, extract_ngrams, CharEmbed). The declarations fix the argument names and
 * defaults; this only maps them onto the factories.
 */
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { characterEmbed } from "./layers/character-embed.js";
import { embed } from "./layers/embed.js";
import { expandWindow } from "./layers/expand-window.js";
import { extractNgrams } from "./layers/extract-ngrams.js";
import { featureExtractor } from "./layers/feature-extractor.js";
import { type EmbedInitializer, hashEmbed } from "./layers/hash-embed.js";
import { maxout } from "./layers/maxout.js";
import { reduceFirst, reduceLast, reduceMax, reduceMean, reduceSum } from "./layers/reduce.js";
import { type MappingTable, remapIds, remapIdsV2 } from "./layers/remap-ids.js";

type Args = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

function required(args: Args, key: string, layer: string): number {
  const value = num(args[key]);
  if (value === null) throw new TsnlpError("E_LAYER_ARGS", `${layer} needs '${key}' (a whole number).`);
  return value;
}

function initializer(args: Args, key: string): EmbedInitializer | null {
  const value = args[key];
  if (value === null || value === undefined) return null;
  if (typeof value === "function") return value as EmbedInitializer;
  throw new TsnlpError("E_LAYER_ARGS", `'${key}' must be an initializer (a block with @initializers), not ${typeof value}.`);
}

export function registerEmbedLayers(registry: Registry): void {
  const layer = (name: string, build: (args: Args) => unknown) => registry.implement("layers", name, (args) => build(args));

  layer("Maxout.v1", (a) =>
    maxout({
      nO: num(a.nO),
      nI: num(a.nI),
      nP: num(a.nP),
      initW: initializer(a, "init_W"),
      initB: initializer(a, "init_b"),
      dropout: num(a.dropout),
      normalize: a.normalize === true,
    }),
  );
  layer("HashEmbed.v1", (a) =>
    hashEmbed({
      nO: required(a, "nO", "HashEmbed.v1"),
      nV: required(a, "nV", "HashEmbed.v1"),
      seed: num(a.seed),
      column: num(a.column),
      initializer: initializer(a, "initializer"),
      dropout: num(a.dropout),
    }),
  );
  layer("Embed.v1", (a) => embed({ nO: num(a.nO), nV: num(a.nV), column: num(a.column), initializer: initializer(a, "initializer"), dropout: num(a.dropout) }));
  layer("remap_ids.v1", (a) => remapIds({ mappingTable: (a.mapping_table as MappingTable | undefined) ?? {}, default: num(a.default) ?? 0 }));
  layer("remap_ids.v2", (a) =>
    remapIdsV2({ mappingTable: (a.mapping_table as MappingTable | null | undefined) ?? null, default: num(a.default) ?? 0, column: num(a.column) }),
  );
  layer("expand_window.v1", (a) => expandWindow(num(a.window_size) ?? 1));
  layer("reduce_sum.v1", () => reduceSum());
  layer("reduce_mean.v1", () => reduceMean());
  layer("reduce_max.v1", () => reduceMax());
  layer("reduce_first.v1", () => reduceFirst());
  layer("reduce_last.v1", () => reduceLast());
  layer("spacy.FeatureExtractor.v1", (a) => featureExtractor((a.columns as Array<string | number>) ?? []));
  layer("spacy.extract_ngrams.v1", (a) => extractNgrams(required(a, "ngram_size", "spacy.extract_ngrams.v1"), num(a.attr) ?? 66));
  layer("spacy.CharEmbed.v1", (a) => characterEmbed(required(a, "nM", "spacy.CharEmbed.v1"), required(a, "nC", "spacy.CharEmbed.v1")));
}
