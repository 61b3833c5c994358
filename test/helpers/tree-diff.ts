import { Interp, isSection, type Value } from "../../src/config/tree.js";

/** Paths where two config trees differ, for readable assertion messages. */
export function treeDiff(actual: Value | undefined, expected: Value | undefined, path: string[] = []): string[] {
  const here = path.join(".") || "(root)";
  if (isSection(actual as Value) && isSection(expected as Value)) {
    const a = actual as Record<string, Value>;
    const e = expected as Record<string, Value>;
    const out: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(e)])) {
      if (!(key in a)) out.push(`${[...path, key].join(".")}: missing (expected ${show(e[key])})`);
      else if (!(key in e)) out.push(`${[...path, key].join(".")}: unexpected ${show(a[key])}`);
      else out.push(...treeDiff(a[key], e[key], [...path, key]));
    }
    return out;
  }
  return show(actual) === show(expected) ? [] : [`${here}: ${show(actual)} != expected ${show(expected)}`];
}

function show(value: Value | undefined): string {
  return JSON.stringify(value, (_key, item) => (item instanceof Interp ? `<ref ${item.raw}>` : item)) ?? "undefined";
}
