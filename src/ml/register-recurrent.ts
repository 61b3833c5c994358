/**
 * Implementations of the recurrent layers, the pair and tuple combinators and the remaining
 * sequence wrappers declared in src/registry/builtins/layers.ts (LSTM.v1, PyTorchLSTM.v1,
 * bidirectional.v1, CauchySimilarity.v1, siamese.v1, tuplify.v1, uniqued.v1,
 * strings2arrays.v1, with_array2d.v1, with_flatten.v1 / v2, with_reshape.v1). The
 * declarations fix the argument names and defaults; this maps them onto the factories.
 */
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import type { Initializer } from "./initializers.js";
import { bidirectional } from "./layers/bidirectional.js";
import { cauchySimilarity } from "./layers/cauchy-similarity.js";
import { lstm, pytorchLstm } from "./layers/lstm.js";
import { siamese } from "./layers/siamese.js";
import { strings2arrays } from "./layers/strings2arrays.js";
import { tuplify } from "./layers/tuplify.js";
import { uniqued } from "./layers/uniqued.js";
import { withArray2d } from "./layers/with-array2d.js";
import { withFlatten, withFlattenV2 } from "./layers/with-flatten.js";
import { withReshape } from "./layers/with-reshape.js";
import { type AnyModel, Model } from "./model.js";

type Args = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

function model(name: string, args: Args, key: string): AnyModel {
  const value = args[key];
  if (value instanceof Model) return value;
  throw new TsnlpError("E_LAYER_ARGS", `${name}: '${key}' must be a layer (a block with @layers or @architectures).`, {
    hint: `Give ${key} as a sub-block, e.g. [model.${key}] with @layers = "Linear.v1".`,
  });
}

function initializer(name: string, args: Args, key: string): Initializer | null {
  const value = args[key];
  if (value === null || value === undefined) return null;
  if (typeof value === "function") return value as Initializer;
  throw new TsnlpError("E_LAYER_ARGS", `${name}: '${key}' must be an initializer (a block with @initializers), not ${typeof value}.`);
}

function wholeNumber(name: string, args: Args, key: string): number {
  const value = num(args[key]);
  if (value === null) throw new TsnlpError("E_LAYER_ARGS", `${name} needs '${key}' (a whole number).`);
  return value;
}

export function registerRecurrentLayers(registry: Registry): void {
  const layer = (name: string, build: (args: Args, positional: unknown[]) => unknown) => registry.implement("layers", name, build);

  layer("LSTM.v1", (a) =>
    lstm({
      nO: num(a.nO),
      nI: num(a.nI),
      bi: a.bi === true,
      depth: num(a.depth) ?? 1,
      dropout: num(a.dropout) ?? 0,
      initW: initializer("LSTM.v1", a, "init_W"),
      initB: initializer("LSTM.v1", a, "init_b"),
    }),
  );
  layer("PyTorchLSTM.v1", (a) =>
    pytorchLstm({
      nO: wholeNumber("PyTorchLSTM.v1", a, "nO"),
      nI: wholeNumber("PyTorchLSTM.v1", a, "nI"),
      bi: a.bi === true,
      depth: num(a.depth) ?? 1,
      dropout: num(a.dropout) ?? 0,
    }),
  );
  layer("bidirectional.v1", (a) =>
    bidirectional(model("bidirectional.v1", a, "l2r"), a.r2l === null || a.r2l === undefined ? null : model("bidirectional.v1", a, "r2l")),
  );
  layer("CauchySimilarity.v1", (a) => cauchySimilarity({ nI: num(a.nI) }));
  layer("siamese.v1", (a) => siamese(model("siamese.v1", a, "layer"), model("siamese.v1", a, "similarity")));
  layer("tuplify.v1", (a, positional) => {
    const rest = positional.map((value, i) => model("tuplify.v1", { [`*${i + 1}`]: value }, `*${i + 1}`));
    return tuplify(model("tuplify.v1", a, "layer1"), model("tuplify.v1", a, "layer2"), ...rest);
  });
  layer("uniqued.v1", (a) => uniqued(model("uniqued.v1", a, "layer"), { column: num(a.column) ?? 0 }));
  layer("strings2arrays.v1", () => strings2arrays());
  layer("with_array2d.v1", (a) => withArray2d(model("with_array2d.v1", a, "layer"), { pad: num(a.pad) ?? 0 }));
  layer("with_flatten.v1", (a) => withFlatten(model("with_flatten.v1", a, "layer")));
  layer("with_flatten.v2", (a) => withFlattenV2(model("with_flatten.v2", a, "layer")));
  layer("with_reshape.v1", (a) => withReshape(model("with_reshape.v1", a, "layer")));
}
