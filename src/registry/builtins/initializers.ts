// Facts from thinc v8.1.7 thinc/initializers.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const initializer = sig.value(KIND.Initializer);

const NO_ARGS: Array<[string, string]> = [
  ["glorot_uniform_init.v1", "uniform in +-sqrt(6 / (fan_in + fan_out)) (Glorot/Xavier)"],
  ["glorot_normal_init.v1", "normal with scale sqrt(2 / (fan_in + fan_out))"],
  ["he_uniform_init.v1", "uniform in +-sqrt(6 / fan_in) (He)"],
  ["he_normal_init.v1", "normal with scale sqrt(2 / fan_in) (He)"],
  ["lecun_uniform_init.v1", "uniform in +-sqrt(3 / fan_in) (LeCun)"],
  ["lecun_normal_init.v1", "normal with scale sqrt(1 / fan_in) (LeCun)"],
  ["zero_init.v1", "all zeros"],
];

export function registerInitializers(registry: Registry): void {
  for (const [name, what] of NO_ARGS) {
    registry.register(declareFunction("initializers", name, { origin: "thinc", description: `Weight initializer: ${what}`, args: {}, returns: initializer }));
  }
  registry.register(
    declareFunction("initializers", "uniform_init.v1", {
      origin: "thinc",
      description: "Weight initializer: uniform in [lo, hi]",
      args: {
        lo: z.number().default(-0.1).describe("lower bound"),
        hi: z.number().default(0.1).describe("upper bound"),
      },
      returns: initializer,
    }),
  );
  registry.register(
    declareFunction("initializers", "normal_init.v1", {
      origin: "thinc",
      description: "Weight initializer: normal around 0; thinc 8.1 passes `mean` as the standard deviation",
      args: {
        mean: z.number().default(0).describe("used by thinc 8.1 as the standard deviation (not the mean); the default 0 gives all zeros"),
      },
      returns: initializer,
    }),
  );
}
