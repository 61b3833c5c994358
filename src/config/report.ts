import type { Registry } from "../registry/registry.js";
import { type FillResult, fillConfig } from "./fill.js";
import { interpolate } from "./interpolate.js";
import type { ReadConfigOptions } from "./load.js";
import { readConfig } from "./load.js";
import type { SourceMap } from "./source.js";
import { Interp, type Section, type Value, dotted, getPath, isSection, promiseInfo } from "./tree.js";
import { dumpValue } from "./values.js";

export interface FunctionUse {
  path: string;
  registry: string;
  name: string;
  origin: string;
  implemented: boolean;
  description: string;
}

export interface ConfigReport extends FillResult {
  file: string;
  source: SourceMap;
  /** Interpolated filled config; undefined when interpolation failed. */
  resolved: Section;
  variables: Array<{ reference: string; value: string }>;
  functions: FunctionUse[];
}

/** Everything `debug config` shows: the filled config, its issues, variables and functions. */
export function inspectConfig(path: string, registry: Registry, options: ReadConfigOptions = {}): ConfigReport {
  const { tree, source } = readConfig(path, options);
  const filled = fillConfig(tree, registry, { source });
  const resolved = interpolate(filled.config, source);
  return {
    ...filled,
    file: path,
    source,
    resolved,
    variables: collectVariables(filled.config, resolved),
    functions: collectFunctions(resolved, registry),
  };
}

function collectVariables(raw: Section, resolved: Section): Array<{ reference: string; value: string }> {
  const refs = new Set<string>();
  const visit = (value: Value) => {
    if (value instanceof Interp) for (const match of value.raw.matchAll(/\$\{([^}]+)\}/g)) refs.add(match[1] as string);
    else if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isSection(value)) for (const item of Object.values(value)) visit(item);
  };
  visit(raw);
  return [...refs].sort().map((ref) => {
    const value = getPath(resolved, ref.split(/[.:]/));
    return { reference: `\${${ref}}`, value: value === undefined ? "(missing)" : dumpValue(value) };
  });
}

function collectFunctions(resolved: Section, registry: Registry): FunctionUse[] {
  const uses: FunctionUse[] = [];
  const visit = (value: Value, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, [...path, String(i)]);
      });
    }
    if (!isSection(value)) return;
    const info = promiseInfo(value);
    if (info?.registry && info.registry !== "factories" && typeof info.name === "string") {
      const decl = registry.find(info.registry, info.name);
      uses.push({
        path: dotted(path),
        registry: info.registry,
        name: info.name,
        origin: decl?.origin ?? "unknown",
        implemented: decl?.build !== undefined,
        description: decl?.description ?? "(not registered)",
      });
    }
    for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
  };
  visit(resolved, []);
  return uses;
}
