/**
 * The parser's state (spaCy's StateC in spacy/pipeline/_parser_internals/_state.pxd, the parts
 * the arc-eager system uses): on top of the buffer and stack, each token's head and label, the
 * arcs in the order they were made (L and R read a head's most recent children), the tokens
 * that may not be shifted again, and the sentence starts the parse has predicted.
 *
 * Arcs sit in growable typed arrays, one singly linked list per head and side, newest first,
 * so that copying a state is a few array copies and L/R walk only a head's own arcs.
 */
import { type StateTokens, TransitionState } from "./state.js";

export class ArcEagerState extends TransitionState {
  /** Head of each token, -1 while it has none. */
  readonly heads: Int32Array;
  /** Label id of each token's arc (0 while it has none). */
  readonly labels: Int32Array;
  /** 1 for a token put back on the buffer, which may not be shifted again until it gets a left dependent. */
  private readonly unshiftable: Uint8Array;
  /** 1 where a Break move has started a sentence. */
  private readonly breaks: Uint8Array;
  /** The newest live arc into each token (an index into the arc arrays), -1 for none. */
  private readonly arcOf: Int32Array;
  /** The newest arc of each head to a token on its left / right, -1 for none. */
  private readonly lastLeft: Int32Array;
  private readonly lastRight: Int32Array;
  private arcChild: Int32Array;
  /** The head's previous arc on the same side, -1 at the oldest. */
  private arcPrev: Int32Array;
  private arcCount = 0;

  constructor(tokens: StateTokens, length: number, offset = 0) {
    super(tokens, length, offset);
    this.heads = new Int32Array(length).fill(-1);
    this.labels = new Int32Array(length);
    this.unshiftable = new Uint8Array(length);
    this.breaks = new Uint8Array(length);
    this.arcOf = new Int32Array(length).fill(-1);
    this.lastLeft = new Int32Array(length).fill(-1);
    this.lastRight = new Int32Array(length).fill(-1);
    // A parse makes about one arc per token; replaced heads need more, and the arrays grow.
    const capacity = Math.max(4, length + 4);
    this.arcChild = new Int32Array(capacity);
    this.arcPrev = new Int32Array(capacity);
  }

  /** The head of token `child`, or -1 (spaCy's H). */
  H(child: number): number {
    return child < 0 || child >= this.length ? -1 : this.heads[child]!;
  }

  hasHead(child: number): boolean {
    return this.heads[child]! >= 0;
  }

  /** The idx-th most recent left dependent of `head` (1 is the newest), or -1 (spaCy's L). */
  L(head: number, idx: number): number {
    return head < 0 || head >= this.length ? -1 : this.nthChild(this.lastLeft[head]!, idx);
  }

  /** The idx-th most recent right dependent of `head`, or -1 (spaCy's R). */
  R(head: number, idx: number): number {
    return head < 0 || head >= this.length ? -1 : this.nthChild(this.lastRight[head]!, idx);
  }

  private nthChild(last: number, idx: number): number {
    if (idx < 1) return -1;
    let seen = 0;
    for (let arc = last; arc !== -1; arc = this.arcPrev[arc]!) {
      const child = this.arcChild[arc]!;
      if (child !== -1 && ++seen === idx) return child;
    }
    return -1;
  }

  /** Whether a sentence starts at `word`: preset on the doc, or predicted by a Break. */
  isSentStart(word: number): boolean {
    if (word < 0 || word >= this.length) return false;
    return this.tokens.sentStart[word] === 1 || this.breaks[word] === 1;
  }

  /** Whether the doc says no sentence may start at `word`. */
  cannotSentStart(word: number): boolean {
    return word >= 0 && word < this.length && this.tokens.sentStart[word] === -1;
  }

  setSentStart(word: number): void {
    if (word >= 0 && word < this.length) this.breaks[word] = 1;
  }

  isUnshiftable(word: number): boolean {
    return word >= 0 && word < this.length && this.unshiftable[word] === 1;
  }

  setReshiftable(word: number): void {
    if (word >= 0 && word < this.length) this.unshiftable[word] = 0;
  }

  /** Put S0 back on the buffer and remember that it was. */
  override unshift(): void {
    this.unshiftable[this.S(0)] = 1;
    super.unshift();
  }

  /** Attach `child` to `head` with `label`, replacing the arc it had. */
  addArc(head: number, child: number, label: number): void {
    if (this.heads[child]! >= 0) this.deleteArc(child);
    if (this.arcCount === this.arcChild.length) this.growArcs();
    const arc = this.arcCount++;
    const side = head > child ? this.lastLeft : this.lastRight;
    this.arcChild[arc] = child;
    this.arcPrev[arc] = side[head]!;
    side[head] = arc;
    this.arcOf[child] = arc;
    this.heads[child] = head;
    this.labels[child] = label;
  }

  /** Remove the arc into `child`: dropped when it is its head's newest, else marked dead. */
  private deleteArc(child: number): void {
    const head = this.heads[child]!;
    const arc = this.arcOf[child]!;
    const side = head > child ? this.lastLeft : this.lastRight;
    if (side[head] === arc) side[head] = this.arcPrev[arc]!;
    else this.arcChild[arc] = -1;
    this.arcOf[child] = -1;
    this.heads[child] = -1;
    this.labels[child] = 0;
  }

  private growArcs(): void {
    const child = new Int32Array(this.arcChild.length * 2);
    const prev = new Int32Array(this.arcPrev.length * 2);
    child.set(this.arcChild);
    prev.set(this.arcPrev);
    this.arcChild = child;
    this.arcPrev = prev;
  }

  override clone(): ArcEagerState {
    const copy = new ArcEagerState(this.tokens, this.length, this.offset);
    copy.copyFrom(this);
    return copy;
  }

  protected override copyFrom(other: TransitionState): void {
    super.copyFrom(other);
    if (!(other instanceof ArcEagerState)) return;
    this.heads.set(other.heads);
    this.labels.set(other.labels);
    this.unshiftable.set(other.unshiftable);
    this.breaks.set(other.breaks);
    this.arcOf.set(other.arcOf);
    this.lastLeft.set(other.lastLeft);
    this.lastRight.set(other.lastRight);
    if (this.arcChild.length < other.arcCount) {
      this.arcChild = new Int32Array(other.arcChild.length);
      this.arcPrev = new Int32Array(other.arcPrev.length);
    }
    this.arcChild.set(other.arcChild.subarray(0, other.arcCount));
    this.arcPrev.set(other.arcPrev.subarray(0, other.arcCount));
    this.arcCount = other.arcCount;
  }
}
