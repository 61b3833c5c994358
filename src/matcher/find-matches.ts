/**
 * The matching machine of spaCy's Matcher (spacy/matcher/matcher.pyx find_matches,
 * transition_states, finish_states and get_action, v3.5.4), kept step for step so that
 * matches come out in the same order as spaCy's: one partial match (state) per pattern is
 * started at every token, and each token moves every live state on, drops it, or ends it
 * in a match.
 */
import { type PatternNode, Quantifier } from "./token-pattern.js";

/** A compiled pattern: its nodes (the end of the list is spaCy's FINAL node) and the key its matches carry. */
export interface CompiledPattern {
  key: string;
  nodes: PatternNode[];
}

/** Does the node at `node` of `pattern` accept token `i` (ignoring its quantifier)? */
export type NodeTest = (node: PatternNode, i: number) => boolean;

// Read once: a property read through the module binding on every step shows in profiles.
const { ZERO, ZERO_ONE, ZERO_PLUS, ONE, FINAL } = Quantifier;

/** What a token does to a state, named as in spaCy. */
const REJECT = 0;
const MATCH = 1;
const ADVANCE = 2;
const RETRY = 3;
const RETRY_EXTEND = 4;
const RETRY_ADVANCE = 5;
const MATCH_EXTEND = 6;
/** Match without the current token. */
const MATCH_REJECT = 7;
/** Match both with and without the current token. */
const MATCH_DOUBLE = 8;

interface State {
  pattern: CompiledPattern;
  node: number;
  start: number;
  length: number;
}

/** [key, start, end] triples in spaCy's order, without duplicates or empty matches. */
export type MatchTriple = [string, number, number];

/**
 * Run the patterns over `length` tokens. `startAt(i)` may leave out, keeping the order of the
 * rest, patterns whose first node certainly rejects token i: such a state would be dropped at
 * once without emitting anything, so leaving it out changes nothing but the time taken.
 */
export function findMatches(
  patterns: readonly CompiledPattern[],
  length: number,
  test: NodeTest,
  startAt: (i: number) => readonly CompiledPattern[] = () => patterns,
): MatchTriple[] {
  if (length === 0 || patterns.length === 0) return [];
  let states: State[] = [];
  const matches: Array<[CompiledPattern, number, number]> = [];
  for (let i = 0; i < length; i++) {
    for (const pattern of startAt(i)) states.push({ pattern, node: 0, start: i, length: 0 });
    states = transition(states, matches, i, test);
  }
  finish(states, matches);
  // The same span can be reached along two paths (".? .?" over one token): keep it once.
  const seen = new Set<string>();
  const output: MatchTriple[] = [];
  for (const [pattern, start, matchLength] of matches) {
    if (matchLength === 0) continue;
    const id = `${start}:${matchLength}:${pattern.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    output.push([pattern.key, start, start + matchLength]);
  }
  return output;
}

function transition(states: State[], matches: Array<[CompiledPattern, number, number]>, i: number, test: NodeTest): State[] {
  const kept: State[] = [];
  const added: State[] = [];
  for (const original of states) {
    let action = getAction(original, i, test);
    if (action === REJECT) continue;
    const state: State = { pattern: original.pattern, node: original.node, start: original.start, length: original.length };
    while (action === RETRY || action === RETRY_ADVANCE || action === RETRY_EXTEND) {
      if (action === RETRY_EXTEND) added.push({ pattern: state.pattern, node: state.node, start: original.start, length: original.length + 1 });
      if (action === RETRY_ADVANCE) added.push({ pattern: state.pattern, node: state.node + 1, start: original.start, length: original.length + 1 });
      state.node += 1;
      action = getAction(state, i, test);
    }
    switch (action) {
      case REJECT:
        break;
      case ADVANCE:
        state.node += 1;
        state.length += 1;
        kept.push(state);
        break;
      case MATCH:
        matches.push([state.pattern, original.start, original.length + 1]);
        break;
      case MATCH_DOUBLE:
        if (original.length > 0) matches.push([state.pattern, original.start, original.length]);
        matches.push([state.pattern, original.start, original.length + 1]);
        break;
      case MATCH_REJECT:
        matches.push([state.pattern, original.start, original.length]);
        break;
      case MATCH_EXTEND:
        matches.push([state.pattern, original.start, original.length]);
        state.length += 1;
        kept.push(state);
        break;
    }
  }
  for (const state of added) kept.push(state);
  return kept;
}

/** States left at the end of the doc match when only optional nodes remain before the end. */
function finish(states: State[], matches: Array<[CompiledPattern, number, number]>): void {
  for (const state of states) {
    let node = state.node;
    for (;;) {
      const quantifier = quantifierAt(state.pattern, node);
      if (quantifier !== ZERO_PLUS && quantifier !== ZERO_ONE) break;
      if (node + 1 === state.pattern.nodes.length) {
        matches.push([state.pattern, state.start, state.length]);
        break;
      }
      node += 1;
    }
  }
}

function quantifierAt(pattern: CompiledPattern, node: number): number {
  return node < pattern.nodes.length ? pattern.nodes[node]!.quantifier : FINAL;
}

function getAction(state: State, i: number, test: NodeTest): number {
  const nodes = state.pattern.nodes;
  const node = nodes[state.node]!;
  let isMatch = test(node, i);
  let quantifier: number = node.quantifier;
  const isFinal = state.node + 1 === nodes.length;
  if (quantifier === ZERO) {
    isMatch = !isMatch;
    quantifier = ONE;
  }
  if (quantifier === ONE) return isMatch ? (isFinal ? MATCH : ADVANCE) : REJECT;
  if (quantifier === ZERO_PLUS) {
    if (isMatch) return isFinal ? MATCH_EXTEND : RETRY_EXTEND;
    return isFinal ? MATCH_REJECT : RETRY;
  }
  // ZERO_ONE: a final "?" that matches ends two matches, with and without this token.
  if (isMatch) return isFinal ? MATCH_DOUBLE : RETRY_ADVANCE;
  return isFinal ? MATCH_REJECT : RETRY;
}
