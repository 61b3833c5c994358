/**
 * The tokens a parser state shows the model (spaCy's StateC.set_context_tokens for n = 8 and
 * n = 13, spacy/pipeline/_parser_internals/_state.pxd). Ids are rows of the batch (the doc's
 * offset added); -1 is missing.
 */
import { TsnlpError } from "../../util/errors.js";
import type { ArcEagerState } from "./arc-eager-state.js";

/**
 * Write the state's nF context tokens into ids[at .. at + nF):
 * - 8: B0, B1, S0, S1, S2, L(B0, 1), L(S0, 1), R(S0, 1);
 * - 13: B0, B1, S0, S1, S2, L(S0, 1), R(S0, 1), L(B0, 1), R(S0, 2), L(S1, 1), L(S1, 2),
 *   R(S1, 1), R(S1, 2). spaCy writes L(S0, 2) into slot 6 and then overwrites it with R(S0, 1);
 *   the slots here are what its models were trained on.
 * L(h, k) is h's k-th most recent left dependent, R(h, k) its k-th most recent right one.
 */
export function setParserContextTokens(state: ArcEagerState, nF: number, ids: Int32Array, at: number): void {
  const b0 = state.B(0);
  const s0 = state.S(0);
  ids[at] = b0;
  ids[at + 1] = state.B(1);
  ids[at + 2] = s0;
  ids[at + 3] = state.S(1);
  ids[at + 4] = state.S(2);
  if (nF === 8) {
    ids[at + 5] = state.L(b0, 1);
    ids[at + 6] = state.L(s0, 1);
    ids[at + 7] = state.R(s0, 1);
  } else if (nF === 13) {
    const s1 = state.S(1);
    ids[at + 5] = state.L(s0, 1);
    ids[at + 6] = state.R(s0, 1);
    ids[at + 7] = state.L(b0, 1);
    ids[at + 8] = state.R(s0, 2);
    ids[at + 9] = state.L(s1, 1);
    ids[at + 10] = state.L(s1, 2);
    ids[at + 11] = state.R(s1, 1);
    ids[at + 12] = state.R(s1, 2);
  } else {
    throw new TsnlpError("E_STATE_FEATURES", `The parser's states have 8 or 13 context tokens, not ${nF}.`, {
      hint: 'Use spacy.TransitionBasedParser with state_type = "parser" for the parser component.',
    });
  }
  for (let k = at; k < at + nF; k++) ids[k] = ids[k]! >= 0 ? ids[k]! + state.offset : -1;
}
