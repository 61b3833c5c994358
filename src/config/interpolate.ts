import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import type { SourceMap } from "./source.js";
import { Interp, type Section, type Value, cloneValue, isSection } from "./tree.js";
import { dumpValue, parseJsonOrString } from "./values.js";

const WHOLE_REF = /^\$\{([^}]+)\}$/;
const TOKEN = /\$\$|\$\{([^}]*)\}/g;

interface Where {
  section: string[];
  key: string;
}

/**
 * Resolve every `${...}` in a config. A reference that is the whole value keeps the
 * referenced value's type (`width = ${a.width}` stays an int, `${paths}` copies a section);
 * inside a longer string it is string substitution; `$$` is a literal `$`. `${a:b}`, the
 * older configparser form, means `${a.b}`.
 */
export function interpolate(tree: Section, source?: SourceMap): Section {
  const done = new Map<string, Value>();
  const active = new Set<string>();

  const fail = (where: Where, message: string, hint?: string): never => {
    throw new TsnlpError("E_CONFIG_INTERPOLATION", message, { file: source?.file, line: source?.lineOf([...where.section, where.key]), hint });
  };

  const lookup = (ref: string, where: Where): Value => {
    const path = ref.trim().split(/[.:]/);
    const id = path.join(".");
    let node: Value | undefined = tree;
    for (let depth = 0; depth < path.length; depth++) {
      const part = path[depth] as string;
      if (!isSection(node) || !Object.hasOwn(node, part)) {
        const parent = path.slice(0, depth).join(".");
        const known = isSection(node) ? Object.keys(node) : [];
        const inSection = parent === "" ? "the config has no section" : `section '${parent}' has no key`;
        fail(
          where,
          `Bad value substitution: option '${where.key}' in section '${where.section.join(".")}' refers to '\${${ref}}', but ${inSection} '${part}'.${didYouMean(part, known)}`,
          known.length > 0 && parent !== "" ? `Keys of '${parent}': ${known.join(", ")}.` : undefined,
        );
      }
      node = (node as Section)[part];
    }
    if (active.has(id)) fail(where, `Circular reference: '\${${ref}}' refers back to itself through option '${where.key}' in section '${where.section.join(".")}'.`);
    const cached = done.get(id);
    if (cached !== undefined) return cloneValue(cached);
    active.add(id);
    const resolved = resolveValue(node as Value, { section: path.slice(0, -1), key: path[path.length - 1] as string }, path);
    active.delete(id);
    done.set(id, resolved);
    return cloneValue(resolved);
  };

  const resolveInterp = (raw: string, where: Where): Value => {
    const whole = WHOLE_REF.exec(raw);
    if (whole) return lookup(whole[1] as string, where);
    const asText = (value: Value): string => {
      if (isSection(value)) fail(where, `Option '${where.key}' in section '${where.section.join(".")}' inserts a whole section into a string: ${raw}`, "Reference a single key, e.g. ${section.key}.");
      return typeof value === "string" ? value : dumpValue(value);
    };
    const substitute = (forRef: (value: Value) => string) =>
      raw.replace(TOKEN, (token, ref: string | undefined) => (token === "$$" ? "$" : forRef(lookup(ref as string, where))));
    if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
      const text = substitute((value) => JSON.stringify(asText(value)).slice(1, -1));
      return parseJsonOrString(text);
    }
    if (raw.startsWith("[") || raw.startsWith("{")) {
      try {
        return JSON.parse(substitute((value) => dumpValue(value))) as Value;
      } catch {
        // Not JSON once substituted: fall back to plain text, as a string value.
      }
    }
    return parseJsonOrString(substitute(asText));
  };

  const resolveValue = (value: Value, where: Where, path: string[]): Value => {
    if (value instanceof Interp) return resolveInterp(value.raw, where);
    if (Array.isArray(value)) return value.map((item) => resolveValue(item, where, path));
    if (isSection(value)) {
      const out: Section = {};
      for (const [key, item] of Object.entries(value)) out[key] = resolveValue(item, { section: path, key }, [...path, key]);
      return out;
    }
    return value;
  };

  return resolveValue(tree, { section: [], key: "" }, []) as Section;
}

/** Whether any value in the tree still holds an unresolved reference. */
export function hasReferences(value: Value): boolean {
  if (value instanceof Interp) return true;
  if (Array.isArray(value)) return value.some(hasReferences);
  if (isSection(value)) return Object.values(value).some(hasReferences);
  return false;
}
