/**
 * The base of transition systems (spaCy's TransitionSystem,
 * spacy/pipeline/_parser_internals/transition_system.pyx): a table of moves, each an action
 * (an integer the subclass defines) with a label, and the operations the greedy loop needs on
 * them: which moves are valid in a state, what each costs against the gold (the dynamic
 * oracle), and applying one.
 *
 * The order of the moves is the model's output order, so it must come back the same after
 * saving: it follows from `labels` (action -> label -> frequency) as spaCy's
 * initialize_actions builds it, most frequent label first; labels added later get negative
 * frequencies that keep them after the others, in the order they were added.
 *
 * Labels are small integers here (an index into the system's label table, 0 for none) where
 * spaCy uses string hashes; only equality matters to the moves.
 */
import type { Doc } from "../../tokens/doc.js";
import type { Example } from "../../tokens/example.js";
import { TsnlpError } from "../../util/errors.js";
import { comparePython } from "./python-order.js";
import { type StateTokens, TransitionState } from "./state.js";

/** Labels by action with their frequencies (spaCy's TransitionSystem.labels). */
export type LabelsByAction = Map<number, Map<string, number>>;

/** The JSON form of the moves, as the component saves them. */
export interface TransitionSystemData {
  /** Action (as a string key) -> label -> frequency. */
  moves: Record<string, Record<string, number>>;
  cfg?: { neg_key?: string | null };
}

export abstract class TransitionSystem<Gold> {
  labels: LabelsByAction = new Map();
  readonly cfg: { neg_key: string | null };
  private moveActions: number[] = [];
  private moveLabels: number[] = [];
  private readonly labelNames: string[] = [""];
  private readonly labelIds = new Map<string, number>([["", 0]]);

  constructor(options: { labelsByAction?: LabelsByAction; incorrectSpansKey?: string | null } = {}) {
    this.cfg = { neg_key: options.incorrectSpansKey ?? null };
    if (options.labelsByAction) this.initializeActions(options.labelsByAction);
  }

  /** The actions a label can be added to (spaCy's action_types). */
  abstract get actionTypes(): readonly number[];

  /** The printed name of an action with a label, e.g. "B-ORG", "O", "L-nsubj". */
  abstract moveName(action: number, label: string): string;

  /** The action and label a move name stands for, or null when the name means "unknown". */
  protected abstract parseMoveName(name: string): [number, string] | null;

  abstract isValid(state: TransitionState, clas: number): boolean;

  abstract apply(state: TransitionState, clas: number): void;

  /** The number of gold annotations a valid move makes unreachable (0 for a move the oracle allows). */
  abstract cost(state: TransitionState, gold: Gold, clas: number): number;

  /** The gold annotation of an example, aligned to its predicted tokens, for costs. */
  abstract initGold(state: TransitionState, example: Example): Gold;

  /** Whether the reference has annotation the system learns from, within predicted tokens [start, end). */
  abstract hasGold(example: Example, start?: number, end?: number | null): boolean;

  /** Write a final state's analysis into its doc. */
  abstract setAnnotations(state: TransitionState, doc: Doc): void;

  /** The labels a doc's annotation uses (new ones are added before a batch is parsed). */
  abstract docLabels(doc: Doc): Set<string>;

  /** The moves the examples need, with frequencies (spaCy's get_actions). */
  abstract getActions(examples: Iterable<Example>): LabelsByAction;

  /** Write the state's nF context token ids into ids[at .. at + nF). */
  abstract setContextTokens(state: TransitionState, nF: number, ids: Int32Array, at: number): void;

  get nMoves(): number {
    return this.moveActions.length;
  }

  get negKey(): string | null {
    return this.cfg.neg_key;
  }

  actionOf(clas: number): number {
    return this.moveActions[clas]!;
  }

  labelOf(clas: number): number {
    return this.moveLabels[clas]!;
  }

  /** The name of move `clas` (spaCy's get_class_name). */
  className(clas: number): string {
    return this.moveName(this.moveActions[clas]!, this.labelNames[this.moveLabels[clas]!]!);
  }

  /** Every move's name, in model output order. */
  get classNames(): string[] {
    return this.moveActions.map((_, clas) => this.className(clas));
  }

  /** The id of a label, added to the table when new (like spaCy's strings.add). */
  addLabelName(name: string): number {
    let id = this.labelIds.get(name);
    if (id === undefined) {
      id = this.labelNames.length;
      this.labelNames.push(name);
      this.labelIds.set(name, id);
    }
    return id;
  }

  /** The id of a known label, or -1, which no move has. */
  labelId(name: string): number {
    return this.labelIds.get(name) ?? -1;
  }

  labelName(id: number): string {
    return this.labelNames[id] ?? "";
  }

  /** The move a name stands for, e.g. "B-ORG" (spaCy's lookup_transition); -1 for an unknown ("-") tag. */
  lookupTransition(name: string): number {
    const parsed = this.parseMoveName(name);
    if (parsed === null) return -1;
    const [action, labelName] = parsed;
    const label = this.labelId(labelName);
    for (let clas = 0; clas < this.nMoves; clas++) {
      if (this.moveActions[clas] === action && this.moveLabels[clas] === label) return clas;
    }
    throw new TsnlpError("E_UNKNOWN_MOVE", `The transition system has no move '${name}'.`, {
      hint: "Add the label to the component (addLabel, or initialize it on data that has the label) before using the move.",
    });
  }

  /**
   * Add a move; 1 when added, 0 when the system has it, null when the system does not take
   * this action with this label.
   */
  addAction(action: number, labelName: string): 0 | 1 | null {
    const label = this.addLabelName(labelName);
    if (!this.acceptsAction(action, label)) return null;
    for (let clas = 0; clas < this.nMoves; clas++) {
      if (this.moveActions[clas] === action && this.moveLabels[clas] === label) return 0;
    }
    this.moveActions.push(action);
    this.moveLabels.push(label);
    // A made-up frequency below every other keeps the new move last when the table is rebuilt.
    let freqs = this.labels.get(action);
    const freq = this.frequencyForNewLabel(freqs);
    if (!freqs || freqs.size === 0) {
      freqs = new Map();
      this.labels.set(action, freqs);
    }
    freqs.set(labelName, freq);
    return 1;
  }

  /** Whether the system takes `action` with `label` (the entity recognizer's O takes no label). */
  protected acceptsAction(_action: number, _label: number): boolean {
    return true;
  }

  /** The frequency a label added after initialization gets (spaCy's add_action). */
  protected frequencyForNewLabel(freqs: Map<string, number> | undefined): number {
    if (!freqs || freqs.size === 0) return -2;
    return Math.min(0, ...freqs.values()) - 1;
  }

  /** Rebuild the moves from labels by action (spaCy's initialize_actions). */
  initializeActions(labelsByAction: LabelsByAction): void {
    this.labels = new Map();
    this.moveActions = [];
    this.moveLabels = [];
    const added: Array<[number, string]> = [];
    const addedActions = new Map<string, number[]>();
    for (const action of [...labelsByAction.keys()].sort((a, b) => a - b)) {
      this.labels.set(action, new Map());
      // Most frequent first; ties by label, descending (Python's sort then reverse of (freq, label)).
      const sorted = [...labelsByAction.get(action)!].sort(([la, fa], [lb, fb]) => fb - fa || comparePython(lb, la));
      for (const [label, freq] of sorted) {
        if (freq < 0) {
          added.push([freq, label]);
          const actions = addedActions.get(label) ?? [];
          actions.push(action);
          addedActions.set(label, actions);
        } else {
          this.addAction(action, label);
          // addAction may have replaced the (empty) table: write the real frequency into the current one.
          this.labels.get(action)!.set(label, freq);
        }
      }
    }
    added.sort(([fa, la], [fb, lb]) => fb - fa || comparePython(lb, la));
    for (const [freq, label] of added) {
      for (const action of addedActions.get(label)!) {
        this.addAction(action, label);
        this.labels.get(action)!.set(label, freq);
      }
    }
  }

  /** A fresh state for each doc; offsets count the tokens of the docs before it in the batch. */
  initBatch(docs: readonly Doc[]): TransitionState[] {
    let offset = 0;
    return docs.map((doc) => {
      const state = this.newState(doc, offset);
      offset += doc.length;
      return state;
    });
  }

  /** The start state of one doc; a system whose states hold more (the parser's arcs) makes its own kind. */
  protected newState(doc: Doc, offset: number): TransitionState {
    return new TransitionState(this.stateTokens(doc), doc.length, offset);
  }

  /** The preset annotation of a doc as states read it. */
  protected stateTokens(doc: Doc): StateTokens {
    const n = doc.length;
    const entLabel = new Int32Array(n);
    const isSpace = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      entLabel[i] = this.labelId(doc.entTypes[i]!);
      isSpace[i] = doc.lexemes[i]!.isSpace ? 1 : 0;
    }
    return { entIob: doc.entIob.slice(), entLabel, sentStart: doc.sentStarts.slice(), isSpace };
  }

  /** Mark each move valid (1) or not (0) in `valid` (spaCy's set_valid). */
  setValid(state: TransitionState, valid: Uint8Array): void {
    for (let clas = 0; clas < this.nMoves; clas++) valid[clas] = this.isValid(state, clas) ? 1 : 0;
  }

  /** Validity and cost of every move; invalid moves cost 9000, as in spaCy (set_costs). */
  setCosts(state: TransitionState, gold: Gold, valid: Uint8Array, costs: Float32Array): void {
    this.setValid(state, valid);
    for (let clas = 0; clas < this.nMoves; clas++) costs[clas] = valid[clas] ? this.cost(state, gold, clas) : 9000;
  }

  /** The moves as JSON (action keys as strings, as spaCy writes them). */
  toJSON(): TransitionSystemData {
    const moves: Record<string, Record<string, number>> = {};
    for (const [action, freqs] of this.labels) moves[String(action)] = Object.fromEntries(freqs);
    return { moves, cfg: { ...this.cfg } };
  }

  /** Rebuild the moves from what toJSON wrote. */
  fromJSON(data: TransitionSystemData): this {
    if (!data || typeof data !== "object" || typeof data.moves !== "object" || data.moves === null) {
      throw new TsnlpError("E_MOVES_DATA", "The saved moves are not an object of actions to labels.", {
        hint: "Save the component again with toDisk.",
      });
    }
    if (data.cfg && "neg_key" in data.cfg) this.cfg.neg_key = data.cfg.neg_key ?? null;
    this.initializeActions(labelsFromRecord(data.moves, "the saved moves"));
    return this;
  }
}

/** Labels by action from a JSON-style record (string action keys), checking its shape. */
export function labelsFromRecord(record: Record<string, unknown>, where: string): LabelsByAction {
  const labels: LabelsByAction = new Map();
  for (const [key, freqs] of Object.entries(record)) {
    const action = Number(key);
    if (!Number.isInteger(action) || action < 0 || typeof freqs !== "object" || freqs === null || Array.isArray(freqs)) {
      throw new TsnlpError("E_MOVES_DATA", `In ${where}, '${key}' is not an action number with a table of labels.`, {
        hint: 'Moves look like {"1": {"ORG": 12}, "5": {"": 1}}: action numbers, then label frequencies.',
      });
    }
    const table = new Map<string, number>();
    for (const [label, freq] of Object.entries(freqs as Record<string, unknown>)) {
      if (typeof freq !== "number" || !Number.isFinite(freq)) {
        throw new TsnlpError("E_MOVES_DATA", `In ${where}, label '${label}' of action ${key} has frequency ${JSON.stringify(freq)}, not a number.`);
      }
      table.set(label, freq);
    }
    labels.set(action, table);
  }
  return labels;
}
