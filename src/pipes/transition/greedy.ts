/**
 * The model-driven greedy loop shared by the entity recognizer and the parser (spaCy's
 * Parser.greedy_parse, update and get_batch_loss, spacy/pipeline/transition_parser.pyx).
 *
 * Each step scores the unfinished states at once (ParserStepModel.scoreStates), reads the
 * scores back once, and does the rest on the host: valid moves, costs, the loss gradient, and
 * the move each state takes. Training uploads one gradient per step and follows the model's
 * own best valid move, so that it learns from the states it will really meet.
 */
import { inStepScope, withScope } from "../../ml/model.js";
import type { ParserModel, ParserStepModel } from "../../ml/models/parser.js";
import { tf } from "../../ml/tf.js";
import type { Floats2d } from "../../ml/types.js";
import type { Doc } from "../../tokens/doc.js";
import { TsnlpError } from "../../util/errors.js";
import { argMaxIfValid, logLossGradient } from "./log-loss.js";
import { type GoldBatch, notInitialized } from "./oracle.js";
import type { TransitionState } from "./state.js";
import type { TransitionSystem } from "./transition-system.js";

/** The context token ids of each state, nF per state, as one array (the model's input). */
export function contextIds<Gold>(system: TransitionSystem<Gold>, states: readonly TransitionState[], nF: number): Int32Array {
  const ids = new Int32Array(states.length * nF);
  states.forEach((state, i) => {
    system.setContextTokens(state, nF, ids, i * nF);
  });
  return ids;
}

/**
 * Apply to each state its best-scoring valid move (row i of `scores` for state i); a state with
 * no valid move is ended (spaCy's c_transition_batch).
 */
export function transitionStates<Gold>(system: TransitionSystem<Gold>, states: readonly TransitionState[], scores: ArrayLike<number>, nO: number): void {
  const n = system.nMoves;
  const valid = new Uint8Array(n);
  states.forEach((state, i) => {
    system.setValid(state, valid);
    const guess = argMaxIfValid(scores, i * nO, valid, n);
    if (guess === -1) state.forceFinal();
    else system.apply(state, guess);
  });
}

/** Run `states` (from system.initBatch(docs)) to the end, each step the model's best valid move. */
export function greedyParse<Gold>(system: TransitionSystem<Gold>, model: ParserModel, docs: Doc[], states: readonly TransitionState[]): void {
  let active = states.filter((state) => !state.isFinal);
  if (active.length === 0) return;
  if (system.nMoves === 0) throw notInitialized();
  inStepScope(() => {
    const [step] = model.call(docs, false);
    checkOutputWidth(system, step);
    while (active.length > 0) {
      const ids = contextIds(system, active, step.nF);
      // A scope per step frees its tensors at once: a long doc takes many steps.
      const scores = withScope(() => step.scoreStates(ids, false)[0].dataSync());
      transitionStates(system, active, scores, step.nO);
      active = active.filter((state) => !state.isFinal);
    }
  });
}

/**
 * One greedy update: from each gold state, follow the model's best valid move, and at every
 * step send back the gradient of a softmax over the moves against the zero-cost ones. After
 * `maxMoves` steps (when >= 1) the states stop, as spaCy's cut batches do. Classes that become
 * reachable at no cost stop being "unseen". Backprop reaches tok2vec; the caller steps the
 * optimizer. Returns the summed squared gradient, spaCy's loss for the component.
 */
export function greedyUpdate<Gold>(system: TransitionSystem<Gold>, model: ParserModel, docs: Doc[], batch: GoldBatch<Gold>, maxMoves = 0): number {
  if (batch.states.length === 0) return 0;
  const n = system.nMoves;
  if (n === 0) throw notInitialized();
  const unseen = model.attrs.unseen_classes as Set<number> | undefined;
  let states = [...batch.states];
  let golds = [...batch.golds];
  let loss = 0;
  const [step, finish] = model.call(docs, true);
  checkOutputWidth(system, step);
  const valid = new Uint8Array(n);
  const costs = new Float32Array(n);
  for (let moves = 0; states.length > 0; moves++) {
    const nB = states.length;
    const [scoresTensor, backprop] = step.scoreStates(contextIds(system, states, step.nF));
    const scores = scoresTensor.dataSync();
    const dScores = new Float32Array(nB * n);
    states.forEach((state, i) => {
      system.setCosts(state, golds[i]!, valid, costs);
      if (unseen && unseen.size > 0) for (let clas = 0; clas < n; clas++) if (costs[clas]! <= 0) unseen.delete(clas);
      logLossGradient(dScores, scores, i * n, costs, valid, n);
      const guess = argMaxIfValid(scores, i * n, valid, n);
      if (guess === -1) state.forceFinal();
      else system.apply(state, guess);
    });
    for (const d of dScores) loss += d * d;
    backprop(tf.tensor2d(dScores, [nB, n]) as Floats2d);
    const keep = states.map((state) => !state.isFinal);
    states = states.filter((_, i) => keep[i]);
    golds = golds.filter((_, i) => keep[i]);
    if (maxMoves >= 1 && moves >= maxMoves) break;
  }
  finish(step);
  return loss;
}

function checkOutputWidth<Gold>(system: TransitionSystem<Gold>, step: ParserStepModel): void {
  if (step.nO !== system.nMoves) {
    throw new TsnlpError("E_PARSER_OUTPUT", `The model scores ${step.nO} moves, but the transition system has ${system.nMoves}.`, {
      hint: "Resize the model to the moves (attrs.resize_output(model, nMoves)) after adding labels, and before loading weights.",
    });
  }
}
