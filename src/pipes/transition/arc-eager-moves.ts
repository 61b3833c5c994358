/**
 * The five arc-eager moves (spaCy's Shift, Reduce, LeftArc, RightArc and Break in
 * spacy/pipeline/_parser_internals/arc_eager.pyx, the non-monotonic variant of Honnibal and
 * Johnson 2014 with a sentence break): when each is valid, and what it does to a state.
 *
 * - Shift (S) pushes B0 onto the stack.
 * - Reduce (D) pops S0; a headless S0 with more below it goes back to the buffer instead
 *   (and may not be shifted again until it gets a left dependent).
 * - LeftArc (L-label) makes B0 the head of S0, replacing any head S0 had, and pops S0.
 * - RightArc (R-label) makes S0 the head of B0 and pushes B0.
 * - Break (B-label) starts a sentence at B1.
 */
import type { ArcEagerState } from "./arc-eager-state.js";

/** The moves, numbered as spaCy numbers them (the order of the model's outputs follows). */
export const SHIFT = 0;
export const REDUCE = 1;
export const LEFT = 2;
export const RIGHT = 3;
export const BREAK = 4;
export const N_ACTIONS = 5;

export const MOVE_LETTERS = ["S", "D", "L", "R", "B"] as const;

export function shiftIsValid(st: ArcEagerState): boolean {
  if (st.stackDepth === 0) return true;
  if (st.bufferLength < 2) return false;
  const b0 = st.B(0);
  return !st.isSentStart(b0) && !st.isUnshiftable(b0);
}

export function reduceIsValid(st: ArcEagerState): boolean {
  if (st.stackDepth === 0) return false;
  if (st.bufferLength === 0) return true;
  // Popping the last stack token ends its sentence before B0, which the doc may forbid.
  return !(st.stackDepth === 1 && st.cannotSentStart(st.B(0)));
}

/** LeftArc and RightArc share their validity (labels other than spaCy's "subtok" play no part). */
export function arcIsValid(st: ArcEagerState): boolean {
  return st.stackDepth > 0 && st.bufferLength > 0 && !st.isSentStart(st.B(0));
}

export function breakIsValid(st: ArcEagerState): boolean {
  if (st.bufferLength < 2) return false;
  const b1 = st.B(1);
  return b1 === st.B(0) + 1 && !st.isSentStart(b1) && !st.cannotSentStart(b1);
}

/** Whether each action is valid in `st`, by action number. */
export function validActions(st: ArcEagerState, out: Uint8Array): void {
  out[SHIFT] = shiftIsValid(st) ? 1 : 0;
  out[REDUCE] = reduceIsValid(st) ? 1 : 0;
  const arc = arcIsValid(st) ? 1 : 0;
  out[LEFT] = arc;
  out[RIGHT] = arc;
  out[BREAK] = breakIsValid(st) ? 1 : 0;
}

export function applyMove(st: ArcEagerState, action: number, label: number): void {
  switch (action) {
    case SHIFT:
      st.push();
      break;
    case REDUCE:
      if (st.hasHead(st.S(0)) || st.stackDepth === 1) st.pop();
      else st.unshift();
      break;
    case LEFT: {
      const b0 = st.B(0);
      st.addArc(b0, st.S(0), label);
      // S0 leaves the stack, so B0 may be shifted again without looping.
      st.setReshiftable(b0);
      st.pop();
      break;
    }
    case RIGHT:
      st.addArc(st.S(0), st.B(0), label);
      st.push();
      break;
    case BREAK:
      st.setSentStart(st.B(1));
      break;
  }
}
