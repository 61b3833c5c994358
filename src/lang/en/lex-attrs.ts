/** English lexical attributes, from spaCy v3.5.4 spacy/lang/en/lex_attrs.py. */
import { isDigits } from "../python-text.js";

const NUMBER_WORDS = new Set(
  (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen " +
    "twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion quadrillion gajillion bazillion"
  ).split(" "),
);

const ORDINAL_WORDS = new Set(
  (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth " +
    "seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth " +
    "thousandth millionth billionth trillionth quadrillionth gajillionth bazillionth"
  ).split(" "),
);

/** Digits ("10,000", "3.5", "+7"), fractions ("1/2"), number words ("ten", "Tenth") and "21st". */
export function likeNumEn(text: string): boolean {
  let rest = /^[+\-±~]/u.test(text) ? text.slice(1) : text;
  rest = rest.replaceAll(",", "").replaceAll(".", "");
  if (isDigits(rest)) return true;
  const parts = rest.split("/");
  if (parts.length === 2 && isDigits(parts[0]!) && isDigits(parts[1]!)) return true;
  const lower = rest.toLowerCase();
  if (NUMBER_WORDS.has(lower) || ORDINAL_WORDS.has(lower)) return true;
  return /(?:st|nd|rd|th)$/u.test(lower) && isDigits(lower.slice(0, -2));
}
