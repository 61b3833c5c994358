/**
 * The pretraining objectives spacy.PretrainCharacters.v1 and spacy.PretrainVectors.v1
 * (spacy/ml/models/multi_task.py, v3.5.4): an output layer on top of a tok2vec, wrapped in a
 * BERT-style masked language model, and the loss that compares its output with each token's
 * bytes or static vector.
 *
 * An objective is a function (vocab, tok2vec) => model. The model takes docs and gives one row
 * per token; its `loss` attr maps (docs, prediction) to [loss, d(prediction)], computed against
 * the original docs (the model itself sees masked copies).
 */
import { Doc } from "../../tokens/doc.js";
import type { Vectors } from "../../tokens/vectors.js";
import type { Vocab } from "../../tokens/vocab.js";
import { TsnlpError } from "../../util/errors.js";
import { random } from "../../util/random.js";
import { chainLayers } from "../layers/chain.js";
import { zeros } from "../layers/dense-activation.js";
import { layerNorm } from "../layers/layer-norm.js";
import { linear } from "../layers/linear.js";
import { list2array } from "../layers/list2array.js";
import { maxout } from "../layers/maxout.js";
import { multiSoftmax } from "../layers/multi-softmax.js";
import { CosineDistance } from "../losses/cosine-distance.js";
import { L2Distance } from "../losses/l2-distance.js";
import { type AnyModel, Model } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { Floats2d } from "../types.js";

/** [loss, gradient of the loss with respect to the prediction]. */
export type PretrainLoss = (docs: readonly Doc[], prediction: Floats2d) => [number, Floats2d];

/** What a pretraining objective builds: docs in, one row per token out, with attrs.loss. */
export type PretrainModel = Model<Doc[], Floats2d>;

/** A registered objective (the value of [pretraining.objective]). */
export type PretrainObjective = (vocab: Vocab, tok2vec: AnyModel) => PretrainModel;

/** The word that masked tokens become (spaCy's _replace_word). */
export const MASK_TOKEN = "[MASK]";

// ---- the objectives ----

export interface PretrainCharactersOptions {
  maxoutPieces: number;
  hiddenSize: number;
  /** Bytes predicted per token: the first and last nCharacters / 2, interleaved. */
  nCharacters: number;
}

/** spacy.PretrainCharacters.v1: predict the leading and trailing UTF-8 bytes of each token. */
export function createPretrainCharacters(opts: PretrainCharactersOptions): PretrainObjective {
  if (!Number.isInteger(opts.nCharacters) || opts.nCharacters < 1) {
    throw new TsnlpError("E_ARCH_ARGS", `spacy.PretrainCharacters.v1 needs n_characters >= 1, not ${opts.nCharacters}.`, {
      hint: "Set [pretraining.objective] n_characters to a small whole number such as 4.",
    });
  }
  return (vocab, tok2vec) => {
    const model = clozeCharactersModel(vocab, tok2vec, opts);
    model.attrs.loss = ((docs, prediction) => charactersLoss(docs, prediction, opts.nCharacters)) satisfies PretrainLoss;
    return model;
  };
}

export interface PretrainVectorsOptions {
  maxoutPieces: number;
  hiddenSize: number;
  loss: "cosine" | "L2";
}

/** spacy.PretrainVectors.v1: predict each token's static vector (vocab.vectors). */
export function createPretrainVectors(opts: PretrainVectorsOptions): PretrainObjective {
  if (opts.loss !== "cosine" && opts.loss !== "L2") {
    throw new TsnlpError("E_ARCH_ARGS", `Unexpected loss in spacy.PretrainVectors.v1: '${String(opts.loss)}'. Supported values are 'cosine' and 'L2'.`, {
      hint: 'Set [pretraining.objective] loss = "cosine" or loss = "L2".',
    });
  }
  // thinc's CosineDistance(normalize=True, ignore_zeros=True) and L2Distance(normalize=True).
  const distance = opts.loss === "cosine" ? new CosineDistance({ normalize: true, ignoreZeros: true }) : new L2Distance({ normalize: true });
  return (vocab, tok2vec) => {
    const table = vectorsOf(vocab);
    if (table === null) {
      throw new TsnlpError(
        "E_PRETRAIN_NO_VECTORS",
        "pretraining.objective: spacy.PretrainVectors.v1 predicts static word vectors, but the pipeline's vocab has none.",
        {
          hint: "Load vectors with [initialize] vectors (e.g. --paths.vectors a folder made by `tsnlp init vectors`), or use the spacy.PretrainCharacters.v1 objective.",
        },
      );
    }
    const model = clozeVectorsModel(vocab, tok2vec, table.width, opts);
    model.attrs.loss = ((docs, prediction) => vectorsLoss(docs, prediction, table, distance)) satisfies PretrainLoss;
    return model;
  };
}

// ---- the networks ----

function tok2vecWidth(tok2vec: AnyModel): number | null {
  return tok2vec.hasDim("nO") === true ? tok2vec.getDim("nO") : null;
}

/** spaCy's build_cloze_characters_multi_task_model: Maxout, LayerNorm and one 256-way softmax per byte. */
export function clozeCharactersModel(vocab: Vocab, tok2vec: AnyModel, opts: PretrainCharactersOptions): PretrainModel {
  const output = chainLayers([
    list2array(),
    maxout({ nO: opts.hiddenSize, nP: opts.maxoutPieces }),
    layerNorm({ nI: opts.hiddenSize }),
    multiSoftmax({ nOs: new Array<number>(opts.nCharacters).fill(256), nI: opts.hiddenSize }),
  ]);
  return withRefs(maskedLanguageModel(vocab, chainLayers([tok2vec, output]) as PretrainModel), tok2vec, output);
}

/** spaCy's build_cloze_multi_task_model: normalized Maxout, then a zero-initialized Linear to the vector width. */
export function clozeVectorsModel(vocab: Vocab, tok2vec: AnyModel, vectorWidth: number, opts: Omit<PretrainVectorsOptions, "loss">): PretrainModel {
  const output = chainLayers([
    list2array(),
    maxout({ nO: opts.hiddenSize, nI: tok2vecWidth(tok2vec), nP: opts.maxoutPieces, normalize: true, dropout: 0 }),
    linear({ nO: vectorWidth, nI: opts.hiddenSize, initW: zeros }),
  ]);
  return withRefs(maskedLanguageModel(vocab, chainLayers([tok2vec, output]) as PretrainModel), tok2vec, output);
}

function withRefs(model: PretrainModel, tok2vec: AnyModel, output: AnyModel): PretrainModel {
  model.setRef("tok2vec", tok2vec);
  model.setRef("output_layer", output);
  return model;
}

// ---- masking ----

/**
 * spaCy's build_masked_language_model: the wrapped model reads copies of the docs in which
 * about maskProb of the tokens are chosen; of those, 80% become [MASK], 10% a random word and
 * 10% stay. Only chosen tokens pass a gradient back. Masking happens only while training.
 */
export function maskedLanguageModel(vocab: Vocab, wrapped: PretrainModel, maskProb = 0.15): PretrainModel {
  const randomWords = new RandomWords(vocab);
  const dims = Object.fromEntries(wrapped.dimNames.map((dim) => [dim, null]));
  return new Model<Doc[], Floats2d>(
    "masked-language-model",
    (model, docs, isTrain) => {
      const inner = model.layers[0] as PretrainModel;
      if (!isTrain) return inner.call(docs, false);
      const { chosen, docs: masked } = applyMask(docs, randomWords, maskProb);
      const [output, backprop] = inner.call(masked, true);
      return [output, (dOutput) => backprop(tf.mul(dOutput, tf.tensor2d(chosen, [chosen.length, 1])) as Floats2d)];
    },
    {
      layers: [wrapped],
      refs: { wrapped },
      dims,
      init: (model, X, Y) => {
        wrapped.initialize(X, Y);
        for (const dim of wrapped.dimNames) if (wrapped.hasDim(dim) === true) model.setDim(dim, wrapped.getDim(dim), { force: true });
      },
    },
  );
}

/**
 * Masked copies of the docs (spaCy's _apply_mask): one uniform draw per token chooses it when
 * below maskProb, then one more per chosen token picks what it becomes. `chosen` has 1 for
 * chosen tokens and 0 for the others, over the tokens of all docs in order.
 */
export function applyMask(docs: readonly Doc[], randomWords: RandomWords, maskProb = 0.15): { chosen: Float32Array; docs: Doc[] } {
  const total = docs.reduce((sum, doc) => sum + doc.length, 0);
  const chosen = new Float32Array(total);
  for (let i = 0; i < total; i++) chosen[i] = random() < maskProb ? 1 : 0;
  let i = 0;
  const masked = docs.map((doc) => {
    const words = doc.words.map((word) => (chosen[i++] === 1 ? replaceWord(word, randomWords) : word));
    // New docs, so that the originals keep their words for the loss's targets.
    return new Doc(doc.vocab, { words, spaces: [...doc.spaces] });
  });
  return { chosen, docs: masked };
}

function replaceWord(word: string, randomWords: RandomWords): string {
  const roll = random();
  if (roll < 0.8) return MASK_TOKEN;
  if (roll < 0.9) return randomWords.next();
  return word;
}

/** How many words the replacement pool holds, and how many draws are cached at once (spaCy's numbers). */
const POOL_SIZE = 10_000;
const CACHED_DRAWS = 10_000;

/**
 * Random replacement words (spaCy's _RandomWords): draws from the first 10,000 words of the
 * vocab. spaCy weights them by their probability, which a vocab without lookups data gives
 * every word alike; tsnlp's lexemes have none, so the draw is uniform. spaCy fixes the pool when
 * the objective is built, when the vocab holds little more than the tokenizer's exceptions;
 * here the pool is read again whenever the cached draws run out, so that the corpus's words
 * (added in the order they first occur, frequent words first on the whole) take part.
 */
export class RandomWords {
  private words: string[] = [];
  private readonly cache: number[] = [];

  constructor(private readonly vocab: Vocab) {}

  next(): string {
    if (this.cache.length === 0) {
      this.words = [];
      for (const lexeme of this.vocab) {
        if (this.words.length >= POOL_SIZE) break;
        this.words.push(lexeme.orth);
      }
      if (this.words.length === 0) return MASK_TOKEN;
      for (let i = 0; i < CACHED_DRAWS; i++) this.cache.push(Math.floor(random() * this.words.length));
    }
    return this.words[this.cache.pop()!]!;
  }
}

// ---- the losses ----

/**
 * The bytes of each word (spaCy's Doc.to_utf8_array): nChar columns filled from both ends of
 * the word's UTF-8 bytes in the order first, last, second, second-to-last, ...; 255 pads
 * words with fewer bytes.
 */
export function utf8Array(words: readonly string[], nChar: number): Uint8Array {
  const out = new Uint8Array(words.length * nChar).fill(255);
  const encoder = new TextEncoder();
  words.forEach((word, row) => {
    const bytes = encoder.encode(word);
    let j = 0;
    let start = 0;
    let end = bytes.length - 1;
    while (j < nChar && start <= end) {
      out[row * nChar + j++] = bytes[start++]!;
      if (j < nChar && start <= end) out[row * nChar + j++] = bytes[end--]!;
    }
  });
  return out;
}

/**
 * spaCy's get_characters_loss: the squared distance between the softmax outputs and the
 * one-hot bytes, summed over all tokens; the gradient is the difference over the row count.
 */
export function charactersLoss(docs: readonly Doc[], prediction: Floats2d, nChar: number): [number, Floats2d] {
  const words = docs.flatMap((doc) => doc.words);
  const bytes = utf8Array(words, nChar);
  const target = new Float32Array(bytes.length * 256);
  bytes.forEach((byte, i) => {
    target[i * 256 + byte] = 1;
  });
  const rows = words.length;
  const diff = tf.sub(prediction, tf.tensor2d(target, [rows, 256 * nChar]));
  const loss = tf.sum(tf.square(diff)).dataSync()[0]!;
  return [loss, tf.div(diff, Math.max(rows, 1)) as Floats2d];
}

/** The vocab's vectors table, or null when it has no vectors (width 0). */
export function vectorsOf(vocab: Vocab): Vectors | null {
  return vocab.vectors.width > 0 ? vocab.vectors : null;
}

interface Distance {
  call(guesses: Tensor, truths: Tensor): [Tensor, number];
}

/**
 * spaCy's get_vectors_loss: the distance between the prediction and each token's vector; tokens
 * without a vector get a zero target (which the cosine distance leaves out).
 */
export function vectorsLoss(docs: readonly Doc[], prediction: Floats2d, table: Vectors, distance: Distance): [number, Floats2d] {
  const { width, data } = table;
  const byLower = table.attr === "LOWER";
  const rows = docs.reduce((sum, doc) => sum + doc.length, 0);
  const target = new Float32Array(rows * width);
  let i = 0;
  for (const doc of docs) {
    for (const lexeme of doc.lexemes) {
      const row = table.rowOf(byLower ? lexeme.lower : lexeme.orth);
      if (row >= 0) target.set(data.subarray(row * width, (row + 1) * width), i * width);
      i++;
    }
  }
  const [grad, loss] = distance.call(prediction, tf.tensor2d(target, [rows, width]));
  return [loss, grad as Floats2d];
}
