import { registerBuiltins } from "./builtins/index.js";
import { Registry } from "./registry.js";

export { REGISTRY_NAMES, Registry, isRegistryName, notAvailable } from "./registry.js";
export type { Decl, FactoryDecl, FunctionDecl, Origin, RegistryName } from "./registry.js";
export { argInfo, declareFactory, declareFunction } from "./declare.js";
export { t } from "./types.js";
export { Placeholder } from "./placeholder.js";

/** The process-wide registry, with tsnlp's built-in declarations. User code registers into it. */
export const registry = new Registry();
registerBuiltins(registry);
