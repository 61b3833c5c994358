import type { Sig } from "../util/signature.js";

/**
 * Stands in for the value a function block would return, when a config is validated
 * or filled without building anything (as `debug config` and `init fill-config` do).
 */
export class Placeholder {
  constructor(
    readonly registry: string,
    readonly name: string,
    readonly returns: Sig,
  ) {}
}
