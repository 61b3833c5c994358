/**
 * Tokenizer exceptions ("special cases"): strings the tokenizer splits in a fixed way, with
 * optional token-level norms. A table maps the string to its tokens, whose ORTHs concatenate
 * to the string.
 */
import { TsnlpError } from "../util/errors.js";

export interface SpecialCaseToken {
  readonly ORTH: string;
  readonly NORM?: string;
}

export type TokenizerExceptions = Readonly<Record<string, readonly SpecialCaseToken[]>>;

/** Throw unless the ORTHs spell `text` and each token sets only ORTH and NORM. */
export function validateSpecialCase(text: string, tokens: readonly SpecialCaseToken[]): void {
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw new TsnlpError("E_TOKENIZER_SPECIAL_CASE", `The special case for ${JSON.stringify(text)} has no tokens.`, {
      hint: `Give a list of tokens whose ORTH values join to the string, e.g. [{ ORTH: ${JSON.stringify(text)} }].`,
    });
  }
  for (const token of tokens) {
    if (typeof token !== "object" || token === null || typeof token.ORTH !== "string") {
      throw new TsnlpError("E_TOKENIZER_SPECIAL_CASE", `Every token of the special case for ${JSON.stringify(text)} needs a string ORTH.`, {
        details: JSON.stringify(tokens),
      });
    }
    for (const key of Object.keys(token)) {
      if (key !== "ORTH" && key !== "NORM") {
        throw new TsnlpError(
          "E_TOKENIZER_SPECIAL_CASE",
          `The special case for ${JSON.stringify(text)} sets ${key}, but special cases may set only ORTH and NORM.`,
          {
            hint: "Set other attributes with a pipeline component, such as the attribute_ruler.",
          },
        );
      }
    }
    if (token.NORM !== undefined && typeof token.NORM !== "string") {
      throw new TsnlpError("E_TOKENIZER_SPECIAL_CASE", `The NORM of a token in the special case for ${JSON.stringify(text)} must be a string.`);
    }
  }
  const orth = tokens.map((token) => token.ORTH).join("");
  if (orth !== text) {
    throw new TsnlpError(
      "E_TOKENIZER_SPECIAL_CASE",
      `The ORTH values of a special case must join to the string it splits: ${JSON.stringify(text)} has tokens that join to ${JSON.stringify(orth)}.`,
      { details: JSON.stringify(tokens) },
    );
  }
}

/**
 * Every entry whose string contains `search`, duplicated with `replace` in its place (in the
 * string and in each ORTH; norms are kept). English uses it to accept ’ wherever ' is written.
 */
export function expandExceptions(exceptions: TokenizerExceptions, search: string, replace: string): Record<string, readonly SpecialCaseToken[]> {
  const expanded: Record<string, readonly SpecialCaseToken[]> = { ...exceptions };
  for (const [text, tokens] of Object.entries(exceptions)) {
    if (!text.includes(search)) continue;
    expanded[text.replaceAll(search, replace)] = tokens.map((token) => ({ ...token, ORTH: token.ORTH.replaceAll(search, replace) }));
  }
  return expanded;
}

/**
 * Base exceptions updated with each table of additions in turn (later entries win), every
 * entry checked, then the ' → ’ variants added, as spaCy's update_exc does.
 */
export function mergeExceptions(base: TokenizerExceptions, ...additions: TokenizerExceptions[]): Record<string, readonly SpecialCaseToken[]> {
  const merged: Record<string, readonly SpecialCaseToken[]> = { ...base };
  for (const table of additions) {
    for (const [text, tokens] of Object.entries(table)) {
      validateSpecialCase(text, tokens);
      merged[text] = tokens;
    }
  }
  return expandExceptions(merged, "'", "’");
}
