import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";

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
}
