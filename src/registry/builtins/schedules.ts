// Facts from thinc v8.1.7 thinc/schedules.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";

const schedule = sig.value("Schedule");

/** thinc 8.1's schedules (thinc/schedules.py): generators of one value per step. */
export function registerSchedules(registry: Registry): void {
  registry.register(
    declareFunction("schedules", "compounding.v1", {
      origin: "thinc",
      description: "Yields start, then start * compound ** step, clipped at stop (batch sizes that grow)",
      args: {
        start: z.number().describe("first value; 1-100 for batch sizes"),
        stop: z.number().describe("the value it never passes"),
        compound: z.number().describe("growth factor per step; 1.001 grows slowly"),
        t: z.number().default(0.0).describe("step to start from"),
      },
      returns: schedule,
    }),
  );
  registry.register(
    declareFunction("schedules", "constant.v1", {
      origin: "thinc",
      description: "Yields the same value at every step",
      args: { rate: z.number().describe("the value; e.g. a learning rate of 0.001") },
      returns: schedule,
    }),
  );
  registry.register(
    declareFunction("schedules", "constant_then.v1", {
      origin: "thinc",
      description: "Yields a constant value for a number of steps, then follows another schedule",
      args: {
        rate: z.number().describe("the value for the first steps"),
        steps: z.number().int().describe("how many steps keep the constant value"),
        schedule: t.fn("Schedule").describe("the schedule that follows"),
      },
      returns: schedule,
    }),
  );
  registry.register(
    declareFunction("schedules", "decaying.v1", {
      origin: "thinc",
      description: "Yields base_rate / (1 + decay * step): a value that decays over the steps",
      args: {
        base_rate: z.number().describe("value at step 0"),
        decay: z.number().describe("decay per step; 1e-4 decays slowly"),
        t: z.number().int().default(0).describe("step to start from"),
      },
      returns: schedule,
    }),
  );
  registry.register(
    declareFunction("schedules", "slanted_triangular.v1", {
      origin: "thinc",
      description: "Howard and Ruder's slanted triangular learning rate: a short linear rise, then a long linear fall",
      args: {
        max_rate: z.number().describe("the peak value"),
        num_steps: z.number().int().describe("length of the whole cycle in steps"),
        cut_frac: z.number().default(0.1).describe("fraction of the steps spent rising; 0.1 is usual"),
        ratio: z.number().int().default(32).describe("how much smaller the lowest value is than the peak"),
        decay: z.number().default(1.0).describe("decay factor (unused by thinc 8.1)"),
        t: z.number().default(0.0).describe("step to start from"),
      },
      returns: schedule,
    }),
  );
  registry.register(
    declareFunction("schedules", "warmup_linear.v1", {
      origin: "thinc",
      description: "Rises linearly from 0 to initial_rate over warmup_steps, then falls linearly to 0 at total_steps",
      args: {
        initial_rate: z.number().describe("the peak value, reached after the warmup; e.g. 5e-5 for transformers"),
        warmup_steps: z.number().int().describe("steps of linear rise; e.g. 250"),
        total_steps: z.number().int().describe("step at which the value reaches 0; e.g. 20000"),
      },
      returns: schedule,
    }),
  );
  registry.register(
    declareFunction("schedules", "cyclic_triangular.v1", {
      origin: "thinc",
      description: "Cycles linearly between min_lr and max_lr",
      args: {
        min_lr: z.number().describe("lowest value of the cycle"),
        max_lr: z.number().describe("highest value of the cycle"),
        period: z.number().int().describe("steps from the lowest to the highest value (half a cycle)"),
      },
      returns: schedule,
    }),
  );
}
