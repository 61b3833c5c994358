/**
 * The entity recognizer's dynamic oracle (the cost functions of Begin, In, Last, Unit and Out in
 * spacy/pipeline/_parser_internals/ner.pyx): how many gold entities a move makes unreachable,
 * given the state and the gold. A MISSING gold tag costs nothing, so partly annotated docs teach
 * only what they know. Spans known to be wrong (negatives) add a cost to the moves that would
 * complete them.
 */
import { BEGIN, type BiluoGold, IN, LAST, MISSING, OUT, UNIT } from "./biluo-gold.js";
import type { TransitionState } from "./state.js";

/**
 * Whether the open entity can no longer be right: the gold move at its first token is not B or U,
 * or has another label.
 */
export function entityIsSunk(state: TransitionState, gold: BiluoGold): boolean {
  if (!state.entityIsOpen) return false;
  const start = state.E(0);
  const action = gold.actions[start]!;
  if (action !== BEGIN && action !== UNIT) return true;
  return gold.labels[start] !== state.entLabel;
}

export function beginCost(state: TransitionState, gold: BiluoGold, label: number): number {
  const b0 = state.B(0);
  const action = gold.actions[b0]!;
  let cost = 0;
  if (action === BEGIN) cost += label !== gold.labels[b0] ? 1 : 0;
  else if (action !== MISSING) cost += 1;
  // With two tokens left, an entity opened here can only close on the next one: a known-wrong
  // span starting here with this label is then sure to be made.
  if (state.bufferLength < 3) {
    for (let k = 0; k < gold.negStarts.length; k++) {
      if (gold.negLabels[k] === label && gold.negStarts[k] === b0) {
        cost += 1;
        break;
      }
    }
  }
  return cost;
}

export function inCost(state: TransitionState, gold: BiluoGold, _label: number): number {
  const b0 = state.B(0);
  const b1 = state.B(1);
  const next = b1 >= 0 ? gold.actions[b1]! : OUT;
  const nextIsOutside = next === OUT || next === MISSING;
  switch (gold.actions[b0]!) {
    case MISSING:
    case BEGIN:
    case IN:
      return 0;
    case LAST:
      return entityIsSunk(state, gold) && nextIsOutside ? 0 : 1;
    case OUT:
      return nextIsOutside ? 0 : 1;
    case UNIT:
      return next !== OUT ? 1 : 0;
    default:
      return 1;
  }
}

export function lastCost(state: TransitionState, gold: BiluoGold, label: number): number {
  const b0 = state.B(0);
  const action = gold.actions[b0]!;
  // Closing here is wrong only inside a gold entity that can still be right.
  let cost = action === IN && !entityIsSunk(state, gold) ? 1 : 0;
  const entStart = state.E(0);
  for (let k = 0; k < gold.negStarts.length; k++) {
    if (gold.negLabels[k] === label && gold.negEnds[k]! - 1 === b0 && gold.negStarts[k] === entStart) {
      cost += 1;
      break;
    }
  }
  return cost;
}

export function unitCost(state: TransitionState, gold: BiluoGold, label: number): number {
  const b0 = state.B(0);
  const action = gold.actions[b0]!;
  let cost = 0;
  if (action === UNIT) cost += label !== gold.labels[b0] ? 1 : 0;
  else if (action !== MISSING) cost += 1;
  for (let k = 0; k < gold.negStarts.length; k++) {
    if (gold.negLabels[k] === label && gold.negStarts[k] === b0 && gold.negEnds[k] === b0 + 1) {
      cost += 1;
      break;
    }
  }
  return cost;
}

export function outCost(state: TransitionState, gold: BiluoGold, _label: number): number {
  const action = gold.actions[state.B(0)]!;
  return action === BEGIN || action === UNIT ? 1 : 0;
}
