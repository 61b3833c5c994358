import { registerBuiltins } from "./builtins/index.js";
import { Registry } from "./registry.js";

export { REGISTRY_NAMES, Registry, isRegistryName, notAvailable } from "./registry.js";
export type { Decl, FactoryDecl, FunctionDecl, Origin, RegistryName } from "./registry.js";
export { argInfo, declareFactory, declareFunction } from "./declare.js";
export { t } from "./types.js";
export { Placeholder } from "./placeholder.js";

export { loadCode } from "./code.js";

const GLOBAL_KEY = Symbol.for("tsnlp.registry");

/**
 * The process-wide registry, with tsnlp's built-in declarations. User code registers into
 * it; it is shared through a global so that a --code file importing "tsnlp" reaches the
 * same registry as the command that loaded it.
 */
export const registry: Registry = ((globalThis as Record<symbol, unknown>)[GLOBAL_KEY] as Registry | undefined) ?? createRegistry();

function createRegistry(): Registry {
  const created = new Registry();
  registerBuiltins(created);
  (globalThis as Record<symbol, unknown>)[GLOBAL_KEY] = created;
  return created;
}
