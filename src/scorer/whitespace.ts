import { isSpaceCode } from "../tokens/alignment.js";

/** Python's str.isspace(): non-empty and whitespace only. spaCy's scorers skip such predicted tokens. */
export function isSpaceText(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}
