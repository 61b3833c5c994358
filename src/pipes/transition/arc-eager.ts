/**
 * The dependency parser's transition system (spaCy's ArcEager,
 * spacy/pipeline/_parser_internals/arc_eager.pyx): labelled arc-eager moves with sentence
 * breaks (arc-eager-moves.ts) over ArcEagerState, the dynamic oracle (arc-eager-gold.ts,
 * arc-eager-costs.ts), the moves a treebank needs (arc-eager-actions.ts) and the model's
 * context tokens (arc-eager-context.ts).
 *
 * Move names are spaCy's: "S", "D", "L-nsubj", "R-dobj", "B-ROOT". A move's label only matters
 * to LeftArc and RightArc; Shift, Reduce and Break with a label behave as without one.
 */
import type { Doc } from "../../tokens/doc.js";
import type { Example } from "../../tokens/example.js";
import { TsnlpError } from "../../util/errors.js";
import { type ArcEagerActionOptions, arcEagerActions } from "./arc-eager-actions.js";
import { setParserContextTokens } from "./arc-eager-context.js";
import { arcLabelCost, breakCost, leftArcCost, reduceCost, rightArcCost, shiftCost } from "./arc-eager-costs.js";
import { type ArcEagerGold, BACKOFF_LABEL, createArcEagerGold, ROOT_LABEL } from "./arc-eager-gold.js";
import { applyMove, BREAK, LEFT, MOVE_LETTERS, N_ACTIONS, REDUCE, RIGHT, SHIFT, validActions } from "./arc-eager-moves.js";
import { ArcEagerState } from "./arc-eager-state.js";
import type { StateTokens, TransitionState } from "./state.js";
import { type LabelsByAction, TransitionSystem } from "./transition-system.js";

export class ArcEager extends TransitionSystem<ArcEagerGold> {
  /** Scratch for setValid / setCosts: validity and base cost of each action. */
  private readonly actionValid = new Uint8Array(N_ACTIONS);
  private readonly actionCost = new Float64Array(N_ACTIONS);

  get actionTypes(): readonly number[] {
    return [SHIFT, REDUCE, LEFT, RIGHT, BREAK];
  }

  /** The labels every parser has (spaCy's builtin_labels). */
  get builtinLabels(): readonly string[] {
    return [ROOT_LABEL, BACKOFF_LABEL];
  }

  moveName(action: number, label: string): string {
    const letter = MOVE_LETTERS[action] ?? "?";
    return label === "" ? letter : `${letter}-${label}`;
  }

  protected parseMoveName(name: string): [number, string] | null {
    const dash = name.indexOf("-");
    const letter = dash >= 0 ? name.slice(0, dash) : name;
    const label = dash >= 0 ? name.slice(dash + 1) : "";
    const action = MOVE_LETTERS.indexOf(letter as (typeof MOVE_LETTERS)[number]);
    if (action < 0) {
      throw new TsnlpError("E_BAD_PARSER_MOVE", `'${name}' is not an arc-eager move.`, {
        hint: 'Moves are "S", "D", "L-label", "R-label" or "B-label".',
      });
    }
    return [action, label];
  }

  isValid(state: TransitionState, clas: number): boolean {
    validActions(state as ArcEagerState, this.actionValid);
    return this.actionValid[this.actionOf(clas)] === 1;
  }

  override setValid(state: TransitionState, valid: Uint8Array): void {
    validActions(state as ArcEagerState, this.actionValid);
    for (let clas = 0; clas < this.nMoves; clas++) valid[clas] = this.actionValid[this.actionOf(clas)]!;
  }

  apply(state: TransitionState, clas: number): void {
    applyMove(state as ArcEagerState, this.actionOf(clas), this.labelOf(clas));
  }

  /** The cost of one move; `gold` must have been updated for `state` (setCosts does that). */
  cost(state: TransitionState, gold: ArcEagerGold, clas: number): number {
    const st = state as ArcEagerState;
    const action = this.actionOf(clas);
    return this.baseCost(st, gold, action) + this.labelCost(st, gold, action, this.labelOf(clas));
  }

  /** Validity and cost of every move (invalid moves cost 9000), the gold first brought up to date with the state. */
  override setCosts(state: TransitionState, gold: ArcEagerGold, valid: Uint8Array, costs: Float32Array): void {
    const st = state as ArcEagerState;
    gold.update(st);
    validActions(st, this.actionValid);
    for (let action = 0; action < N_ACTIONS; action++) {
      this.actionCost[action] = this.actionValid[action] ? this.baseCost(st, gold, action) : 9000;
    }
    for (let clas = 0; clas < this.nMoves; clas++) {
      const action = this.actionOf(clas);
      valid[clas] = this.actionValid[action]!;
      costs[clas] = valid[clas] ? this.actionCost[action]! + this.labelCost(st, gold, action, this.labelOf(clas)) : 9000;
    }
  }

  private baseCost(st: ArcEagerState, gold: ArcEagerGold, action: number): number {
    switch (action) {
      case SHIFT:
        return shiftCost(st, gold);
      case REDUCE:
        return reduceCost(st, gold);
      case LEFT:
        return leftArcCost(st, gold);
      case RIGHT:
        return rightArcCost(st, gold);
      case BREAK:
        return breakCost(st, gold);
      default:
        return 9000;
    }
  }

  private labelCost(st: ArcEagerState, gold: ArcEagerGold, action: number, label: number): number {
    if (action === LEFT) return arcLabelCost(st, gold, true, label);
    if (action === RIGHT) return arcLabelCost(st, gold, false, label);
    return 0;
  }

  initGold(_state: TransitionState, example: Example): ArcEagerGold {
    return createArcEagerGold(this, example);
  }

  /**
   * Whether the reference has a labelled token in [start, end), read as a Python slice of the
   * reference's tokens (spaCy slices the reference with the predicted doc's positions).
   */
  hasGold(example: Example, start = 0, end: number | null = null): boolean {
    const y = example.reference;
    const bound = (i: number) => (i < 0 ? Math.max(0, y.length + i) : Math.min(i, y.length));
    const yEnd = end === null ? y.length : bound(end);
    for (let i = bound(start); i < yEnd; i++) if (y.deps[i] !== "") return true;
    return false;
  }

  /** Heads and labels of the final state into the doc: tokens without a head become roots labelled ROOT. */
  setAnnotations(state: TransitionState, doc: Doc): void {
    const st = state as ArcEagerState;
    const n = doc.length;
    const heads = new Array<number>(n);
    const deps = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const head = st.heads[i]!;
      heads[i] = head >= 0 ? head : i;
      deps[i] = head >= 0 && head !== i ? this.labelName(st.labels[i]!) : ROOT_LABEL;
    }
    doc.setParse(heads, deps);
  }

  /** The labels a doc needs (spaCy's get_doc_labels): the built-in ones and the doc's own. */
  docLabels(doc: Doc): Set<string> {
    const labels = new Set<string>(this.builtinLabels);
    for (const dep of doc.deps) if (dep !== "") labels.add(dep);
    return labels;
  }

  getActions(examples: Iterable<Example>, options: Omit<ArcEagerActionOptions, "examples"> = {}): LabelsByAction {
    return arcEagerActions({ ...options, examples });
  }

  setContextTokens(state: TransitionState, nF: number, ids: Int32Array, at: number): void {
    setParserContextTokens(state as ArcEagerState, nF, ids, at);
  }

  protected override newState(doc: Doc, offset: number): ArcEagerState {
    return new ArcEagerState(this.stateTokens(doc), doc.length, offset);
  }

  /** The parser reads only the doc's preset sentence starts. */
  protected override stateTokens(doc: Doc): StateTokens {
    const n = doc.length;
    return { entIob: new Uint8Array(n), entLabel: new Int32Array(n), sentStart: doc.sentStarts.slice(), isSpace: new Uint8Array(n) };
  }
}
