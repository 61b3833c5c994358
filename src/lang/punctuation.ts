/**
 * The language-neutral prefix, suffix and infix rules, from spaCy v3.5.4 spacy/lang/punctuation.py.
 * Each entry is JavaScript regex source for the `u` flag; `compilePrefixRegex` and friends
 * (affix-regex.ts) anchor and join them.
 */
import {
  ALPHA,
  ALPHA_LOWER,
  ALPHA_UPPER,
  COMBINING_DIACRITICS,
  CONCAT_QUOTES,
  CURRENCY,
  HYPHENS,
  LIST_CURRENCY,
  LIST_ELLIPSES,
  LIST_ICONS,
  LIST_PUNCT,
  LIST_QUOTES,
  PUNCT_CHARS,
  UNITS,
} from "./char-classes.js";

export const BASE_PREFIXES: readonly string[] = [
  "§",
  "%",
  "=",
  "—",
  "–",
  String.raw`\+(?![0-9])`,
  ...LIST_PUNCT,
  ...LIST_ELLIPSES,
  ...LIST_QUOTES,
  ...LIST_CURRENCY,
  ...LIST_ICONS,
];

// spaCy builds this class by pasting the punctuation alternation and a `(?:...)` quote group
// inside `[...]`, so the class also holds "|", "(", "?", ":" and ")". Kept as is for parity.
const BEFORE_PERIOD = `0-9${ALPHA_LOWER}%²\\-\\+${PUNCT_CHARS}|(?:${CONCAT_QUOTES})`;

export const BASE_SUFFIXES: readonly string[] = [
  ...LIST_PUNCT,
  ...LIST_ELLIPSES,
  ...LIST_QUOTES,
  ...LIST_ICONS,
  "'s",
  "'S",
  "’s",
  "’S",
  "—",
  "–",
  String.raw`(?<=[0-9])\+`,
  String.raw`(?<=°[FfCcKk])\.`,
  `(?<=[0-9])(?:${CURRENCY})`,
  `(?<=[0-9])(?:${UNITS})`,
  `(?<=[${BEFORE_PERIOD}])\\.`,
  `(?<=[${ALPHA_UPPER}][${ALPHA_UPPER}])\\.`,
];

export const BASE_INFIXES: readonly string[] = [
  ...LIST_ELLIPSES,
  ...LIST_ICONS,
  String.raw`(?<=[0-9])[+\-\*^](?=[0-9-])`,
  `(?<=[${ALPHA_LOWER}${CONCAT_QUOTES}])\\.(?=[${ALPHA_UPPER}${CONCAT_QUOTES}])`,
  `(?<=[${ALPHA}]),(?=[${ALPHA}])`,
  `(?<=[${ALPHA}])(?:${HYPHENS})(?=[${ALPHA}])`,
  `(?<=[${ALPHA}0-9])[:<>=/](?=[${ALPHA}])`,
];

/**
 * For languages that mark stress with combining diacritics (written in Cyrillic, say): the
 * base suffixes and infixes plus rules that look past one diacritic.
 */
export const COMBINING_DIACRITICS_SUFFIXES: readonly string[] = [...BASE_SUFFIXES, `(?<=[${ALPHA}][${COMBINING_DIACRITICS}])\\.`];

export const COMBINING_DIACRITICS_INFIXES: readonly string[] = [
  ...BASE_INFIXES,
  `(?<=[${ALPHA_LOWER}][${COMBINING_DIACRITICS}])\\.(?=[${ALPHA_UPPER}${CONCAT_QUOTES}])`,
  `(?<=[${ALPHA}][${COMBINING_DIACRITICS}]),(?=[${ALPHA}])`,
  `(?<=[${ALPHA}][${COMBINING_DIACRITICS}])(?:${HYPHENS})(?=[${ALPHA}])`,
  `(?<=[${ALPHA}][${COMBINING_DIACRITICS}])[:<>=/](?=[${ALPHA}])`,
];
