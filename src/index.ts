/**
 * tsnlp's public API: everything a command does, a script can do through these.
 */
export { fillAndValidate, fillConfig } from "./config/fill.js";
export type { FillOptions, FillResult } from "./config/fill.js";
export { describeDiff, fillConfigFile } from "./config/fill-file.js";
export { initConfig } from "./config/init-config.js";
export type { InitConfigOptions } from "./config/init-config.js";
export { interpolate } from "./config/interpolate.js";
export { ConfigValidationError, formatIssues } from "./config/issues.js";
export type { ConfigIssue } from "./config/issues.js";
export { configToString, formatOf, loadConfig, parseConfig, readConfig } from "./config/load.js";
export type { ConfigFormat } from "./config/load.js";
export { applyOverrides, overridesFromEnv, parseOverrides } from "./config/overrides.js";
export { inspectConfig } from "./config/report.js";
export { Interp, isSection } from "./config/tree.js";
export type { Section, Value } from "./config/tree.js";
export { validateConfig } from "./config/validate.js";
export { REGISTRY_NAMES, Registry, argInfo, declareFactory, declareFunction, loadCode, notAvailable, registry, t } from "./registry/index.js";
export type { Decl, FactoryDecl, FunctionDecl, RegistryName } from "./registry/index.js";
export { TsnlpError } from "./util/errors.js";
export { formatSig, sig } from "./util/signature.js";
export type { Sig } from "./util/signature.js";
