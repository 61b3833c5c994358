/**
 * spaCy's URL pattern (v3.5.4 spacy/lang/tokenizer_exceptions.py, after Diego Perini's
 * MIT-licensed URL regex), in JavaScript syntax. A string the tokenizer cannot otherwise split
 * is kept whole when this matches it. Python's Unicode `\w`, `\d` and `\S` are spelled out,
 * since JavaScript's are ASCII-only or differ on whitespace.
 */
import { ALPHA_LOWER } from "./char-classes.js";
import { PY_SPACE_CLASS } from "./python-text.js";

const WORD = String.raw`\p{L}\p{N}_`;
const DIGIT = String.raw`\p{Nd}`;
const NON_SPACE = `[^${PY_SPACE_CLASS}]`;
const HOST_CHAR = String.raw`A-Za-z0-9\u00a1-\uffff`;

export const URL_PATTERN = [
  "^",
  // protocol identifier, optional, any scheme of two or more characters
  `(?:(?:[${WORD}+\\-.]{2,})://)?`,
  // user:pass authentication, or a mailto user
  `(?:${NON_SPACE}+(?::${NON_SPACE}*)?@)?`,
  "(?:",
  // no private or local IP networks
  `(?!(?:10|127)(?:\\.${DIGIT}{1,3}){3})`,
  `(?!(?:169\\.254|192\\.168)(?:\\.${DIGIT}{1,3}){2})`,
  `(?!172\\.(?:1[6-9]|2${DIGIT}|3[0-1])(?:\\.${DIGIT}{1,3}){2})`,
  // dotted IP address, without network and broadcast addresses or reserved space
  `(?:[1-9]${DIGIT}?|1${DIGIT}${DIGIT}|2[01]${DIGIT}|22[0-3])`,
  `(?:\\.(?:1?${DIGIT}{1,2}|2[0-4]${DIGIT}|25[0-5])){2}`,
  `(?:\\.(?:[1-9]${DIGIT}?|1${DIGIT}${DIGIT}|2[0-4]${DIGIT}|25[0-4]))`,
  "|",
  // host and domain names
  `(?:(?:[${HOST_CHAR}][${HOST_CHAR}_-]{0,62})?[${HOST_CHAR}]\\.)+`,
  // top-level domain: lower-case letters only, so that "lower.Upper" can still be split
  `(?:[${ALPHA_LOWER}]{2,63})`,
  ")",
  // port number
  `(?::${DIGIT}{2,5})?`,
  // resource path
  `(?:[/?#]${NON_SPACE}*)?`,
  "$",
].join("");

/** Matches a whole string that looks like a URL, a domain name or an e-mail address. */
export const URL_MATCH = new RegExp(URL_PATTERN, "u");

export function urlMatch(text: string): boolean {
  return URL_MATCH.test(text);
}
