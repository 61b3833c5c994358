/**
 * Turn lists of affix patterns into the three regexes the tokenizer searches with, joined the
 * way spaCy v3.5.4 joins them (spacy/util.py compile_prefix_regex and friends): each prefix
 * anchored with `^`, each suffix with `$`, infixes unanchored. Patterns are JavaScript regex
 * source for the `u` flag, or RegExp objects (their source is used).
 */
import { TsnlpError } from "../util/errors.js";

export type AffixPattern = string | RegExp;

function sources(entries: Iterable<AffixPattern>): string[] {
  const result: string[] = [];
  for (const entry of entries) {
    const source = typeof entry === "string" ? entry : entry.source;
    // spaCy drops blank entries, such as the empty one its quote list contains.
    if (source.trim() !== "") result.push(source);
  }
  return result;
}

/** Compile regex source with the `u` flag, naming the rule list when it is not valid. */
export function compileRule(source: string, flags: string, what: string): RegExp {
  try {
    return new RegExp(source, flags.includes("u") || flags.includes("v") ? flags : `${flags}u`);
  } catch (error) {
    throw new TsnlpError("E_TOKENIZER_RULE", `The tokenizer's ${what} do not form a valid regular expression: ${(error as Error).message}`, {
      hint: "Tokenizer rules are JavaScript regular expressions compiled with the 'u' flag: escape only syntax characters (write '!' rather than '\\!').",
      cause: error,
    });
  }
}

/** One regex matching any of the prefixes at the start of a string. */
export function compilePrefixRegex(entries: Iterable<AffixPattern>): RegExp {
  return compileRule(
    sources(entries)
      .map((source) => `^${source}`)
      .join("|"),
    "u",
    "prefixes",
  );
}

/** One regex matching any of the suffixes at the end of a string; the leftmost match wins. */
export function compileSuffixRegex(entries: Iterable<AffixPattern>): RegExp {
  return compileRule(
    sources(entries)
      .map((source) => `${source}$`)
      .join("|"),
    "u",
    "suffixes",
  );
}

/** One global regex finding every infix in a string. */
export function compileInfixRegex(entries: Iterable<AffixPattern>): RegExp {
  return compileRule(sources(entries).join("|"), "gu", "infixes");
}
