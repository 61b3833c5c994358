/**
 * Implementations of the tok2vec and tagger architectures declared in
 * src/registry/builtins/tok2vec.ts and tagger.ts. The declarations fix the argument names and
 * defaults; this maps them onto the factories in tok2vec.ts and tagger.ts.
 */
import type { Registry } from "../../registry/registry.js";
import { TsnlpError } from "../../util/errors.js";
import type { AnyModel } from "../model.js";
import { taggerV1, tagger } from "./tagger.js";
import { Tok2VecListener } from "./tok2vec-listener.js";
import {
  characterEmbedModel,
  hashEmbedCnn,
  maxoutWindowEncoder,
  maxoutWindowEncoderV1,
  mishWindowEncoder,
  mishWindowEncoderV1,
  multiHashEmbed,
  tok2vec,
  tok2vecV1,
} from "./tok2vec.js";

type Args = Record<string, unknown>;

function int(args: Args, key: string, architecture: string): number {
  const value = args[key];
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TsnlpError("E_ARCH_ARGS", `${architecture} needs '${key}' (a whole number), not ${JSON.stringify(value)}.`);
  }
  return value;
}

function model(args: Args, key: string, architecture: string): AnyModel {
  const value = args[key];
  if (typeof value !== "object" || value === null || !("forward" in value)) {
    throw new TsnlpError("E_ARCH_ARGS", `${architecture} needs '${key}' to be a model (a block with @architectures or @layers).`);
  }
  return value as AnyModel;
}

const optionalInt = (value: unknown): number | null => (typeof value === "number" ? value : null);

export function registerTok2VecModels(registry: Registry): void {
  const arch = (name: string, build: (args: Args) => unknown) => registry.implement("architectures", name, (args) => build(args));

  arch("spacy.Tok2Vec.v2", (a) => tok2vec(model(a, "embed", "spacy.Tok2Vec.v2"), model(a, "encode", "spacy.Tok2Vec.v2")));
  arch("spacy.Tok2Vec.v1", (a) => tok2vecV1(model(a, "embed", "spacy.Tok2Vec.v1"), model(a, "encode", "spacy.Tok2Vec.v1")));
  for (const version of ["v1", "v2"]) {
    const mhe = `spacy.MultiHashEmbed.${version}`;
    arch(mhe, (a) =>
      multiHashEmbed({
        width: int(a, "width", mhe),
        attrs: (a.attrs as Array<string | number>) ?? [],
        rows: (a.rows as number[]) ?? [],
        includeStaticVectors: a.include_static_vectors === true,
        // spacy-legacy builds the .v1 architectures on StaticVectors.v1.
        staticVectorsVersion: version === "v1" ? 1 : 2,
      }),
    );
    const ce = `spacy.CharacterEmbed.${version}`;
    arch(ce, (a) =>
      characterEmbedModel({
        width: int(a, "width", ce),
        rows: int(a, "rows", ce),
        nM: int(a, "nM", ce),
        nC: int(a, "nC", ce),
        includeStaticVectors: a.include_static_vectors === true,
        // spacy-legacy builds the .v1 architectures on StaticVectors.v1.
        staticVectorsVersion: version === "v1" ? 1 : 2,
        feature: (a.feature as string | number | undefined) ?? "LOWER",
      }),
    );
    const cnn = `spacy.HashEmbedCNN.${version}`;
    arch(cnn, (a) =>
      hashEmbedCnn({
        width: int(a, "width", cnn),
        depth: int(a, "depth", cnn),
        embedSize: int(a, "embed_size", cnn),
        windowSize: int(a, "window_size", cnn),
        maxoutPieces: int(a, "maxout_pieces", cnn),
        subwordFeatures: a.subword_features === true,
        pretrainedVectors: a.pretrained_vectors === true,
      }),
    );
  }
  const maxoutArgs = (a: Args, name: string) => ({
    width: int(a, "width", name),
    windowSize: int(a, "window_size", name),
    maxoutPieces: int(a, "maxout_pieces", name),
    depth: int(a, "depth", name),
  });
  const mishArgs = (a: Args, name: string) => ({ width: int(a, "width", name), windowSize: int(a, "window_size", name), depth: int(a, "depth", name) });
  arch("spacy.MaxoutWindowEncoder.v2", (a) => maxoutWindowEncoder(maxoutArgs(a, "spacy.MaxoutWindowEncoder.v2")));
  arch("spacy.MaxoutWindowEncoder.v1", (a) => maxoutWindowEncoderV1(maxoutArgs(a, "spacy.MaxoutWindowEncoder.v1")));
  arch("spacy.MishWindowEncoder.v2", (a) => mishWindowEncoder(mishArgs(a, "spacy.MishWindowEncoder.v2")));
  arch("spacy.MishWindowEncoder.v1", (a) => mishWindowEncoderV1(mishArgs(a, "spacy.MishWindowEncoder.v1")));
  arch("spacy.Tok2VecListener.v1", (a) => new Tok2VecListener(String(a.upstream ?? "*"), int(a, "width", "spacy.Tok2VecListener.v1")));
  arch("spacy.Tagger.v2", (a) => tagger(model(a, "tok2vec", "spacy.Tagger.v2"), { nO: optionalInt(a.nO), normalize: a.normalize === true }));
  arch("spacy.Tagger.v1", (a) => taggerV1(model(a, "tok2vec", "spacy.Tagger.v1"), { nO: optionalInt(a.nO) }));
}
