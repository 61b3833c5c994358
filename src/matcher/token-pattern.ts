/**
 * Checking and compiling one token pattern (a list of token specs such as
 * `[{"LOWER": "hello"}, {"IS_PUNCT": true, "OP": "?"}]`) into the nodes the matching
 * machine walks. The checks follow spaCy's pattern schema (spacy/schemas.py TokenPattern);
 * the operator expansion follows spacy/matcher/matcher.pyx _get_operators (v3.5.4).
 */
import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { attrKind, canonicalAttr, MATCH_ATTR_NAMES, type MatchValue } from "./attributes.js";
import type { FuzzyCompare } from "./levenshtein.js";
import {
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  comparisonTest,
  FUZZY_OPERATORS,
  fuzzyLimit,
  fuzzyTest,
  regexTest,
  SET_OPERATORS,
  type SetMode,
  type SetOperator,
  setTest,
  type ValueTest,
} from "./predicates.js";

/** One token's description: attribute -> value or {operator: value}, plus an optional "OP". */
export type TokenSpec = Record<string, unknown>;
export type TokenPattern = TokenSpec[];

/** How often a node may match: spaCy's quantifiers. ZERO is "!" (the token must not match). */
export const Quantifier = { ZERO: 0, ZERO_ONE: 1, ZERO_PLUS: 2, ONE: 3, FINAL: 5 } as const;
export type QuantifierCode = (typeof Quantifier)[keyof typeof Quantifier];

export interface PatternNode {
  quantifier: QuantifierCode;
  /** [attribute, value] pairs that must all be equal. */
  exact: Array<[string, MatchValue]>;
  /** Ids of the predicates (in the owning matcher's table) that must all hold. */
  predicates: number[];
  /** Index of the token spec this node came from. */
  tokenIdx: number;
}

/** Where compiled predicates go; equal ones share an id, so each is evaluated once per token. */
export interface PredicateSink {
  add(key: string, attr: string, makeTest: () => ValueTest): number;
}

export interface PatternContext {
  key: string;
  patternIndex: number;
  fuzzyCompare: FuzzyCompare;
  predicates: PredicateSink;
}

const OPERATOR_HINT = 'Use "!", "?", "*", "+", "{n}", "{n,m}", "{n,}" or "{,m}" (n and m whole numbers, n <= m).';
const IOB_VALUES = ["", "I", "O", "B"];

class PatternFault {
  constructor(
    readonly ctx: PatternContext,
    readonly tokenIndex?: number,
  ) {}

  fail(message: string, hint?: string): never {
    const token = this.tokenIndex === undefined ? "" : `, token ${this.tokenIndex}`;
    throw new TsnlpError("E_MATCH_PATTERN", `Invalid token pattern for '${this.ctx.key}' (pattern ${this.ctx.patternIndex}${token}): ${message}`, { hint });
  }

  at(tokenIndex: number): PatternFault {
    return new PatternFault(this.ctx, tokenIndex);
  }
}

/** Check a token pattern and compile it into nodes; any fault is a TsnlpError naming the pattern, token and key. */
export function compileTokenPattern(pattern: unknown, ctx: PatternContext): PatternNode[] {
  const fault: PatternFault = new PatternFault(ctx);
  if (!Array.isArray(pattern))
    fault.fail(
      `expected a list of token specs, got ${describe(pattern)}.`,
      'Write a pattern as a list of dicts, e.g. [{"LOWER": "hello"}, {"IS_PUNCT": true}].',
    );
  if (pattern.length === 0) fault.fail("the pattern is empty.", "Give at least one token spec; {} matches any token.");
  const nodes: PatternNode[] = [];
  pattern.forEach((spec, tokenIdx) => {
    const at: PatternFault = fault.at(tokenIdx);
    if (!isPlainObject(spec)) at.fail(`expected a dict, got ${describe(spec)}.`, 'Each token spec is a dict such as {"ORTH": "Hello"} or {} for any token.');
    let quantifiers: QuantifierCode[] = [Quantifier.ONE];
    const exact: Array<[string, MatchValue]> = [];
    const predicates: number[] = [];
    for (const [rawKey, value] of Object.entries(spec)) {
      const key = rawKey.toUpperCase();
      if (key === "OP") {
        quantifiers = parseOperator(value, at);
        continue;
      }
      if (key === "_") at.fail("custom extension attributes ('_') are not supported.", "Match on built-in token attributes instead.");
      const attr = canonicalAttr(rawKey);
      if (attr === undefined)
        at.fail(`unknown attribute '${rawKey}'.${didYouMean(key, MATCH_ATTR_NAMES)}`, `Valid attributes: ${MATCH_ATTR_NAMES.join(", ")}, and OP.`);
      compileValue(attr, rawKey, value, at, ctx, exact, predicates);
    }
    for (const quantifier of quantifiers) nodes.push({ quantifier, exact: [...exact], predicates: [...predicates], tokenIdx });
  });
  if (nodes.length === 0) fault.fail("every token spec has a zero-width operator such as {0}, so the pattern can match nothing.", OPERATOR_HINT);
  return nodes;
}

/** Check a token pattern without adding it anywhere: a TsnlpError names what is wrong. */
export function checkTokenPattern(pattern: unknown, key: string, patternIndex = 0): void {
  const predicates: PredicateSink = {
    add: (_id, _attr, makeTest) => {
      makeTest();
      return 0;
    },
  };
  compileTokenPattern(pattern, { key, patternIndex, fuzzyCompare: () => false, predicates });
}

/** spaCy's operators as quantifier sequences: "+" is ONE then ZERO_PLUS, "{2,4}" is ONE ONE ZERO_ONE ZERO_ONE. */
function parseOperator(op: unknown, fault: PatternFault): QuantifierCode[] {
  if (typeof op !== "string") fault.fail(`OP must be a string, got ${describe(op)}.`, OPERATOR_HINT);
  switch (op) {
    case "!":
      return [Quantifier.ZERO];
    case "?":
      return [Quantifier.ZERO_ONE];
    case "*":
      return [Quantifier.ZERO_PLUS];
    case "+":
      return [Quantifier.ONE, Quantifier.ZERO_PLUS];
  }
  const range = /^\{(\d*)(,?)(\d*)\}$/.exec(op);
  if (!range || (range[2] === "" && range[3] !== "") || (range[1] === "" && range[3] === "")) fault.fail(`bad operator '${op}'.`, OPERATOR_HINT);
  const min = Number(range[1] || 0);
  if (range[2] === "") return new Array<QuantifierCode>(min).fill(Quantifier.ONE);
  if (range[3] === "") return [...new Array<QuantifierCode>(min).fill(Quantifier.ONE), Quantifier.ZERO_PLUS];
  const max = Number(range[3]);
  if (min > max) fault.fail(`bad operator '${op}': the minimum is larger than the maximum.`, OPERATOR_HINT);
  return [...new Array<QuantifierCode>(min).fill(Quantifier.ONE), ...new Array<QuantifierCode>(max - min).fill(Quantifier.ZERO_ONE)];
}

function compileValue(
  attr: string,
  rawKey: string,
  value: unknown,
  fault: PatternFault,
  ctx: PatternContext,
  exact: Array<[string, MatchValue]>,
  predicates: number[],
): void {
  const kind = attrKind(attr);
  if (value === null || value === undefined) fault.fail(`'${rawKey}' is null; null is not allowed.`, "Leave the attribute out to match any value.");
  if (kind === "bool") {
    if (typeof value !== "boolean") fault.fail(`'${rawKey}' takes true or false, got ${describe(value)}.`);
    exact.push([attr, value]);
    return;
  }
  if (kind === "iob") {
    const code =
      typeof value === "string"
        ? IOB_VALUES.indexOf(value)
        : Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3
          ? (value as number)
          : -1;
    if (code < 0) fault.fail(`'${rawKey}' takes "B", "I", "O", "" or 0-3, got ${describe(value)}.`);
    exact.push([attr, code]);
    return;
  }
  if (isPlainObject(value)) {
    for (const [rawOp, operand] of Object.entries(value)) {
      predicates.push(...compileOperator(attr, rawKey, rawOp, operand, fault, ctx, { kind: "exact" }));
    }
    return;
  }
  if (kind === "string" && typeof value !== "string") {
    fault.fail(
      `'${rawKey}' takes a string or a dict of operators, got ${describe(value)}.`,
      `Write e.g. {"${rawKey}": "word"} or {"${rawKey}": {"IN": ["a", "b"]}}.`,
    );
  }
  if (kind === "number" && typeof value !== "number") {
    fault.fail(`'${rawKey}' takes a number or a dict of operators, got ${describe(value)}.`, `Write e.g. {"${rawKey}": 3} or {"${rawKey}": {">=": 3}}.`);
  }
  exact.push([attr, value as MatchValue]);
}

function operatorsFor(kind: string, mode: SetMode["kind"]): string[] {
  if (mode !== "exact") return ["IN", "NOT_IN"];
  if (kind === "number") return ["REGEX", ...SET_OPERATORS, ...COMPARISON_OPERATORS];
  return ["REGEX", ...SET_OPERATORS, ...FUZZY_OPERATORS];
}

function compileOperator(attr: string, rawKey: string, rawOp: string, operand: unknown, fault: PatternFault, ctx: PatternContext, mode: SetMode): number[] {
  const kind = attrKind(attr);
  const op = rawOp.toUpperCase();
  const valid = operatorsFor(kind, mode.kind);
  const where = mode.kind === "exact" ? `'${rawKey}'` : `'${rawKey}' -> ${mode.kind === "regex" ? "REGEX" : "FUZZY"}`;
  if (!valid.includes(op)) {
    const only = COMPARISON_OPERATORS.includes(op as ComparisonOperator) ? " Comparisons apply to LENGTH only." : "";
    fault.fail(`unknown operator '${rawOp}' in ${where}.${only}${didYouMean(op, valid)}`, `Valid operators here: ${valid.join(", ")}.`);
  }
  if (operand === null || operand === undefined) fault.fail(`the operator '${rawOp}' in ${where} is null; null is not allowed.`);
  const add = (makeTest: () => ValueTest): number[] => {
    const key = JSON.stringify([attr, op, operand, mode.kind, mode.kind === "fuzzy" ? mode.fuzzy : null]);
    return [
      ctx.predicates.add(key, attr, () => {
        try {
          return makeTest();
        } catch (error) {
          if (error instanceof SyntaxError)
            fault.fail(`the regular expression in ${where} is invalid: ${error.message}`, "Fix the expression; patterns use Python's re syntax.");
          throw error;
        }
      }),
    ];
  };
  if (op === "REGEX") {
    if (typeof operand === "string") return add(() => regexTest(operand));
    if (kind === "string" && isPlainObject(operand)) {
      return Object.entries(operand).flatMap(([innerOp, inner]) => compileOperator(attr, rawKey, innerOp, inner, fault, ctx, { kind: "regex" }));
    }
    fault.fail(`REGEX in ${where} takes a string${kind === "string" ? " or a dict with IN / NOT_IN" : ""}, got ${describe(operand)}.`);
  }
  if (op.startsWith("FUZZY")) {
    const fuzzy = fuzzyLimit(op);
    if (typeof operand === "string") return add(() => fuzzyTest(operand, fuzzy, ctx.fuzzyCompare));
    if (isPlainObject(operand)) {
      const fuzzyMode: SetMode = { kind: "fuzzy", fuzzy, compare: ctx.fuzzyCompare };
      return Object.entries(operand).flatMap(([innerOp, inner]) => compileOperator(attr, rawKey, innerOp, inner, fault, ctx, fuzzyMode));
    }
    fault.fail(`${op} in ${where} takes a string or a dict with IN / NOT_IN, got ${describe(operand)}.`);
  }
  if (SET_OPERATORS.includes(op as SetOperator)) {
    const memberType = kind === "number" ? "integer" : "string";
    const good = Array.isArray(operand) && operand.every((member) => (memberType === "integer" ? Number.isInteger(member) : typeof member === "string"));
    if (!good) fault.fail(`${op} in ${where} takes a list of ${memberType}s, got ${describe(operand)}.`);
    return add(() => setTest(attr, op as SetOperator, operand as Array<string | number>, mode));
  }
  if (typeof operand !== "number") fault.fail(`'${op}' in ${where} takes a number, got ${describe(operand)}.`);
  return add(() => comparisonTest(op as ComparisonOperator, operand));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list (${truncate(JSON.stringify(value))})`;
  if (typeof value === "object") return `a dict (${truncate(JSON.stringify(value))})`;
  return `${typeof value} ${truncate(JSON.stringify(value))}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
