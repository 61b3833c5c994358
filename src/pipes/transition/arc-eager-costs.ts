/**
 * The arc-eager dynamic oracle (the cost functions of Shift, Reduce, LeftArc, RightArc and Break
 * in spacy/pipeline/_parser_internals/arc_eager.pyx): how many gold arcs (and gold sentence
 * starts) a move makes unreachable from `state`. The gold must have been updated for the
 * state (ArcEagerGold.update). Costs can be negative where spaCy's Reduce counts arcs it saves.
 */
import type { ArcEagerGold } from "./arc-eager-gold.js";
import type { ArcEagerState } from "./arc-eager-state.js";

export function shiftCost(_state: ArcEagerState, gold: ArcEagerGold): number {
  return gold.pushCost;
}

export function reduceCost(state: ArcEagerState, gold: ArcEagerGold): number {
  if (state.isSentStart(state.B(0))) return 0;
  const s0 = state.S(0);
  let cost = gold.popCost;
  if (!state.hasHead(s0)) {
    // A headless S0 goes back to the buffer, which keeps its arcs to the stack reachable.
    cost -= gold.headInStack[s0]! + gold.kidsInStack[s0]!;
  }
  return cost;
}

/** The cost of LeftArc without its label's part (see arcLabelCost). */
export function leftArcCost(state: ArcEagerState, gold: ArcEagerGold): number {
  let cost = gold.popCost;
  const s0 = state.S(0);
  const s1 = state.S(1);
  const b0 = state.B(0);
  if (state.hasHead(s0)) {
    // Replacing S0's head loses it when it was right.
    if (gold.heads[s0] === s1) cost += 1;
  } else {
    // S0 leaves the stack for good: its gold arcs with the rest of the stack are lost.
    cost += gold.headInStack[s0]! + gold.kidsInStack[s0]!;
  }
  if (b0 !== -1 && s0 !== -1 && gold.heads[s0] === b0) cost -= 1;
  return cost;
}

/** The cost of RightArc without its label's part (see arcLabelCost). */
export function rightArcCost(state: ArcEagerState, gold: ArcEagerGold): number {
  let cost = gold.pushCost;
  const s0 = state.S(0);
  const b0 = state.B(0);
  if (s0 !== -1 && b0 !== -1 && gold.heads[b0] === s0) cost -= 1;
  else if (gold.headInBuffer[b0] && !state.isUnshiftable(b0)) cost += 1;
  return cost;
}

/**
 * What a labelled arc adds to its move's cost: 1 when the arc is the gold one (head S0 for
 * RightArc into B0, head B0 for LeftArc into S0) and the label is wrong.
 */
export function arcLabelCost(state: ArcEagerState, gold: ArcEagerGold, left: boolean, label: number): number {
  const s0 = state.S(0);
  const b0 = state.B(0);
  if (s0 === -1 || b0 === -1) return 0;
  const [head, child] = left ? [b0, s0] : [s0, b0];
  if (gold.heads[child] !== head) return 0;
  return gold.labelIsGold(child, label) ? 0 : 1;
}

export function breakCost(state: ArcEagerState, gold: ArcEagerGold): number {
  const b0 = state.B(0);
  let cost = 0;
  for (let i = 0; i < state.stackDepth; i++) {
    const s = state.S(i);
    cost += gold.headInBuffer[s]! + gold.kidsInBuffer[s]!;
    // Arcs with B0 stay reachable: only B1 onwards is cut off.
    if (gold.heads[b0] === s) cost -= 1;
    if (gold.heads[s] === b0) cost -= 1;
  }
  const b1 = state.B(1);
  if (!gold.isSentStart(b1) && !gold.isSentStartUnknown(b1)) cost += 1;
  return cost;
}
