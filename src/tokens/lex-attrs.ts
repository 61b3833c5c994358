/**
 * Lexical attributes: functions of a word's text alone, computed once per vocabulary entry.
 * They follow spaCy v3.5.4 spacy/lang/lex_attrs.py and Python's str methods (isalpha, isdigit,
 * islower, isupper, istitle, isspace), which work on code points, not UTF-16 units.
 */

export interface LexAttrGetters {
  lower(text: string): string;
  norm(text: string): string;
  prefix(text: string): string;
  suffix(text: string): string;
  shape(text: string): string;
  length(text: string): number;
  isAlpha(text: string): boolean;
  isAscii(text: string): boolean;
  isDigit(text: string): boolean;
  isLower(text: string): boolean;
  isUpper(text: string): boolean;
  isTitle(text: string): boolean;
  isSpace(text: string): boolean;
  isPunct(text: string): boolean;
  isBracket(text: string): boolean;
  isQuote(text: string): boolean;
  isLeftPunct(text: string): boolean;
  isRightPunct(text: string): boolean;
  isCurrency(text: string): boolean;
  likeNum(text: string): boolean;
  likeUrl(text: string): boolean;
  likeEmail(text: string): boolean;
}

const ALPHA = /^\p{L}+$/u;
const LETTER = /\p{L}/u;
// Python's isdigit: Numeric_Type Decimal or Digit. JS has no Numeric_Type property, so the
// Digit-only characters (superscripts, circled and dingbat digits...) are listed.
const DIGIT_CHAR = /[\p{Nd}\u00B2\u00B3\u00B9\u1369-\u1371\u19DA\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247C\u2488-\u2490\u24EA\u24F5-\u24FD\u24FF\u2776-\u277E\u2780-\u2788\u278A-\u2792\u{10A40}-\u{10A43}\u{10E60}-\u{10E68}\u{11052}-\u{1105A}\u{1F100}-\u{1F10A}]/u;
const DIGITS = new RegExp(`^(?:${DIGIT_CHAR.source})+$`, "u");
const UPPER = /[\p{Uppercase}\p{Lt}]/u;
const LOWER = /\p{Lowercase}/u;
// Python's isspace: characters of bidirectional class WS, B or S, or category Zs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python counts the separators U+001C-U+001F as space
const SPACES = /^[\s\x1c-\x1f\x85]+$/u;
const PUNCT = /^\p{P}*$/u;
const CURRENCY = /^\p{Sc}*$/u;
const EMAIL = /^[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+/;

const BRACKETS = new Set(["(", ")", "[", "]", "{", "}", "<", ">"]);
const QUOTES = new Set(['"', "'", "`", "«", "»", "‘", "’", "‚", "‛", "“", "”", "„", "‟", "‹", "›", "❮", "❯", "''", "``"]);
const LEFT_PUNCT = new Set(["(", "[", "{", "<", '"', "'", "«", "‘", "‚", "‛", "“", "„", "‟", "‹", "❮", "``"]);
const RIGHT_PUNCT = new Set([")", "]", "}", ">", '"', "'", "»", "’", "”", "›", "❯", "''"]);

// Top-level domains that make "word.tld" look like a URL (spaCy's list).
const TLDS = new Set(
  (
    "com|org|edu|gov|net|mil|aero|asia|biz|cat|coop|info|int|jobs|mobi|museum|name|pro|tel|travel|xyz|icu|xxx|ac|ad|ae|af|ag|ai|al|am|an|ao|aq|ar|as|at|au|aw|" +
    "ax|az|ba|bb|bd|be|bf|bg|bh|bi|bj|bm|bn|bo|br|bs|bt|bv|bw|by|bz|ca|cc|cd|cf|cg|ch|ci|ck|cl|cm|cn|co|cr|cs|cu|cv|cx|cy|cz|dd|de|dj|dk|dm|do|dz|ec|" +
    "ee|eg|eh|er|es|et|eu|fi|fj|fk|fm|fo|fr|ga|gb|gd|ge|gf|gg|gh|gi|gl|gm|gn|gp|gq|gr|gs|gt|gu|gw|gy|hk|hm|hn|hr|ht|hu|id|ie|il|im|in|io|iq|ir|is|it|" +
    "je|jm|jo|jp|ke|kg|kh|ki|km|kn|kp|kr|kw|ky|kz|la|lb|lc|li|lk|lr|ls|lt|lu|lv|ly|ma|mc|md|me|mg|mh|mk|ml|mm|mn|mo|mp|mq|mr|ms|mt|mu|mv|mw|mx|my|mz|" +
    "na|nc|ne|nf|ng|ni|nl|no|np|nr|nu|nz|om|pa|pe|pf|pg|ph|pk|pl|pm|pn|pr|ps|pt|pw|py|qa|re|ro|rs|ru|rw|sa|sb|sc|sd|se|sg|sh|si|sj|sk|sl|sm|sn|so|sr|" +
    "ss|st|su|sv|sy|sz|tc|td|tf|tg|th|tj|tk|tl|tm|tn|to|tp|tr|tt|tv|tw|tz|ua|ug|uk|us|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|za|zm|zw"
  ).split("|"),
);

/**
 * Normalised forms shared by every language (spaCy's BASE_NORMS): curly quotes become straight
 * ones, dashes a hyphen, currency symbols "$", so that equivalent tokens get similar features.
 */
export const BASE_NORMS: ReadonlyMap<string, string> = new Map([
  ["'s", "'s"], ["'S", "'s"], ["’s", "'s"], ["’S", "'s"], ["’", "'"], ["‘", "'"], ["´", "'"], ["`", "'"], ["”", '"'], ["“", '"'], ["''", '"'],
  ["``", '"'], ["´´", '"'], ["„", '"'], ["»", '"'], ["«", '"'], ["‘‘", '"'], ["’’", '"'], ["？", "?"], ["！", "!"], ["，", ","], ["；", ";"],
  ["：", ":"], ["。", "."], ["।", "."], ["…", "..."], ["—", "-"], ["–", "-"], ["--", "-"], ["---", "-"], ["——", "-"], ["€", "$"], ["£", "$"],
  ["¥", "$"], ["฿", "$"], ["US$", "$"], ["C$", "$"], ["A$", "$"], ["₺", "$"], ["₹", "$"], ["৳", "$"], ["₩", "$"], ["Mex$", "$"], ["₣", "$"],
  ["E£", "$"],
]);

function codePoints(text: string): string[] {
  return Array.from(text);
}

function isLower(text: string): boolean {
  return LOWER.test(text) && !UPPER.test(text);
}

function isUpper(text: string): boolean {
  // Python: at least one cased character and no lowercase or titlecase one.
  return /\p{Uppercase}/u.test(text) && !LOWER.test(text) && !/\p{Lt}/u.test(text);
}

function isTitle(text: string): boolean {
  let previousCased = false;
  let sawCased = false;
  for (const char of text) {
    if (UPPER.test(char)) {
      if (previousCased) return false;
      previousCased = true;
      sawCased = true;
    } else if (LOWER.test(char)) {
      if (!previousCased) return false;
      previousCased = true;
      sawCased = true;
    } else {
      previousCased = false;
    }
  }
  return sawCased;
}

function shape(text: string): string {
  const chars = codePoints(text);
  if (chars.length >= 100) return "LONG";
  let out = "";
  let last = "";
  let run = 0;
  for (const char of chars) {
    let shapeChar: string;
    if (LETTER.test(char)) shapeChar = /\p{Uppercase}/u.test(char) ? "X" : "x";
    else if (DIGIT_CHAR.test(char)) shapeChar = "d";
    else shapeChar = char;
    if (shapeChar === last) run++;
    else {
      run = 0;
      last = shapeChar;
    }
    if (run < 4) out += shapeChar;
  }
  return out;
}

function likeNum(text: string): boolean {
  let rest = /^[+\-±~]/.test(text) ? text.slice(1) : text;
  rest = rest.replace(/[,.]/g, "");
  if (DIGITS.test(rest)) return true;
  const parts = rest.split("/");
  return parts.length === 2 && DIGITS.test(parts[0]!) && DIGITS.test(parts[1]!);
}

/** spaCy's like_url, with the language's URL pattern as the last resort. */
export function likeUrlWith(urlMatch?: (text: string) => boolean): (text: string) => boolean {
  return (text) => {
    if (text.startsWith("http://") || text.startsWith("https://")) return true;
    if (text.startsWith("www.") && text.length >= 5) return true;
    if (text === "" || text.startsWith(".") || text.endsWith(".")) return false;
    if (text.includes("@")) return false;
    const dot = text.lastIndexOf(".");
    if (dot < 0) return false;
    const tld = text.slice(dot + 1).split(":", 1)[0]!;
    if (tld.endsWith("/")) return true;
    if (ALPHA.test(tld) && TLDS.has(tld)) return true;
    return urlMatch?.(text) ?? false;
  };
}

export const DEFAULT_LEX_ATTRS: LexAttrGetters = {
  lower: (text) => text.toLowerCase(),
  norm: (text) => BASE_NORMS.get(text) ?? text.toLowerCase(),
  prefix: (text) => codePoints(text)[0] ?? "",
  suffix: (text) => codePoints(text).slice(-3).join(""),
  shape,
  length: (text) => codePoints(text).length,
  isAlpha: (text) => ALPHA.test(text),
  isAscii: (text) => { for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false; return true; },
  isDigit: (text) => DIGITS.test(text),
  isLower,
  isUpper,
  isTitle,
  isSpace: (text) => SPACES.test(text),
  isPunct: (text) => PUNCT.test(text),
  isBracket: (text) => BRACKETS.has(text),
  isQuote: (text) => QUOTES.has(text),
  isLeftPunct: (text) => LEFT_PUNCT.has(text),
  isRightPunct: (text) => RIGHT_PUNCT.has(text),
  isCurrency: (text) => CURRENCY.test(text),
  likeNum,
  likeUrl: likeUrlWith(),
  likeEmail: (text) => EMAIL.test(text),
};
