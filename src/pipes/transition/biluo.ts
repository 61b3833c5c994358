/**
 * The entity recognizer's transition system (spaCy's BiluoPushDown,
 * spacy/pipeline/_parser_internals/ner.pyx). One move per token, left to right: B-label opens
 * an entity, I-label continues it, L-label closes it, U-label is a one-token entity, O is
 * outside. Moves are valid only where they keep the analysis well formed and agree with
 * entities already set on the doc (by an entity_ruler, say); entities never cross a sentence
 * start and never begin on whitespace. "U-" (no label) exists only to keep tokens that the doc
 * marks as blocked out of any entity.
 */
import type { Doc } from "../../tokens/doc.js";
import type { Example } from "../../tokens/example.js";
import type { Span } from "../../tokens/span.js";
import { TsnlpError } from "../../util/errors.js";
import { beginCost, inCost, lastCost, outCost, unitCost } from "./biluo-costs.js";
import { BEGIN, type BiluoGold, createBiluoGold, IN, LAST, MISSING, OUT, UNIT } from "./biluo-gold.js";
import { setEntityContextTokens } from "./context-tokens.js";
import type { TransitionState } from "./state.js";
import { type LabelsByAction, TransitionSystem } from "./transition-system.js";

const MOVE_LETTERS = ["M", "B", "I", "L", "U", "O"] as const;

/** spaCy's preset ent_iob codes on the doc being analysed. */
const IOB_I = 1;
const IOB_O = 2;
const IOB_B = 3;

export class BiluoPushDown extends TransitionSystem<BiluoGold> {
  get actionTypes(): readonly number[] {
    return [BEGIN, IN, LAST, UNIT, OUT];
  }

  moveName(action: number, label: string): string {
    if (action === OUT) return "O";
    if (action === MISSING) return "M";
    return `${MOVE_LETTERS[action]}-${label}`;
  }

  protected parseMoveName(name: string): [number, string] | null {
    if (name === "" || name === "-") return null;
    const dash = name.indexOf("-");
    const letter = dash >= 0 ? name.slice(0, dash) : name;
    const label = dash >= 0 ? name.slice(dash + 1) : "";
    if (label.startsWith("!")) {
      throw new TsnlpError("E_NEGATED_ENT_LABEL", `The entity tag '${name}' marks a label as absent with '!', which is no longer supported.`, {
        hint: "Put spans known not to be entities in a span group and name it in the ner component's incorrect_spans_key.",
      });
    }
    const action = MOVE_LETTERS.indexOf(letter as (typeof MOVE_LETTERS)[number]);
    if (action < 0) {
      throw new TsnlpError("E_BAD_ENT_TAG", `'${name}' is not a BILUO entity tag.`, {
        hint: 'Use tags such as "B-ORG", "I-ORG", "L-ORG", "U-ORG", "O", or "-" for unknown.',
      });
    }
    return [action, label];
  }

  protected override acceptsAction(action: number, label: number): boolean {
    return action !== MISSING && (action !== OUT || label === 0);
  }

  protected override frequencyForNewLabel(freqs: Map<string, number> | undefined): number {
    if (!freqs || freqs.size === 0) return -1;
    return Math.min(0, ...freqs.values()) - 1;
  }

  /**
   * Moves for the entity types of the examples' references, each counted once per token
   * (spaCy's BiluoPushDown.get_actions); O and the label-less U are always there.
   */
  getActions(examples: Iterable<Example>, entityTypes: Iterable<string> = []): LabelsByAction {
    const actions: LabelsByAction = new Map([MISSING, BEGIN, IN, LAST, UNIT, OUT].map((action) => [action, new Map<string, number>()]));
    actions.get(OUT)!.set("", 1);
    actions.get(UNIT)!.set("", 1);
    for (const type of entityTypes) for (const action of [BEGIN, IN, LAST, UNIT]) actions.get(action)!.set(type, 1);
    for (const example of examples) {
      for (const type of example.reference.entTypes) {
        if (type === "") continue;
        for (const action of [BEGIN, IN, LAST, UNIT]) {
          const freqs = actions.get(action)!;
          freqs.set(type, (freqs.get(type) ?? 0) + 1);
        }
      }
    }
    return actions;
  }

  docLabels(doc: Doc): Set<string> {
    const labels = new Set<string>();
    for (const type of doc.entTypes) if (type !== "") labels.add(type);
    return labels;
  }

  isValid(state: TransitionState, clas: number): boolean {
    const label = this.labelOf(clas);
    const b0 = state.B(0);
    const b1 = state.B(1);
    const iob = state.iobAt(b0);
    const presetLabel = state.labelAt(b0);
    const nextIob = state.iobAt(b1);
    switch (this.actionOf(clas)) {
      case BEGIN:
        if (state.entityIsOpen || state.bufferLength < 2 || label === 0 || iob === IOB_I) return false;
        // Inside a preset entity, B must reproduce it, across sentence starts and whitespace too.
        if (iob === IOB_B) return label === presetLabel && nextIob === IOB_I;
        return nextIob !== IOB_B && state.sentStartAt(b1) !== 1 && !state.isSpaceAt(b0);
      case IN:
        if (!state.entityIsOpen || state.bufferLength < 2 || label === 0 || state.entLabel !== label) return false;
        if (iob === IOB_B || nextIob === IOB_B) return false;
        if (iob === IOB_I) return nextIob !== 0 && nextIob !== IOB_O && label === presetLabel;
        return !(b1 !== -1 && state.sentStartAt(b1) === 1);
      case LAST:
        if (label === 0 || !state.entityIsOpen) return false;
        if (iob === IOB_I && nextIob !== IOB_I) return label === presetLabel;
        return state.entLabel === label && nextIob !== IOB_I;
      case UNIT:
        if (label === 0) return presetLabel === 0 && iob === IOB_B;
        if (state.entityIsOpen || nextIob === IOB_I) return false;
        if (iob === IOB_B) return label === presetLabel;
        return !state.isSpaceAt(b0);
      case OUT:
        return !state.entityIsOpen && iob !== IOB_B && iob !== IOB_I;
      default:
        return false;
    }
  }

  apply(state: TransitionState, clas: number): void {
    switch (this.actionOf(clas)) {
      case BEGIN:
        state.openEnt(this.labelOf(clas));
        break;
      case LAST:
        state.closeEnt();
        break;
      case UNIT:
        state.openEnt(this.labelOf(clas));
        state.closeEnt();
        break;
      case IN:
      case OUT:
        break;
      default:
        return;
    }
    state.push();
    state.pop();
  }

  cost(state: TransitionState, gold: BiluoGold, clas: number): number {
    const label = this.labelOf(clas);
    switch (this.actionOf(clas)) {
      case BEGIN:
        return beginCost(state, gold, label);
      case IN:
        return inCost(state, gold, label);
      case LAST:
        return lastCost(state, gold, label);
      case UNIT:
        return unitCost(state, gold, label);
      case OUT:
        return outCost(state, gold, label);
      default:
        return 9000;
    }
  }

  initGold(_state: TransitionState, example: Example): BiluoGold {
    return createBiluoGold(this, example);
  }

  /**
   * Whether the reference has any entity annotation (or known-wrong span) over the predicted
   * tokens [start, end); `end` counts from the end when negative, as a Python slice does.
   */
  hasGold(example: Example, start = 0, end: number | null = null): boolean {
    const x = example.predicted;
    const y = example.reference;
    const bound = (i: number) => (i < 0 ? Math.max(0, x.length + i) : Math.min(i, x.length));
    const xStart = bound(start);
    const xEnd = end === null ? x.length : bound(end);
    let yStart = 0;
    let yEnd = y.length;
    if (xEnd > xStart) {
      const [aligned] = example.getAlignedSpansX2Y([x.span(xStart, xEnd)]);
      if (aligned) {
        yStart = aligned.start;
        yEnd = aligned.end;
      }
    }
    const negKey = this.negKey;
    if (negKey !== null) {
      for (const span of y.spans.get(negKey) ?? []) if (span.start >= yStart && span.end <= yEnd) return true;
    }
    for (let i = yStart; i < yEnd; i++) if (y.entIob[i] !== 0) return true;
    return false;
  }

  setContextTokens(state: TransitionState, nF: number, ids: Int32Array, at: number): void {
    setEntityContextTokens(state, nF, ids, at);
  }

  /**
   * Write the closed entities into the doc, leaving preset entities and blocked tokens as they
   * were, and mark every token still without annotation as O (spaCy's set_annotations).
   */
  setAnnotations(state: TransitionState, doc: Doc): void {
    const ents: Span[] = [];
    for (const ent of state.ents()) {
      // A label-less U re-marks a token the doc already blocks: nothing to write.
      if (ent.start === -1 || ent.end === -1 || ent.label === 0) continue;
      ents.push(doc.span(ent.start, ent.end, { label: this.labelName(ent.label), kbId: doc.entKbIds[ent.start]! }));
    }
    doc.setEnts(ents, { default: "unmodified" });
    for (let i = 0; i < doc.length; i++) if (doc.entIob[i] === 0) doc.entIob[i] = IOB_O;
  }
}
