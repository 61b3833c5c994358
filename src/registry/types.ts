import { z } from "zod";
import { formatSig, type Sig, sig, sigAccepts, signatureOf } from "../util/signature.js";
import { isPlaceholder } from "./placeholder.js";

/**
 * A schema for an argument that takes the output of another registered function:
 * it accepts a placeholder (config validated without building) or a built value
 * whose declared signature fits.
 */
export function fromFunction(expected: Sig): z.ZodType {
  const described = formatSig(expected);
  return z.custom<unknown>().superRefine((value, ctx) => {
    const given = isPlaceholder(value) ? value.returns : signatureOf(value);
    if (given === undefined) {
      ctx.addIssue({ code: "custom", message: `expected ${described}, given a plain value (${describeValue(value)})`, params: { expected: described } });
      return;
    }
    if (!sigAccepts(expected, given)) {
      const who = isPlaceholder(value) ? `${value.name} returns` : "the value is";
      ctx.addIssue({ code: "custom", message: `expects ${described} but ${who} ${formatSig(given)}`, params: { signature: true, expected: described } });
    }
  });
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a section without a registered function" : JSON.stringify(value);
}

/** Argument types shared by many declarations. */
export const t = {
  /** `Model[input, output]` built by a registered architecture or layer. */
  model: (input: string, output: string) => fromFunction(sig.model(input, output)),
  /** A value of a named kind (`Schedule`, `Optimizer`, `Batcher`, ...) returned by a registered function. */
  fn: (type: string) => fromFunction(sig.value(type)),
  /** A float, or a schedule that yields one per step (thinc's `FloatOrSeq`). */
  floatOrSchedule: () => z.union([z.number(), z.array(z.number()), fromFunction(sig.value("Schedule"))]),
  /** An int, a list of ints, or a schedule of them (thinc's `Sizing`). */
  sizing: () => z.union([z.number().int(), z.array(z.number().int()), fromFunction(sig.value("Schedule"))]),
  /** `null` or a callback returned by a registered function. */
  optionalCallback: (type: string) => z.union([z.null(), fromFunction(sig.value(type))]),
};

export { sig };
