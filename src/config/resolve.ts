import { notAvailable, type Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { tagSignature } from "../util/signature.js";
import { dotted, type Section, type Value, isSection, promiseInfo } from "./tree.js";

/**
 * Build the values of an interpolated, validated config: every function block is called
 * bottom-up, its arguments being the already-built values of its children, and what it
 * returns is tagged with its declared signature. A block whose function tsnlp declares but
 * does not implement yet is a clear error naming its config path.
 */
export function resolveConfig(config: Section, registry: Registry, path: string[] = []): Record<string, unknown> {
  return resolveValue(config, path, registry) as Record<string, unknown>;
}

function resolveValue(value: Value, path: string[], registry: Registry): unknown {
  if (Array.isArray(value)) return value.map((item, i) => resolveValue(item, [...path, String(i)], registry));
  if (!isSection(value)) return value;
  const info = promiseInfo(value);
  const children: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (info && key === info.key) continue;
    children[key] = resolveValue(item, [...path, key], registry);
  }
  if (!info) return children;
  if (!info.registry || info.registry === "factories" || typeof info.name !== "string") {
    throw new TsnlpError("E_CONFIG_INVALID", `${dotted(path)}: '${info.key}' is not a function registry; validate the config first.`);
  }
  const decl = registry.get(info.registry, info.name);
  if (!decl.build) {
    const error = notAvailable(decl);
    throw new TsnlpError(error.code, `${dotted(path)}: ${error.message}`, { hint: error.hint });
  }
  const { "*": positional, ...args } = children;
  const parsed = decl.args.safeParse(args);
  if (!parsed.success) {
    throw new TsnlpError("E_CONFIG_INVALID", `${dotted(path)}: arguments of ${decl.name} do not validate: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  const positionalArgs = positional === undefined ? [] : Array.isArray(positional) ? positional : Object.values(positional as object);
  return tagSignature(decl.build(parsed.data as Record<string, unknown>, positionalArgs), decl.returns);
}
