/**
 * spacy.CharEmbed.v1 (spacy/ml/_character_embed.py): each word's first and last UTF-8 bytes,
 * nC of them taken alternately from the two ends (Doc.to_utf8_array: byte 0, byte -1, byte 1,
 * ..., 255 as padding), each embedded by its own (256, nM) table for its position; the nC
 * vectors are concatenated to nO = nC * nM. E is (nC, 256, nM), zeros at first, as in spaCy.
 *
 * The whole batch is one gather (positions and bytes flattened into rows of E) and its
 * backprop one scatter-add. spaCy's backprop assigns with numpy fancy indexing, which drops
 * repeated (position, byte) pairs within a doc; this one sums them, the true gradient.
 */
import { Model } from "../model.js";
import { gatherRows, scatterAdd } from "../ops/segment.js";
import { tf } from "../tf.js";
import type { Floats2d, Floats3d } from "../types.js";

/** What the layer needs of a Doc: the words' texts (spaCy's token.orth_). */
export interface WordsDoc {
  words: string[];
}

export function characterEmbed(nM: number, nC: number): Model<WordsDoc[], Floats2d[]> {
  return new Model<WordsDoc[], Floats2d[]>("charembed", forward, {
    init: (model) => model.setParam("E", tf.zeros([model.getDim("nC"), model.getDim("nV"), model.getDim("nM")])),
    dims: { nM, nC, nO: nM * nC, nV: 256 },
    params: { E: null },
  });
}

const encoder = new TextEncoder();

/** spaCy's Doc.to_utf8_array(nr_char=nC) for a list of words, flattened: row i * nC + c. */
export function utf8Ends(words: string[], nC: number): Uint8Array {
  const out = new Uint8Array(words.length * nC).fill(255);
  words.forEach((word, i) => {
    const bytes = encoder.encode(word);
    let start = 0;
    let end = bytes.length - 1;
    let j = 0;
    while (j < nC && start <= end) {
      out[i * nC + j++] = bytes[start++]!;
      if (j < nC && start <= end) out[i * nC + j++] = bytes[end--]!;
    }
  });
  return out;
}

export function forward(model: Model<WordsDoc[], Floats2d[]>, docs: WordsDoc[]): [Floats2d[], (dY: Floats2d[]) => []] {
  const nC = model.getDim("nC");
  const nM = model.getDim("nM");
  const nV = model.getDim("nV");
  const E = model.getParam("E") as Floats3d;
  const lengths = docs.map((doc) => doc.words.length);
  const total = lengths.reduce((sum, n) => sum + n, 0);
  // Row of the flattened (nC * nV, nM) table for each (word, position).
  const rows = new Int32Array(total * nC);
  let at = 0;
  for (const doc of docs) {
    const bytes = utf8Ends(doc.words, nC);
    for (let k = 0; k < bytes.length; k++) rows[at + k] = (k % nC) * nV + bytes[k]!;
    at += bytes.length;
  }
  const Y = tf.reshape(gatherRows(tf.reshape(E, [nC * nV, nM]), rows), [total, nC * nM]) as Floats2d;
  const outputs: Floats2d[] = [];
  let start = 0;
  for (const n of lengths) {
    outputs.push(tf.slice(Y, [start, 0], [n, nC * nM]));
    start += n;
  }
  const backprop = (dYs: Floats2d[]): [] => {
    if (total === 0) return [];
    const dY = tf.reshape(dYs.length === 1 ? dYs[0]! : tf.concat(dYs, 0), [total * nC, nM]) as Floats2d;
    model.incGrad("E", tf.reshape(scatterAdd(nC * nV, rows, dY), [nC, nV, nM]));
    return [];
  };
  return [outputs, backprop];
}
