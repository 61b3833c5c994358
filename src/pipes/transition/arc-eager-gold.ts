/**
 * The gold parse the arc-eager oracle reads (spaCy's ArcEagerGold, create_gold_state and
 * update_gold_state in spacy/pipeline/_parser_internals/arc_eager.pyx): the projectivized gold
 * head and label of each predicted token, its gold dependents, the gold sentence starts, and,
 * refreshed for each state, which tokens have their gold head or dependents on the stack or
 * in the buffer, with the resulting costs of pushing and popping.
 *
 * Where the reference cannot say (a predicted token that does not align one to one) the head
 * is unknown and any arc into the token is right. As in spaCy, a reference token without a
 * label counts as a root of its own, and labels the moves lack back off to "dep" (or "ROOT").
 */
import type { Example } from "../../tokens/example.js";
import { breakIsValid, LEFT, RIGHT, BREAK } from "./arc-eager-moves.js";
import type { ArcEagerState } from "./arc-eager-state.js";
import { projectivize } from "./nonproj.js";
import type { TransitionSystem } from "./transition-system.js";

/** The label rare labels back off to, and the label of roots. */
export const BACKOFF_LABEL = "dep";
export const ROOT_LABEL = "ROOT";

export class ArcEagerGold {
  readonly length: number;
  /** Gold head of each token; 0 where unknown (spaCy's zeroed memory, which some costs read). */
  readonly heads: Int32Array;
  /** Gold label id of each token; 0 where unknown. */
  readonly labels: Int32Array;
  readonly headUnknown: Uint8Array;
  /** 1 where a gold sentence starts, 0 where none does, -1 where the reference does not say. */
  readonly sentStarts: Int8Array;
  /** Gold dependents of token i: kids[kidsStart[i] .. kidsStart[i + 1]). */
  private readonly kidsStart: Int32Array;
  private readonly kids: Int32Array;
  /** For the current state: whether each token's gold head is on the stack / in the buffer. */
  readonly headInStack: Uint8Array;
  readonly headInBuffer: Uint8Array;
  /** For the current state: how many of each token's gold dependents are on the stack / in the buffer. */
  readonly kidsInStack: Int32Array;
  readonly kidsInBuffer: Int32Array;
  /** Gold arcs lost by pushing B0 / popping S0 in the current state (9000 when impossible). */
  pushCost = 0;
  popCost = 0;

  constructor(heads: ArrayLike<number | null>, labels: Int32Array, sentStarts: Int8Array) {
    const n = heads.length;
    this.length = n;
    this.heads = new Int32Array(n);
    this.labels = labels;
    this.headUnknown = new Uint8Array(n);
    this.sentStarts = sentStarts;
    const nKids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const head = heads[i];
      if (head === null || head === undefined) {
        this.headUnknown[i] = 1;
        continue;
      }
      this.heads[i] = head;
      if (head !== i) nKids[head]!++;
    }
    this.kidsStart = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.kidsStart[i + 1] = this.kidsStart[i]! + nKids[i]!;
    this.kids = new Int32Array(this.kidsStart[n]!);
    const filled = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.headUnknown[i] || this.heads[i] === i) continue;
      const head = this.heads[i]!;
      this.kids[this.kidsStart[head]! + filled[head]!++] = i;
    }
    this.headInStack = new Uint8Array(n);
    this.headInBuffer = new Uint8Array(n);
    this.kidsInStack = new Int32Array(n);
    this.kidsInBuffer = new Int32Array(n);
  }

  isSentStart(i: number): boolean {
    return i >= 0 && i < this.length && this.sentStarts[i] === 1;
  }

  isSentStartUnknown(i: number): boolean {
    return i >= 0 && i < this.length && this.sentStarts[i] === -1;
  }

  /** Whether `head` -> `child` is a gold arc (any arc is, into a token whose head is unknown). */
  arcIsGold(head: number, child: number): boolean {
    return this.headUnknown[child] === 1 || this.heads[child] === head;
  }

  /** Whether `label` is right for `child`'s arc (label 0 and unknown heads always are). */
  labelIsGold(child: number, label: number): boolean {
    return this.headUnknown[child] === 1 || label === 0 || this.labels[child] === label;
  }

  /** Refresh the stack and buffer counts and the push and pop costs for `state` (spaCy's update_gold_state). */
  update(state: ArcEagerState): void {
    this.headInStack.fill(0);
    this.headInBuffer.fill(0);
    this.kidsInStack.fill(0);
    this.kidsInBuffer.fill(0);
    const { heads, kids, kidsStart } = this;
    for (let i = 0; i < state.stackDepth; i++) {
      const s = state.S(i);
      if (!this.headUnknown[s] && heads[s] !== s) this.kidsInStack[heads[s]!]!++;
      for (let k = kidsStart[s]!; k < kidsStart[s + 1]!; k++) this.headInStack[kids[k]!] = 1;
    }
    // The buffer counts stop at the next sentence start: nothing beyond it can attach here.
    for (let i = 0; i < state.bufferLength; i++) {
      const b = state.B(i);
      if (state.isSentStart(b)) break;
      if (!this.headUnknown[b] && heads[b] !== b) this.kidsInBuffer[heads[b]!]!++;
      for (let k = kidsStart[b]!; k < kidsStart[b + 1]!; k++) this.headInBuffer[kids[k]!] = 1;
    }
    this.pushCost = pushCost(state, this);
    this.popCost = popCost(state, this);
  }
}

/** Pushing B0 loses its gold head and dependents on the stack, and a gold sentence start at B1 that Break could still make. */
function pushCost(state: ArcEagerState, gold: ArcEagerGold): number {
  const b0 = state.B(0);
  if (b0 < 0) return 9000;
  let cost = gold.headInStack[b0]! + gold.kidsInStack[b0]!;
  if (breakIsValid(state) && gold.isSentStart(state.B(1))) cost += 1;
  return cost;
}

/** Popping S0 loses its gold head and dependents in the buffer. */
function popCost(state: ArcEagerState, gold: ArcEagerGold): number {
  const s0 = state.S(0);
  if (s0 < 0) return 9000;
  return gold.headInBuffer[s0]! + gold.kidsInBuffer[s0]!;
}

/**
 * The gold of one example for `system`: the reference parse projectivized and aligned to the
 * predicted tokens, labels the system's moves lack backed off, and the gold sentence starts.
 */
export function createArcEagerGold(system: TransitionSystem<ArcEagerGold>, example: Example): ArcEagerGold {
  const { heads, deps } = example.getAlignedParse({ projectivize: projectivizeAsSpacy });
  const n = heads.length;
  const left = system.labels.get(LEFT);
  const right = system.labels.get(RIGHT);
  const breaks = system.labels.get(BREAK);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const head = heads[i];
    let label = deps[i];
    if (head === null || head === undefined || label === null || label === undefined) continue;
    // spaCy's _replace_unseen_labels: a label without a move of the arc's direction backs off.
    if (head > i && !left?.has(label)) label = BACKOFF_LABEL;
    else if (head < i && !right?.has(label)) label = BACKOFF_LABEL;
    else if (head === i && !breaks?.has(label)) label = ROOT_LABEL;
    labels[i] = system.addLabelName(label);
  }
  return new ArcEagerGold(heads, labels, alignedSentStarts(example));
}

/** A reference token without a label has no head for spaCy, which then reads the token as its own head. */
function projectivizeAsSpacy(heads: number[], deps: string[]): [number[], string[]] {
  return projectivize(
    heads.map((head, i) => (deps[i] === "" ? i : head)),
    deps,
  );
}

/**
 * Gold sentence starts on the predicted tokens: 1 at the first predicted token of each
 * reference sentence, 0 elsewhere; all unknown (-1) when the reference has no sentence
 * boundaries, or when a predicted token spans two reference sentences (spaCy's
 * _get_aligned_sent_starts in arc_eager.pyx).
 */
export function alignedSentStarts(example: Example): Int8Array {
  const n = example.predicted.length;
  const reference = example.reference;
  if (!reference.hasAnnotation("SENT_START") && !reference.hasAnnotation("DEP")) return new Int8Array(n).fill(-1);
  const y2x = example.alignment.y2x;
  const starts = new Int8Array(n);
  const seen = new Set<number>();
  for (const [start, end] of reference.sentenceBounds()) {
    const xs = y2x.slice(start, end);
    for (const x of xs) if (seen.has(x)) return new Int8Array(n).fill(-1);
    for (const x of xs) seen.add(x);
    if (xs.length > 0) starts[xs[0]!] = 1;
  }
  return starts;
}
