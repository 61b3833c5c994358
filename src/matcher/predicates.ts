/**
 * The value forms of token patterns other than an exact value: {IN: [...]}, {REGEX: "..."},
 * {">=": 3}, {IS_SUBSET: [...]}, {FUZZY: "..."}..., each a test of one attribute's value
 * (spacy/matcher/matcher.pyx _SetPredicate, _RegexPredicate, _ComparisonPredicate and
 * _FuzzyPredicate, v3.5.4).
 */
import { EMPTY_MORPH, normalizeFeats } from "../tokens/morphology.js";
import type { MatchValue } from "./attributes.js";
import type { FuzzyCompare } from "./levenshtein.js";
import { compilePythonRegex } from "./python-regex.js";

export type ValueTest = (value: MatchValue) => boolean;

export const SET_OPERATORS = ["IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"] as const;
export const COMPARISON_OPERATORS = ["==", "!=", ">=", "<=", ">", "<"] as const;
export const FUZZY_OPERATORS = ["FUZZY", "FUZZY1", "FUZZY2", "FUZZY3", "FUZZY4", "FUZZY5", "FUZZY6", "FUZZY7", "FUZZY8", "FUZZY9"] as const;

export type SetOperator = (typeof SET_OPERATORS)[number];
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** How the members of a set operator are compared: as values, as regular expressions, or fuzzily. */
export type SetMode = { kind: "exact" } | { kind: "regex" } | { kind: "fuzzy"; fuzzy: number; compare: FuzzyCompare };

/** spaCy adds MORPH values to the morphology table, which normalises them; other values stay as given. */
function setMember(attr: string, value: string | number): MatchValue {
  if (attr === "MORPH" && typeof value === "string") return normalizeFeats(value) || EMPTY_MORPH;
  return value;
}

/** A token's value as a set: MORPH splits into its Field=Value features, one per value. */
function valueAsSet(attr: string, value: MatchValue): Set<MatchValue> {
  if (attr !== "MORPH") return new Set([value]);
  const features = new Set<MatchValue>();
  const feats = value as string;
  if (feats === "" || feats === EMPTY_MORPH) return features;
  for (const feature of feats.split("|")) {
    const eq = feature.indexOf("=");
    for (const part of feature.slice(eq + 1).split(",")) features.add(`${feature.slice(0, eq)}=${part}`);
  }
  return features;
}

export function setTest(attr: string, operator: SetOperator, members: ReadonlyArray<string | number>, mode: SetMode): ValueTest {
  if (mode.kind === "regex" && (operator === "IN" || operator === "NOT_IN")) {
    const regexes = members.map((member) => compilePythonRegex(String(member)));
    const anyMatch = (value: MatchValue) => regexes.some((regex) => regex.test(String(value)));
    return operator === "IN" ? anyMatch : (value) => !anyMatch(value);
  }
  if (mode.kind === "fuzzy" && (operator === "IN" || operator === "NOT_IN")) {
    const anyClose = (value: MatchValue) => members.some((member) => mode.compare(String(value), String(member), mode.fuzzy));
    return operator === "IN" ? anyClose : (value) => !anyClose(value);
  }
  const set = new Set(members.map((member) => setMember(attr, member)));
  switch (operator) {
    case "IN":
      return (value) => set.has(value);
    case "NOT_IN":
      return (value) => !set.has(value);
    case "IS_SUBSET":
      return (value) => [...valueAsSet(attr, value)].every((member) => set.has(member));
    case "IS_SUPERSET": {
      return (value) => {
        const own = valueAsSet(attr, value);
        return [...set].every((member) => own.has(member));
      };
    }
    case "INTERSECTS":
      return (value) => [...valueAsSet(attr, value)].some((member) => set.has(member));
  }
}

export function regexTest(source: string): ValueTest {
  const regex = compilePythonRegex(source);
  return (value) => regex.test(String(value));
}

export function comparisonTest(operator: ComparisonOperator, target: number): ValueTest {
  switch (operator) {
    case "==":
      return (value) => value === target;
    case "!=":
      return (value) => value !== target;
    case ">=":
      return (value) => (value as number) >= target;
    case "<=":
      return (value) => (value as number) <= target;
    case ">":
      return (value) => (value as number) > target;
    case "<":
      return (value) => (value as number) < target;
  }
}

/** FUZZY, FUZZY1..FUZZY9: an exact value always matches; otherwise the compare function decides. */
export function fuzzyTest(target: string, fuzzy: number, compare: FuzzyCompare): ValueTest {
  return (value) => value === target || compare(String(value), target, fuzzy);
}

/** The edit limit an operator names: FUZZY3 allows 3, plain FUZZY leaves it to the compare function (-1). */
export function fuzzyLimit(operator: string): number {
  const digits = operator.slice("FUZZY".length);
  return digits === "" ? -1 : Number(digits);
}
