/**
 * Implementations of spacy.StaticVectors.v1 and .v2, declared in
 * src/registry/builtins/spacy_layers.ts: the declarations fix the argument names and defaults;
 * this maps them onto static-vectors.ts.
 */
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import type { Initializer } from "./initializers.js";
import { staticVectors } from "./layers/static-vectors.js";

type Args = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

function initializer(args: Args): Initializer | null {
  const value = args.init_W;
  if (value === null || value === undefined) return null;
  if (typeof value === "function") return value as Initializer;
  throw new TsnlpError("E_LAYER_ARGS", `'init_W' must be an initializer (a block with @initializers), not ${typeof value}.`);
}

export function registerVectorLayers(registry: Registry): void {
  for (const version of [1, 2] as const) {
    registry.implement("layers", `spacy.StaticVectors.v${version}`, (a) =>
      staticVectors({
        nO: num(a.nO),
        nM: num(a.nM),
        dropout: num(a.dropout),
        initW: initializer(a),
        keyAttr: typeof a.key_attr === "string" || typeof a.key_attr === "number" ? a.key_attr : "ORTH",
        version,
      }),
    );
  }
}
