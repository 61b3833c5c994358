/**
 * The gold annotation the entity recognizer's oracle reads (spaCy's BiluoGold and
 * create_gold_state, spacy/pipeline/_parser_internals/ner.pyx): the gold BILUO move of each
 * predicted token (MISSING where the tag is unknown) and the spans known to be wrong
 * (incorrect_spans_key).
 */
import type { Example } from "../../tokens/example.js";
import type { Span } from "../../tokens/span.js";
import { TsnlpError } from "../../util/errors.js";
import type { TransitionSystem } from "./transition-system.js";

/** The BILUO actions, numbered as spaCy numbers them (the order of the moves depends on it). */
export const MISSING = 0;
export const BEGIN = 1;
export const IN = 2;
export const LAST = 3;
export const UNIT = 4;
export const OUT = 5;

export interface BiluoGold {
  /** Gold action of each predicted token (MISSING where unknown). */
  readonly actions: Uint8Array;
  /** Gold label id of each predicted token (0 for O and MISSING). */
  readonly labels: Int32Array;
  /** Spans known not to be entities: starts, ends (exclusive) and label ids. */
  readonly negStarts: Int32Array;
  readonly negEnds: Int32Array;
  readonly negLabels: Int32Array;
}

/** The gold of one example for `system`, whose moves must include every gold label. */
export function createBiluoGold(system: TransitionSystem<BiluoGold>, example: Example): BiluoGold {
  if (example.predicted.length === 0) {
    throw new TsnlpError("E_EMPTY_DOC_GOLD", "Cannot make an entity gold standard for an empty doc.", { hint: "Leave empty docs out of the training data." });
  }
  const negKey = system.negKey;
  const negs: Span[] = negKey === null ? [] : example.getAlignedSpansY2X(example.reference.spans.get(negKey) ?? [], true);
  const { ents, tags } = example.getAlignedEntsAndNer();
  const n = example.predicted.length;
  const actions = new Uint8Array(n);
  const labels = new Int32Array(n);
  tags.forEach((tag, i) => {
    const clas = system.lookupTransition(tag);
    if (clas >= 0) {
      actions[i] = system.actionOf(clas);
      labels[i] = system.labelOf(clas);
    }
  });
  const negTriples = new Set(negs.map((span) => `${span.startChar}:${span.endChar}:${span.label}`));
  for (const ent of ents) {
    if (negTriples.has(`${ent.startChar}:${ent.endChar}:${ent.label}`)) {
      throw new TsnlpError(
        "E_CONFLICTING_SPANS",
        `The span '${ent.text}' [${ent.startChar}, ${ent.endChar}) '${ent.label}' is both an entity and an incorrect span.`,
        {
          hint: `Remove it from doc.ents or from doc.spans["${negKey}"] of the reference.`,
        },
      );
    }
  }
  return {
    actions,
    labels,
    negStarts: Int32Array.from(negs, (span) => span.start),
    negEnds: Int32Array.from(negs, (span) => span.end),
    negLabels: Int32Array.from(negs, (span) => system.labelId(span.label)),
  };
}
