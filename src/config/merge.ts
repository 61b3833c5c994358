import { type Section, type Value, cloneValue, isSection, promiseInfo } from "./tree.js";

/**
 * Merge `defaults` under `config`: the config's values win, its keys keep their order and
 * missing ones are appended. A function block from the defaults merges into the config's
 * block only when both name the same function; otherwise the config's block stands alone.
 */
export function mergeDefaults(defaults: Section, config: Section): Section {
  const out: Section = {};
  for (const [key, value] of Object.entries(config)) {
    const fallback = defaults[key];
    out[key] = isSection(value) && isSection(fallback) && sameFunction(fallback, value) ? mergeDefaults(fallback, value) : cloneValue(value);
  }
  for (const [key, value] of Object.entries(defaults)) {
    if (!Object.hasOwn(out, key)) out[key] = cloneValue(value);
  }
  return out;
}

function sameFunction(a: Section, b: Section): boolean {
  const pa = promiseInfo(a);
  const pb = promiseInfo(b);
  if (!pa && !pb) return true;
  return pa !== undefined && pb !== undefined && pa.key === pb.key && pa.name === pb.name;
}

export function isEmptySection(value: Value | undefined): boolean {
  return isSection(value) && Object.keys(value).length === 0;
}
