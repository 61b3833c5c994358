/**
 * Runtime type descriptors for the values registered functions return and take.
 * Thinc writes them as `Model[List[Doc], List[Floats2d]]`; tsnlp checks them when a
 * config is resolved, before anything is built.
 */
export type Sig =
  | { kind: "model"; input: string; output: string }
  | { kind: "value"; type: string };

/** `Any` in either position matches every type. */
export const ANY = "Any";

export const sig = {
  model(input: string, output: string): Sig {
    return { kind: "model", input, output };
  },
  value(type: string): Sig {
    return { kind: "value", type };
  },
};

export function formatSig(s: Sig): string {
  return s.kind === "model" ? `Model[${s.input}, ${s.output}]` : s.type;
}

function typesMatch(expected: string, given: string): boolean {
  return expected === ANY || given === ANY || expected.replace(/\s+/g, "") === given.replace(/\s+/g, "");
}

/** Whether a value of signature `given` may be passed where `expected` is declared. */
export function sigAccepts(expected: Sig, given: Sig): boolean {
  if (expected.kind !== given.kind) return expected.kind === "value" && expected.type === ANY;
  if (expected.kind === "model" && given.kind === "model") {
    return typesMatch(expected.input, given.input) && typesMatch(expected.output, given.output);
  }
  return typesMatch((expected as { type: string }).type, (given as { type: string }).type);
}

/**
 * Signatures of values built by registered functions, recorded when the resolver builds
 * them; kept on the global object so that every copy of this module shares it.
 */
const SIGNATURES_KEY = Symbol.for("tsnlp.signatures");
const globals = globalThis as Record<symbol, unknown>;
globals[SIGNATURES_KEY] ??= new WeakMap<object, Sig>();
const builtSignatures = globals[SIGNATURES_KEY] as WeakMap<object, Sig>;

export function tagSignature<T>(value: T, s: Sig): T {
  if (value !== null && (typeof value === "object" || typeof value === "function")) builtSignatures.set(value as object, s);
  return value;
}

export function signatureOf(value: unknown): Sig | undefined {
  if (value !== null && (typeof value === "object" || typeof value === "function")) return builtSignatures.get(value as object);
  return undefined;
}
