import { isRegistryName, type RegistryName } from "../registry/registry.js";

/**
 * A value as written in a config, before interpolation: raw text holding `${section.key}`
 * references or `$$` escapes. Interpolation replaces it with a plain value.
 */
export class Interp {
  constructor(readonly raw: string) {}
}

export type Leaf = null | boolean | number | string | Interp;
export type Value = Leaf | Value[] | Section;
export interface Section {
  [key: string]: Value;
}

export function isSection(value: unknown): value is Section {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Interp);
}

/** The `@registry` key of a function block, or undefined when the section is plain settings. */
export function promiseKey(section: Section): string | undefined {
  return Object.keys(section).find((key) => key.startsWith("@"));
}

export interface PromiseInfo {
  key: string;
  registry: RegistryName | undefined;
  registryName: string;
  name: unknown;
}

export function promiseInfo(section: Section): PromiseInfo | undefined {
  const key = promiseKey(section);
  if (key === undefined) return undefined;
  const registryName = key.slice(1);
  return { key, registry: isRegistryName(registryName) ? registryName : undefined, registryName, name: section[key] };
}

export function cloneValue<T extends Value>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => cloneValue(item)) as T;
  if (isSection(value)) {
    const copy: Section = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneValue(item);
    return copy as T;
  }
  return value;
}

export function getPath(root: Section, path: readonly string[]): Value | undefined {
  let node: Value | undefined = root;
  for (const part of path) {
    if (!isSection(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** A config path as spaCy prints it: `components.tagger.model`. */
export function dotted(path: readonly string[]): string {
  return path.join(".");
}

/** Structural equality; numbers compare by value, so `0.0` equals `0`. */
export function valuesEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a instanceof Interp || b instanceof Interp) return a instanceof Interp && b instanceof Interp && a.raw === b.raw;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => valuesEqual(item, b[i]));
  }
  if (isSection(a) || isSection(b)) {
    if (!isSection(a) || !isSection(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && valuesEqual(a[key], b[key]));
  }
  return a === b;
}
