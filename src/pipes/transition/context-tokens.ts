/**
 * The tokens a state shows the model (spaCy's StateC.set_context_tokens,
 * spacy/pipeline/_parser_internals/_state.pxd) for the entity recognizer: 3 slots, or 6 with
 * extra_state_tokens. Ids are rows of the batch (the doc's offset added); -1 is missing.
 */
import { TsnlpError } from "../../util/errors.js";
import type { TransitionState } from "./state.js";

/**
 * Write the state's nF context tokens into ids[at .. at + nF):
 * - 1: B0;
 * - 2: B0, S0;
 * - 3: B0, the first token of the open entity, and the token before B0 when both exist (the
 *   entity's last token so far);
 * - 6: B0, then the open entity's tokens from its start up to B0, at most five.
 */
export function setEntityContextTokens(state: TransitionState, nF: number, ids: Int32Array, at: number): void {
  const b0 = state.B(0);
  switch (nF) {
    case 1:
      ids[at] = b0;
      break;
    case 2:
      ids[at] = b0;
      ids[at + 1] = state.S(0);
      break;
    case 3: {
      const first = state.entityIsOpen ? state.E(0) : -1;
      ids[at] = b0;
      ids[at + 1] = first;
      ids[at + 2] = b0 === -1 || first === -1 ? -1 : b0 - 1;
      break;
    }
    case 6: {
      ids.fill(-1, at, at + 6);
      ids[at] = b0;
      if (state.entityIsOpen) {
        let slot = 1;
        for (let i = state.E(0); i < b0 && slot < 6; i++) ids[at + slot++] = i;
      }
      break;
    }
    default:
      throw new TsnlpError("E_STATE_FEATURES", `The entity recognizer's states have 1, 2, 3 or 6 context tokens, not ${nF}.`, {
        hint: 'Use spacy.TransitionBasedParser with state_type = "ner" for the ner component.',
      });
  }
  for (let k = at; k < at + nF; k++) ids[k] = ids[k]! >= 0 ? ids[k]! + state.offset : -1;
}
