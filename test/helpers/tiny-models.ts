/** Small models shared by the architecture tests: a tiny tok2vec and a registry that knows it. */
import { hashEmbed } from "../../src/ml/layers/hash-embed.js";
import { flatten, unflatten } from "../../src/ml/layers/list2array.js";
import { maxout } from "../../src/ml/layers/maxout.js";
import { Model } from "../../src/ml/model.js";
import { registerHeadModels } from "../../src/ml/models/register-models-heads.js";
import { registerCombinators } from "../../src/ml/register-combinators.js";
import { registerDenseLayers } from "../../src/ml/register-dense.js";
import { registerEmbedLayers } from "../../src/ml/register-embed.js";
import { type Floats2d, Uint64s2d } from "../../src/ml/types.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { declareFunction } from "../../src/registry/declare.js";
import { Registry } from "../../src/registry/registry.js";
import { sig } from "../../src/registry/types.js";
import type { Doc } from "../../src/tokens/doc.js";
import { z } from "zod";

export { sgd } from "./layers.js";

/** A small tok2vec for the tests: HashEmbed of NORM over all tokens, then a Maxout. */
export function tinyTok2vec(width: number, seed = 5, nP = 2): Model<Doc[], Floats2d[]> {
  const embed = hashEmbed({ nO: width, nV: 97, seed, column: 0 });
  const mix = maxout({ nO: width, nI: width, nP });
  return new Model<Doc[], Floats2d[]>(
    "tiny_tok2vec",
    (_model, docs, isTrain) => {
      const tables = docs.map((doc) => {
        const { data, rows, cols } = doc.toArray(["NORM"]);
        return Uint64s2d.fromBigInts(data, rows, cols);
      });
      const lengths = Int32Array.from(tables, (table) => table.rows);
      const words = new Uint32Array(tables.reduce((sum, table) => sum + table.words.length, 0));
      let at = 0;
      for (const table of tables) {
        words.set(table.words, at);
        at += table.words.length;
      }
      const [E, backpropEmbed] = embed.call(new Uint64s2d(words, words.length / 2, 1), isTrain);
      const [H, backpropMix] = mix.call(E, isTrain);
      const backprop = (dHs: Floats2d[]): Doc[] => {
        backpropEmbed(backpropMix(flatten(dHs)));
        return docs;
      };
      return [unflatten(H, lengths), backprop];
    },
    {
      layers: [embed, mix],
      dims: { nO: width },
      init: () => {
        embed.initialize();
        mix.initialize();
      },
    },
  );
}

/** Builtins with the layers and heads implemented, plus test.TinyTok2Vec.v1 (args: width). */
export function testRegistry(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  registerCombinators(registry);
  registerDenseLayers(registry);
  registerEmbedLayers(registry);
  registerHeadModels(registry);
  registry.register(
    declareFunction("architectures", "test.TinyTok2Vec.v1", {
      description: "a tiny tok2vec for tests",
      args: { width: z.number().int() },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
      origin: "user",
    }),
  );
  registry.implement("architectures", "test.TinyTok2Vec.v1", (args) => tinyTok2vec(args.width as number));
  return registry;
}
