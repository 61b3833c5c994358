/**
 * spaCy's token-to-vector architectures (spacy/ml/models/tok2vec.py, v3.5.4; the .v1 variants
 * from spacy-legacy v3.0.12 spacy_legacy/architectures/tok2vec.py): Tok2Vec, HashEmbedCNN,
 * MultiHashEmbed, CharacterEmbed, MaxoutWindowEncoder and MishWindowEncoder.
 *
 * The trees are spaCy's, node for node, so a model's params line up with spaCy's. Every
 * sequence layer works on the whole batch at once: the embedding concatenates the docs' ids on
 * the host and hashes them there, and the encoder runs on one array of all tokens (with_array),
 * so a batch costs a fixed number of tensor ops whatever the number of docs.
 */
import { TsnlpError } from "../../util/errors.js";
import { characterEmbed, type WordsDoc } from "../layers/character-embed.js";
import { chainLayers } from "../layers/chain.js";
import { clone } from "../layers/clone.js";
import { forward as concatenateForward } from "../layers/concatenate.js";
import { expandWindow } from "../layers/expand-window.js";
import { type ArrayDoc, type ArraySpan, featureExtractor } from "../layers/feature-extractor.js";
import { hashEmbed } from "../layers/hash-embed.js";
import { list2ragged } from "../layers/list2ragged.js";
import { maxout } from "../layers/maxout.js";
import { mish } from "../layers/mish.js";
import { ragged2list } from "../layers/ragged2list.js";
import { residual } from "../layers/residual.js";
import { staticVectors, type VectorsDoc } from "../layers/static-vectors.js";
import { withArray } from "../layers/with-array.js";
import { type AnyModel, type Backprop, Model } from "../model.js";
import { type Floats2d, Ragged, Uint64s2d } from "../types.js";

/** What the tok2vec architectures read from a Doc: its attribute table (and words, for CharacterEmbed; its vocab's vectors, for static vectors). */
export type Tok2VecDoc = ArrayDoc & Partial<WordsDoc> & Partial<VectorsDoc>;

export type DocsToVecs = Model<Tok2VecDoc[], Floats2d[]>;
export type VecsToVecs = Model<Floats2d[], Floats2d[]>;

function setDimIfKnown(model: AnyModel, name: string, value: number): void {
  if (model.hasDim(name) !== false) model.setDim(name, value, { force: true });
}

// ---- Tok2Vec ----

/** spacy.Tok2Vec.v2: chain(embed, encode), with refs "embed" and "encode". */
export function tok2vec(embed: DocsToVecs | AnyModel, encode: VecsToVecs | AnyModel): DocsToVecs {
  const model = chainLayers([embed, encode]) as DocsToVecs;
  if (encode.hasDim("nO") === true) setDimIfKnown(model, "nO", encode.getDim("nO"));
  model.setRef("embed", embed);
  model.setRef("encode", encode);
  return model;
}

/** spacy.Tok2Vec.v1 (spacy-legacy): the encoder works on one array, padded by its receptive field. */
export function tok2vecV1(embed: DocsToVecs | AnyModel, encode: Model<Floats2d, Floats2d> | AnyModel): DocsToVecs {
  const pad = Number(encode.attrs.receptive_field ?? 0);
  const model = chainLayers([embed, withArray(encode, { pad })]) as DocsToVecs;
  setDimIfKnown(model, "nO", encode.getDim("nO"));
  model.setRef("embed", embed);
  model.setRef("encode", encode);
  return model;
}

// ---- embeddings ----

export interface MultiHashEmbedOptions {
  width: number;
  attrs: Array<string | number>;
  rows: number[];
  includeStaticVectors?: boolean;
  /** spacy.StaticVectors version: 2, or 1 for the spacy-legacy .v1 architectures. */
  staticVectorsVersion?: 1 | 2;
}

/**
 * FeatureExtractor's id tables (one per doc) as one Ragged table, joined on the host. Thinc's
 * list2ragged does this for MultiHashEmbed; ours (layers/list2ragged.ts) stacks tensors and
 * Ints2d, not the Uint64s2d that FeatureExtractor gives, so the ids get this node instead.
 * The Ragged's data is a Uint64s2d (typed as Ints2d, Ragged's integer kind).
 */
export function idsToRagged(): Model<Uint64s2d[], Ragged<never>> {
  return new Model<Uint64s2d[], Ragged<never>>("list2ragged", (_model, Xs): [Ragged<never>, Backprop<Ragged<never>, Uint64s2d[]>] => {
    const lengths = Int32Array.from(Xs, (x) => x.rows);
    const cols = Xs[0]?.cols ?? 0;
    let words: Uint32Array;
    if (Xs.length === 1) words = Xs[0]!.words;
    else {
      words = new Uint32Array(Xs.reduce((sum, x) => sum + x.words.length, 0));
      let at = 0;
      for (const x of Xs) {
        words.set(x.words, at);
        at += x.words.length;
      }
    }
    const data = new Uint64s2d(words, words.length / 2 / Math.max(cols, 1), cols);
    return [new Ragged(data as never, lengths), () => Xs];
  });
}

/**
 * concatenate(...embeddings) for layers that take ids or docs. Our concatenate's init reads
 * the input's width, and chain.getWidth knows neither Uint64s2d nor Docs (it throws); the
 * embeddings have no input width, so this one initializes the layers without asking it.
 */
export function concatenateEmbeddings(layers: AnyModel[]): AnyModel {
  return new Model(layers.map((layer) => layer.name).join("|"), concatenateForward, {
    layers,
    dims: { nO: null },
    init: (model, X) => {
      for (const layer of model.layers) layer.initialize(X);
      model.setDim(
        "nO",
        model.layers.reduce((sum, layer) => sum + layer.getDim("nO"), 0),
      );
    },
  });
}

/**
 * spacy.MultiHashEmbed.v2 (and .v1, the same tree): one HashEmbed per attribute (seeds 8, 9,
 * ... in attribute order, as spaCy assigns them), concatenated, mixed by a Maxout with
 * LayerNorm down to `width`. With include_static_vectors, the vocab's vectors projected to
 * `width` (StaticVectors; .v1 of the layer for the .v1 architecture, as spacy-legacy builds
 * it) are concatenated after the hash embeddings, before the mixer.
 */
export function multiHashEmbed(opts: MultiHashEmbedOptions): DocsToVecs {
  const { width, attrs, rows } = opts;
  if (rows.length !== attrs.length) {
    throw new TsnlpError("E_ARCH_ARGS", `MultiHashEmbed: ${rows.length} row counts for ${attrs.length} attributes (mismatched lengths).`, {
      hint: "Give one number of rows per attribute: rows and attrs must have the same length.",
    });
  }
  // spaCy: seed = 7, incremented before each table.
  const embeddings = attrs.map((_, index) => hashEmbed({ nO: width, nV: rows[index]!, column: index, seed: 8 + index, dropout: 0.0 }));
  const concatSize = width * (embeddings.length + (opts.includeStaticVectors ? 1 : 0));
  const mixer = withArray(maxout({ nO: width, nI: concatSize, nP: 3, dropout: 0.0, normalize: true }));
  const features = [featureExtractor([...attrs]), idsToRagged(), withArray(concatenateEmbeddings(embeddings))];
  if (!opts.includeStaticVectors) return chainLayers([...features, mixer, ragged2list()]) as DocsToVecs;
  const withVectors = concatenateEmbeddings([chainLayers(features), staticVectors({ nO: width, dropout: 0.0, version: opts.staticVectorsVersion })]);
  return chainLayers([withVectors, mixer, ragged2list()]) as DocsToVecs;
}

export interface CharacterEmbedOptions {
  width: number;
  rows: number;
  nM: number;
  nC: number;
  includeStaticVectors?: boolean;
  /** spacy.StaticVectors version: 2, or 1 for the spacy-legacy .v1 architectures. */
  staticVectorsVersion?: 1 | 2;
  feature?: string | number;
}

/**
 * spacy.CharacterEmbed.v2 (and .v1, the same tree): nC UTF-8 bytes per word (CharEmbed) next to a
 * HashEmbed (seed 5) of one attribute, and the static vectors (projected to `width`) when asked,
 * mixed by a Maxout with LayerNorm down to `width`.
 */
export function characterEmbedModel(opts: CharacterEmbedOptions): DocsToVecs {
  const { width, rows, nM, nC } = opts;
  const feature = opts.feature ?? "LOWER";
  const charEmbed = chainLayers([characterEmbed(nM, nC), list2ragged()]);
  const features = chainLayers([featureExtractor([feature]), idsToRagged(), withArray(hashEmbed({ nO: width, nV: rows, column: 0, seed: 5 }))]);
  const parts = opts.includeStaticVectors
    ? [charEmbed, features, staticVectors({ nO: width, dropout: 0.0, version: opts.staticVectorsVersion })]
    : [charEmbed, features];
  const mixer = withArray(maxout({ nO: width, nI: nM * nC + width * (parts.length - 1), nP: 3, normalize: true, dropout: 0.0 }));
  return chainLayers([concatenateEmbeddings(parts), mixer, ragged2list()]) as DocsToVecs;
}

// ---- encoders ----

export interface WindowEncoderOptions {
  width: number;
  windowSize: number;
  depth: number;
}

export interface MaxoutWindowEncoderOptions extends WindowEncoderOptions {
  maxoutPieces: number;
}

function maxoutCnn(opts: MaxoutWindowEncoderOptions): Model<Floats2d, Floats2d> {
  const { width, windowSize, maxoutPieces, depth } = opts;
  const cnn = chainLayers([
    expandWindow(windowSize),
    maxout({ nO: width, nI: width * (windowSize * 2 + 1), nP: maxoutPieces, dropout: 0.0, normalize: true }),
  ]) as Model<Floats2d, Floats2d>;
  const model = clone(residual(cnn), depth);
  setDimIfKnown(model, "nO", width);
  return model;
}

function mishCnn(opts: WindowEncoderOptions): Model<Floats2d, Floats2d> {
  const { width, windowSize, depth } = opts;
  const cnn = chainLayers([expandWindow(windowSize), mish({ nO: width, nI: width * (windowSize * 2 + 1), dropout: 0.0, normalize: true })]) as Model<
    Floats2d,
    Floats2d
  >;
  const model = clone(residual(cnn), depth);
  setDimIfKnown(model, "nO", width);
  return model;
}

/**
 * spacy.MaxoutWindowEncoder.v2: depth residual blocks of expand_window + Maxout + LayerNorm, on
 * all tokens of the batch at once, with window_size * depth zero rows between docs.
 */
export function maxoutWindowEncoder(opts: MaxoutWindowEncoderOptions): VecsToVecs {
  return withArray(maxoutCnn(opts), { pad: opts.windowSize * opts.depth });
}

/** spacy.MaxoutWindowEncoder.v1 (spacy-legacy): the same blocks on one array; Tok2Vec.v1 pads by attrs.receptive_field. */
export function maxoutWindowEncoderV1(opts: MaxoutWindowEncoderOptions): Model<Floats2d, Floats2d> {
  const model = maxoutCnn(opts);
  model.attrs.receptive_field = opts.windowSize * opts.depth;
  return model;
}

/** spacy.MishWindowEncoder.v2: as the maxout encoder with Mish; spaCy pads nothing here. */
export function mishWindowEncoder(opts: WindowEncoderOptions): VecsToVecs {
  return withArray(mishCnn(opts));
}

/** spacy.MishWindowEncoder.v1 (spacy-legacy): the blocks on one array. */
export function mishWindowEncoderV1(opts: WindowEncoderOptions): Model<Floats2d, Floats2d> {
  return mishCnn(opts);
}

// ---- HashEmbedCNN ----

export interface HashEmbedCnnOptions {
  width: number;
  depth: number;
  embedSize: number;
  windowSize: number;
  maxoutPieces: number;
  subwordFeatures: boolean;
  pretrainedVectors?: boolean | null;
}

/** spacy.HashEmbedCNN.v2 (and .v1): Tok2Vec.v2 of MultiHashEmbed (NORM, PREFIX, SUFFIX, SHAPE) and MaxoutWindowEncoder.v2. */
export function hashEmbedCnn(opts: HashEmbedCnnOptions): DocsToVecs {
  const { width, embedSize } = opts;
  const half = Math.floor(embedSize / 2);
  const [attrs, rows] = opts.subwordFeatures
    ? [
        ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        [embedSize, half, half, half],
      ]
    : [["NORM"], [embedSize]];
  return tok2vec(
    multiHashEmbed({ width, attrs, rows, includeStaticVectors: Boolean(opts.pretrainedVectors) }),
    maxoutWindowEncoder({ width, depth: opts.depth, windowSize: opts.windowSize, maxoutPieces: opts.maxoutPieces }),
  );
}

export type { ArraySpan };
