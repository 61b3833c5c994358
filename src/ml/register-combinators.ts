/**
 * Implementations of thinc's combinators and data-shape layers declared in
 * src/registry/builtins/layers.ts (chain.v1, concatenate.v1, add.v1, with_array.v1, ...).
 * Configs build them untyped: the types were checked against the declared signatures.
 */
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { addLayers } from "./layers/add.js";
import { chainLayers } from "./layers/chain.js";
import { clone } from "./layers/clone.js";
import { concatenateLayers } from "./layers/concatenate.js";
import { list2array } from "./layers/list2array.js";
import { list2padded } from "./layers/list2padded.js";
import { list2ragged } from "./layers/list2ragged.js";
import { noop } from "./layers/noop.js";
import { padded2list } from "./layers/padded2list.js";
import { ragged2list } from "./layers/ragged2list.js";
import { residual } from "./layers/residual.js";
import { withArray } from "./layers/with-array.js";
import { withGetitem } from "./layers/with-getitem.js";
import { withList } from "./layers/with-list.js";
import { withPadded } from "./layers/with-padded.js";
import { withRagged } from "./layers/with-ragged.js";
import { type AnyModel, Model } from "./model.js";

function models(name: string, values: unknown[]): AnyModel[] {
  return values.map((value, i) => {
    if (value instanceof Model) return value;
    throw new TsnlpError("E_LAYER_ARGS", `${name}: positional argument ${i + 1} is not a model.`, {
      hint: "Each `*` block of a combinator must be a layer (a block with @layers or @architectures).",
    });
  });
}

export function registerCombinators(registry: Registry): void {
  const layers = (name: string, build: (args: Record<string, unknown>, positional: unknown[]) => unknown) => registry.implement("layers", name, build);
  layers("chain.v1", (_args, positional) => chainLayers(models("chain.v1", positional)));
  layers("concatenate.v1", (_args, positional) => concatenateLayers(models("concatenate.v1", positional)));
  layers("noop.v1", (_args, positional) => noop(...models("noop.v1", positional)));
  layers("add.v1", (args, positional) => addLayers(models("add.v1", [args.layer1, args.layer2, ...positional])));
  layers("clone.v1", (args) => clone(args.orig as AnyModel, args.n as number));
  layers("residual.v1", (args) => residual(args.layer as AnyModel));
  layers("with_array.v1", (args) => withArray(args.layer as AnyModel, { pad: args.pad as number }));
  layers("with_padded.v1", (args) => withPadded(args.layer as AnyModel));
  layers("with_ragged.v1", (args) => withRagged(args.layer as AnyModel));
  layers("with_list.v1", (args) => withList(args.layer as AnyModel));
  layers("with_getitem.v1", (args) => withGetitem(args.idx as number, args.layer as AnyModel));
  layers("list2array.v1", () => list2array());
  layers("list2ragged.v1", () => list2ragged());
  layers("ragged2list.v1", () => ragged2list());
  layers("list2padded.v1", () => list2padded());
  layers("padded2list.v1", () => padded2list());
}
