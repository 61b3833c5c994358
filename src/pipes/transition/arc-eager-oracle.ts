/**
 * The parser's oracle and its cut training batches (ArcEager.get_oracle_sequence_from_state in
 * spacy/pipeline/_parser_internals/arc_eager.pyx and Parser._init_gold_batch in
 * transition_parser.pyx). The arc-eager oracle differs from the shared one in oracle.ts in two
 * ways spaCy has: it takes the first valid move of the least cost (Reduce can cost less than
 * 0), and where no valid move is free it stops quietly instead of failing.
 */
import type { Example } from "../../tokens/example.js";
import type { ArcEagerGold } from "./arc-eager-gold.js";
import { type GoldBatch, notInitialized } from "./oracle.js";
import type { TransitionState } from "./state.js";
import type { TransitionSystem } from "./transition-system.js";

/**
 * The oracle's moves from `state` to the end, or to the first state where every valid move
 * costs something; `state` advances (pass a clone to keep it).
 */
export function arcEagerOracleSequence(system: TransitionSystem<ArcEagerGold>, state: TransitionState, gold: ArcEagerGold): number[] {
  const n = system.nMoves;
  if (n === 0) throw notInitialized("The parser");
  const valid = new Uint8Array(n);
  const costs = new Float32Array(n);
  const history: number[] = [];
  while (!state.isFinal) {
    system.setCosts(state, gold, valid, costs);
    let minCost = Number.POSITIVE_INFINITY;
    let free = false;
    for (let clas = 0; clas < n; clas++) {
      if (costs[clas]! < minCost) minCost = costs[clas]!;
      if (valid[clas] && costs[clas]! <= 0) free = true;
    }
    if (!free) break;
    let chosen = -1;
    for (let clas = 0; clas < n; clas++) {
      if (valid[clas] && costs[clas]! <= minCost) {
        chosen = clas;
        break;
      }
    }
    if (chosen < 0) break;
    history.push(chosen);
    system.apply(state, chosen);
  }
  return history;
}

/**
 * Training states for the examples that have gold: a doc of `maxLength` tokens or more is cut
 * along its oracle sequence into segments of `maxLength` moves, each kept when the reference
 * has a label in its (predicted-index) range, as spaCy checks it.
 */
export function cutArcEagerBatch(system: TransitionSystem<ArcEagerGold>, examples: readonly Example[], maxLength: number): GoldBatch<ArcEagerGold> {
  const all = system.initBatch(examples.map((eg) => eg.predicted));
  const batch: GoldBatch<ArcEagerGold> = { states: [], golds: [] };
  all.forEach((state, i) => {
    const example = examples[i]!;
    if (state.isFinal || !system.hasGold(example)) return;
    const gold = system.initGold(state, example);
    if (example.predicted.length < maxLength) {
      batch.states.push(state);
      batch.golds.push(gold);
      return;
    }
    const moves = arcEagerOracleSequence(system, state.clone(), gold);
    for (let at = 0; at < moves.length; at += maxLength) {
      const start = state.clone();
      for (const clas of moves.slice(at, at + maxLength)) {
        system.apply(state, clas);
        if (state.isFinal) break;
      }
      if (system.hasGold(example, start.B(0), state.B(0))) {
        batch.states.push(start);
        batch.golds.push(gold);
      }
      if (state.isFinal) break;
    }
  });
  return batch;
}
