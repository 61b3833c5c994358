/**
 * spacy.Tagger.v2 (spacy/ml/models/tagger.py, v3.5.4) and spacy.Tagger.v1 (spacy-legacy
 * v3.0.12): a tok2vec network, then one softmax layer (zero-initialised W) over all tokens of
 * the batch at once (with_array). Refs: "tok2vec", "softmax" and "output_layer".
 */
import { chainLayers } from "../layers/chain.js";
import { zeros } from "../layers/dense-activation.js";
import { softmax } from "../layers/softmax.js";
import { withArray } from "../layers/with-array.js";
import type { AnyModel, Model } from "../model.js";
import type { Floats2d } from "../types.js";
import type { Tok2VecDoc } from "./tok2vec.js";

export interface TaggerOptions {
  /** Number of tags; null to infer it from the sample labels at initialization. */
  nO?: number | null;
  /** v2: normalize the outputs (softmax) at prediction time too; training always normalizes. */
  normalize?: boolean;
}

function build(tok2vec: AnyModel, output: Model<Floats2d, Floats2d>): Model<Tok2VecDoc[], Floats2d[]> {
  const model = chainLayers([tok2vec, withArray(output)]) as Model<Tok2VecDoc[], Floats2d[]>;
  model.setRef("tok2vec", tok2vec);
  model.setRef("softmax", output);
  model.setRef("output_layer", output);
  return model;
}

function tok2vecWidth(tok2vec: AnyModel): number | null {
  return tok2vec.hasDim("nO") === true ? tok2vec.getDim("nO") : null;
}

/** spacy.Tagger.v2: Softmax.v2 with normalize_outputs = normalize (false by default: logits at prediction time). */
export function tagger(tok2vec: AnyModel, opts: TaggerOptions = {}): Model<Tok2VecDoc[], Floats2d[]> {
  const output = softmax({ nO: opts.nO ?? null, nI: tok2vecWidth(tok2vec), initW: zeros, normalizeOutputs: opts.normalize ?? false });
  return build(tok2vec, output);
}

/** spacy.Tagger.v1: Softmax.v1 (always normalized). */
export function taggerV1(tok2vec: AnyModel, opts: Pick<TaggerOptions, "nO"> = {}): Model<Tok2VecDoc[], Floats2d[]> {
  return build(tok2vec, softmax({ nO: opts.nO ?? null, nI: tok2vecWidth(tok2vec), initW: zeros }));
}
