/**
 * English infixes, from spaCy v3.5.4 spacy/lang/en/punctuation.py. They differ from the base
 * infixes in one place: a hyphen after a digit splits too ("3-year" → "3", "-", "year").
 */
import { ALPHA, ALPHA_LOWER, ALPHA_UPPER, CONCAT_QUOTES, HYPHENS, LIST_ELLIPSES, LIST_ICONS } from "../char-classes.js";

export const EN_INFIXES: readonly string[] = [
  ...LIST_ELLIPSES,
  ...LIST_ICONS,
  String.raw`(?<=[0-9])[+\-\*^](?=[0-9-])`,
  `(?<=[${ALPHA_LOWER}${CONCAT_QUOTES}])\\.(?=[${ALPHA_UPPER}${CONCAT_QUOTES}])`,
  `(?<=[${ALPHA}]),(?=[${ALPHA}])`,
  `(?<=[${ALPHA}0-9])(?:${HYPHENS})(?=[${ALPHA}])`,
  `(?<=[${ALPHA}0-9])[:<>=/](?=[${ALPHA}])`,
];
