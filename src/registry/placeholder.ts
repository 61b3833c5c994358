import type { Sig } from "../util/signature.js";

/**
 * A brand instead of `instanceof`: a --code file may load its own copy of tsnlp's modules
 * (a TypeScript loader keeps a separate module cache), and its schemas must still know
 * placeholders made here.
 */
const BRAND = Symbol.for("tsnlp.placeholder");

/**
 * Stands in for the value a function block would return, when a config is validated
 * or filled without building anything (as `debug config` and `init fill-config` do).
 */
export class Placeholder {
  readonly [BRAND] = true;

  constructor(
    readonly registry: string,
    readonly name: string,
    readonly returns: Sig,
  ) {}
}

export function isPlaceholder(value: unknown): value is Placeholder {
  return value !== null && typeof value === "object" && (value as Record<symbol, unknown>)[BRAND] === true;
}
