/**
 * The oracle and the training batches built from it (spaCy's get_oracle_sequence_from_state in
 * transition_system.pyx, init_gold_batch, and Parser._init_gold_batch in
 * transition_parser.pyx). The oracle follows, at every state, the first valid move of zero
 * cost; a long doc is cut along that sequence into segments of about `maxLength` moves, each
 * a state of its own, so that a batch's states finish at about the same time.
 */
import type { Example } from "../../tokens/example.js";
import { TsnlpError } from "../../util/errors.js";
import type { TransitionState } from "./state.js";
import type { TransitionSystem } from "./transition-system.js";

/** States to train from, each with the gold of its example. */
export interface GoldBatch<Gold> {
  states: TransitionState[];
  golds: Gold[];
}

/** The zero-cost moves from `state` to the end; `state` advances (pass a clone to keep it). */
export function oracleSequence<Gold>(system: TransitionSystem<Gold>, state: TransitionState, gold: Gold): number[] {
  const n = system.nMoves;
  if (n === 0) throw notInitialized();
  const valid = new Uint8Array(n);
  const costs = new Float32Array(n);
  const history: number[] = [];
  while (!state.isFinal) {
    system.setCosts(state, gold, valid, costs);
    let chosen = -1;
    for (let clas = 0; clas < n; clas++) {
      if (valid[clas] && costs[clas]! <= 0) {
        chosen = clas;
        break;
      }
    }
    if (chosen < 0) {
      throw new TsnlpError("E_NO_ORACLE_MOVE", `No move is both valid and correct at token ${state.B(0)}: the annotation cannot be reached.`, {
        hint: "Check that every gold label was added to the component, and that no entity starts or ends on whitespace (debug data reports both).",
      });
    }
    history.push(chosen);
    system.apply(state, chosen);
  }
  return history;
}

/** The oracle's moves for one example (empty when it has no gold). */
export function exampleOracleSequence<Gold>(system: TransitionSystem<Gold>, example: Example): number[] {
  const { states, golds } = initGoldBatch(system, [example]);
  return states.length === 0 ? [] : oracleSequence(system, states[0]!, golds[0]!);
}

/**
 * One state per example that has gold and something to analyse. States are made for every
 * example, so their offsets match a model call on all the examples' predicted docs.
 */
export function initGoldBatch<Gold>(system: TransitionSystem<Gold>, examples: readonly Example[]): GoldBatch<Gold> {
  const all = system.initBatch(examples.map((eg) => eg.predicted));
  const batch: GoldBatch<Gold> = { states: [], golds: [] };
  all.forEach((state, i) => {
    const example = examples[i]!;
    if (!state.isFinal && system.hasGold(example)) {
      batch.states.push(state);
      batch.golds.push(system.initGold(state, example));
    }
  });
  return batch;
}

/**
 * As initGoldBatch, but a doc of `maxLength` tokens or more is cut along its oracle sequence
 * into segments of `maxLength` moves; a segment is kept when the reference has annotation
 * over its tokens.
 */
export function cutGoldBatch<Gold>(system: TransitionSystem<Gold>, examples: readonly Example[], maxLength: number): GoldBatch<Gold> {
  const all = system.initBatch(examples.map((eg) => eg.predicted));
  const batch: GoldBatch<Gold> = { states: [], golds: [] };
  all.forEach((state, i) => {
    const example = examples[i]!;
    if (state.isFinal || !system.hasGold(example)) return;
    const gold = system.initGold(state, example);
    if (example.predicted.length < maxLength) {
      batch.states.push(state);
      batch.golds.push(gold);
      return;
    }
    const moves = oracleSequence(system, state.clone(), gold);
    for (let at = 0; at < moves.length; at += maxLength) {
      const start = state.clone();
      for (const clas of moves.slice(at, at + maxLength)) {
        system.apply(state, clas);
        if (state.isFinal) break;
      }
      // spaCy passes state.B(0) as the segment's end: -1 once the doc is done, which as a
      // Python slice end leaves out the last token.
      if (system.hasGold(example, start.B(0), state.B(0))) {
        batch.states.push(start);
        batch.golds.push(gold);
      }
      if (state.isFinal) break;
    }
  });
  return batch;
}

export function notInitialized(name = "The transition-based component"): TsnlpError {
  return new TsnlpError("E_NO_MOVES", `${name} has no moves: it has not been initialized, or its training data has no labels.`, {
    hint: "Call initialize() on examples with annotation (or give labels), or add labels with addLabel() first.",
  });
}
