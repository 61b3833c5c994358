/**
 * The state of one transition-based analysis of a doc (spaCy's StateC,
 * spacy/pipeline/_parser_internals/_state.pxd): the buffer of tokens still to read, the stack,
 * and the entities opened so far. Everything lives in typed arrays sized by the doc, so that
 * copying a state (for the oracle, or to cut a long doc into segments) is a few array copies.
 *
 * Token indices are the doc's own (0 .. length - 1); `offset` places the doc in its batch, for
 * the model's feature ids. -1 means "no such token", as in spaCy.
 */

/** What the transition system may read of the doc being analysed (its preset annotation). */
export interface StateTokens {
  /** spaCy's ent_iob codes: 0 missing, 1 I, 2 O, 3 B. */
  readonly entIob: Uint8Array;
  /** Preset entity label as the transition system's label id: 0 none, -1 a label the system lacks. */
  readonly entLabel: Int32Array;
  /** 1 starts a sentence, -1 does not, 0 unknown. */
  readonly sentStart: Int8Array;
  /** 1 where the token is whitespace. */
  readonly isSpace: Uint8Array;
}

export class TransitionState {
  readonly length: number;
  /** Position of the doc's first token among the batch's tokens. */
  readonly offset: number;
  readonly tokens: StateTokens;
  /** The next token of the buffer not taken yet (spaCy's _b_i). */
  protected bufferStart = 0;
  protected readonly stack: Int32Array;
  protected stackSize = 0;
  /** Tokens put back on the buffer (the parser's unshift); read before bufferStart. */
  protected readonly rebuffer: Int32Array;
  protected rebufferSize = 0;
  protected readonly entStarts: Int32Array;
  /** -1 while the entity is open. */
  protected readonly entEnds: Int32Array;
  protected readonly entLabels: Int32Array;
  protected entCount = 0;

  constructor(tokens: StateTokens, length: number, offset = 0) {
    this.tokens = tokens;
    this.length = length;
    this.offset = offset;
    this.stack = new Int32Array(length);
    this.rebuffer = new Int32Array(length);
    // Every entity takes at least one token, so a doc holds at most `length` of them.
    this.entStarts = new Int32Array(length);
    this.entEnds = new Int32Array(length);
    this.entLabels = new Int32Array(length);
  }

  /** The i-th token of the buffer, or -1. */
  B(i: number): number {
    if (i < 0) return -1;
    if (i < this.rebufferSize) return this.rebuffer[this.rebufferSize - 1 - i]!;
    const at = this.bufferStart + (i - this.rebufferSize);
    return at >= this.length ? -1 : at;
  }

  /** The i-th token from the top of the stack, or -1. */
  S(i: number): number {
    if (i < 0 || i >= this.stackSize) return -1;
    return this.stack[this.stackSize - 1 - i]!;
  }

  /** The first token of the last entity (open or closed), or -1 when there is none. */
  E(_i = 0): number {
    return this.entCount === 0 ? -1 : this.entStarts[this.entCount - 1]!;
  }

  get bufferLength(): number {
    return this.length - this.bufferStart + this.rebufferSize;
  }

  get stackDepth(): number {
    return this.stackSize;
  }

  /** Whether the buffer is empty (end of line). */
  get eol(): boolean {
    return this.bufferLength === 0;
  }

  get isFinal(): boolean {
    return this.stackSize <= 0 && this.eol;
  }

  get entityIsOpen(): boolean {
    return this.entCount > 0 && this.entEnds[this.entCount - 1] === -1;
  }

  /** The label of the last entity, 0 when there is none (spaCy's get_ent().label). */
  get entLabel(): number {
    return this.entCount === 0 ? 0 : this.entLabels[this.entCount - 1]!;
  }

  /** Preset ent_iob of token i; 0 for -1 or out of range (spaCy's empty token). */
  iobAt(i: number): number {
    return i < 0 || i >= this.length ? 0 : this.tokens.entIob[i]!;
  }

  /** Preset entity label id of token i; 0 for -1 or out of range. */
  labelAt(i: number): number {
    return i < 0 || i >= this.length ? 0 : this.tokens.entLabel[i]!;
  }

  sentStartAt(i: number): number {
    return i < 0 || i >= this.length ? 0 : this.tokens.sentStart[i]!;
  }

  isSpaceAt(i: number): boolean {
    return i >= 0 && i < this.length && this.tokens.isSpace[i] === 1;
  }

  /** Move the first buffer token onto the stack. */
  push(): void {
    let b0: number;
    if (this.rebufferSize > 0) b0 = this.rebuffer[--this.rebufferSize]!;
    else b0 = this.bufferStart++;
    this.stack[this.stackSize++] = b0;
  }

  pop(): void {
    if (this.stackSize > 0) this.stackSize--;
  }

  /** Put the top of the stack back on the buffer. */
  unshift(): void {
    const s0 = this.stack[--this.stackSize]!;
    this.rebuffer[this.rebufferSize++] = s0;
  }

  /** Open an entity at the first buffer token. */
  openEnt(label: number): void {
    const at = this.entCount++;
    this.entStarts[at] = this.B(0);
    this.entEnds[at] = -1;
    this.entLabels[at] = label;
  }

  /** Close the last entity after the first buffer token. */
  closeEnt(): void {
    this.entEnds[this.entCount - 1] = this.B(0) + 1;
  }

  /** End the analysis at once (spaCy's force_final, for a state with no valid move). */
  forceFinal(): void {
    this.stackSize = 0;
    this.rebufferSize = 0;
    this.bufferStart = this.length;
  }

  /** The entities, open ones with end -1, in the order they were opened. */
  ents(): Array<{ start: number; end: number; label: number }> {
    const out: Array<{ start: number; end: number; label: number }> = [];
    for (let i = 0; i < this.entCount; i++) out.push({ start: this.entStarts[i]!, end: this.entEnds[i]!, label: this.entLabels[i]! });
    return out;
  }

  clone(): TransitionState {
    const copy = new TransitionState(this.tokens, this.length, this.offset);
    copy.copyFrom(this);
    return copy;
  }

  /** Take over another state of the same doc (subclasses copy their own fields too). */
  protected copyFrom(other: TransitionState): void {
    this.bufferStart = other.bufferStart;
    this.stack.set(other.stack.subarray(0, other.stackSize));
    this.stackSize = other.stackSize;
    this.rebuffer.set(other.rebuffer.subarray(0, other.rebufferSize));
    this.rebufferSize = other.rebufferSize;
    this.entStarts.set(other.entStarts.subarray(0, other.entCount));
    this.entEnds.set(other.entEnds.subarray(0, other.entCount));
    this.entLabels.set(other.entLabels.subarray(0, other.entCount));
    this.entCount = other.entCount;
  }
}
