/**
 * spaCy's rule-based tokenizer (spacy.Tokenizer.v1; algorithm of spaCy v3.5.4
 * spacy/tokenizer.pyx). The text is cut at whitespace; each chunk is then, in order:
 *
 * 1. looked up as a special case (tokenizer exception), then in the cache;
 * 2. stripped of prefixes and suffixes, one of each per round, until none is left, a
 *    special case is uncovered or `tokenMatch` accepts what remains;
 * 3. what remains is a special case, a `tokenMatch` or `urlMatch` token, or is split at infixes.
 *
 * A single space after a token becomes its trailing-space flag; any other whitespace becomes a
 * token of its own. Last, special cases that affix splitting broke apart are found again across
 * tokens and restored.
 */
import { Doc } from "../tokens/doc.js";
import type { Vocab } from "../tokens/vocab.js";
import { type AffixPattern, compileInfixRegex, compilePrefixRegex, compileRule, compileSuffixRegex } from "./affix-regex.js";
import { type SpecialCaseToken, type TokenizerExceptions, validateSpecialCase } from "./exceptions.js";
import { isSpace, isSpaceCode } from "./python-text.js";
import { SpecialCaseMatcher } from "./special-matcher.js";

/** A whole-string test, such as `urlMatch`; a RegExp must match from the start of the string (Python's `re.match`). */
export type TextMatcher = RegExp | ((text: string) => boolean);

/** Affix rules: a list of patterns to anchor and join, or one ready regex to search with. */
export type AffixRules = readonly AffixPattern[] | RegExp;

export interface TokenizerRules {
  prefixes?: AffixRules | null;
  suffixes?: AffixRules | null;
  infixes?: AffixRules | null;
  exceptions?: TokenizerExceptions | null;
  /** Strings kept as one token before any affix is split off. */
  tokenMatch?: TextMatcher | null;
  /** Strings kept as one token once affixes are split off, before infixes are. */
  urlMatch?: TextMatcher | null;
}

export interface TokenizerOptions {
  vocab: Vocab;
  rules?: TokenizerRules;
  /**
   * Look for broken-up special cases only among those that contain an affix, an infix or a
   * space (spaCy's default). false checks every special case.
   */
  fasterHeuristics?: boolean;
}

/** The tokenizer's output before it becomes a Doc. */
export interface TokenizedText {
  words: string[];
  /** Whether a space follows each word. */
  spaces: boolean[];
  /** A special case's NORM for the token, or undefined. */
  norms: Array<string | undefined>;
}

/** The rules as data, for saving a tokenizer: regex sources (loaded with the `u` flag) and the exceptions. */
export interface TokenizerData {
  prefixSearch: string | null;
  suffixSearch: string | null;
  infixFinditer: string | null;
  tokenMatch: string | null;
  urlMatch: string | null;
  exceptions: Record<string, SpecialCaseToken[]>;
  fasterHeuristics: boolean;
}

/** Tokens for one chunk of text. `norms` is null when no token has a norm of its own. */
interface Pieces {
  readonly orths: readonly string[];
  readonly norms: ReadonlyArray<string | undefined> | null;
}

// A cache of this many chunks is dropped and started afresh; results do not change.
const CACHE_LIMIT = 200_000;

function searchRegex(rules: AffixRules | null | undefined, compile: (entries: readonly AffixPattern[]) => RegExp, global: boolean): RegExp | null {
  if (rules === null || rules === undefined) return null;
  // A ready regex keeps its own flags, only made global (infixes) or not (prefixes, suffixes).
  if (rules instanceof RegExp) return new RegExp(rules.source, rules.flags.replace(/[gy]/g, "") + (global ? "g" : ""));
  return rules.length === 0 ? null : compile(rules);
}

/** A matcher as a predicate; a RegExp becomes sticky so that it only matches at the start, like Python's `re.match`. */
function matcherFunction(matcher: TextMatcher | null | undefined): ((text: string) => boolean) | null {
  if (matcher === null || matcher === undefined) return null;
  if (typeof matcher === "function") return matcher;
  const sticky = new RegExp(matcher.source, `${matcher.flags.replace(/[gy]/g, "")}y`);
  return (text: string): boolean => {
    sticky.lastIndex = 0;
    return sticky.test(text);
  };
}

function sourceOf(matcher: TextMatcher | null | undefined): string | null {
  return matcher instanceof RegExp ? matcher.source : null;
}

export class Tokenizer {
  readonly vocab: Vocab;
  readonly prefixSearch: RegExp | null;
  readonly suffixSearch: RegExp | null;
  /** Global: use with `lastIndex`. */
  readonly infixFinditer: RegExp | null;
  readonly tokenMatch: ((text: string) => boolean) | null;
  readonly urlMatch: ((text: string) => boolean) | null;
  readonly fasterHeuristics: boolean;

  private readonly specials = new Map<string, Pieces>();
  private readonly ruleTable = new Map<string, readonly SpecialCaseToken[]>();
  private readonly cache = new Map<string, Pieces>();
  private readonly matcher = new SpecialCaseMatcher();
  private readonly matcherSources: { tokenMatch: string | null; urlMatch: string | null };

  constructor(options: TokenizerOptions) {
    const rules = options.rules ?? {};
    this.vocab = options.vocab;
    this.prefixSearch = searchRegex(rules.prefixes, compilePrefixRegex, false);
    this.suffixSearch = searchRegex(rules.suffixes, compileSuffixRegex, false);
    this.infixFinditer = searchRegex(rules.infixes, compileInfixRegex, true);
    this.tokenMatch = matcherFunction(rules.tokenMatch);
    this.urlMatch = matcherFunction(rules.urlMatch);
    this.matcherSources = { tokenMatch: sourceOf(rules.tokenMatch), urlMatch: sourceOf(rules.urlMatch) };
    this.fasterHeuristics = options.fasterHeuristics ?? true;
    for (const [text, tokens] of Object.entries(rules.exceptions ?? {})) this.addSpecialCase(text, tokens);
  }

  /** Tokenize a text into a Doc. */
  call(text: string): Doc {
    const { words, spaces, norms } = this.split(text);
    return new Doc(this.vocab, { words, spaces, norms });
  }

  /** Tokenize many texts. */
  *pipe(texts: Iterable<string>): IterableIterator<Doc> {
    for (const text of texts) yield this.call(text);
  }

  /** The special cases, by the string each one splits. */
  get rules(): ReadonlyMap<string, readonly SpecialCaseToken[]> {
    return this.ruleTable;
  }

  /**
   * Split `text` into tokens in a fixed way, e.g. `addSpecialCase("gimme", [{ ORTH: "gim" }, { ORTH: "me" }])`.
   * The ORTHs must join to `text`; a token may also set NORM.
   */
  addSpecialCase(text: string, tokens: readonly SpecialCaseToken[]): void {
    validateSpecialCase(text, tokens);
    const copy = tokens.map((token) => (token.NORM === undefined ? { ORTH: token.ORTH } : { ORTH: token.ORTH, NORM: token.NORM }));
    const hasNorm = copy.some((token) => token.NORM !== undefined);
    this.specials.set(text, { orths: copy.map((token) => token.ORTH), norms: hasNorm ? copy.map((token) => token.NORM) : null });
    this.ruleTable.set(text, copy);
    this.cache.clear();
    if (!this.fasterHeuristics || this.prefixLength(text) > 0 || this.suffixLength(text) > 0 || this.hasInfix(text) || text.includes(" ")) {
      this.matcher.add(this.tokenizeAffixes(text, false).words);
    }
  }

  /** Tokenize `text`: words, trailing-space flags and the norms special cases set. */
  split(text: string): TokenizedText {
    const out = this.tokenizeAffixes(text, true);
    if (this.matcher.size > 0) return this.restoreSpecialCases(out);
    return out;
  }

  /**
   * How each token came about, as [rule, token] pairs: PREFIX, SUFFIX, INFIX, TOKEN, TOKEN_MATCH,
   * URL_MATCH or SPECIAL-n (the nth token of a special case). Whitespace tokens are left out.
   */
  explain(text: string): Array<[string, string]> {
    const labels: string[] = [];
    const out = this.tokenizeAffixes(text, true, labels);
    const restored = this.restoreSpecialCases(out, labels);
    const result: Array<[string, string]> = [];
    restored.words.forEach((word, i) => {
      if (!isSpace(word)) result.push([labels[i] ?? "TOKEN", word]);
    });
    return result;
  }

  /** Length of the prefix to split off `text`, or 0. */
  prefixLength(text: string): number {
    if (this.prefixSearch === null) return 0;
    const match = this.prefixSearch.exec(text);
    return match === null ? 0 : match[0].length;
  }

  /** Length of the suffix to split off `text`, or 0. */
  suffixLength(text: string): number {
    if (this.suffixSearch === null) return 0;
    const match = this.suffixSearch.exec(text);
    return match === null ? 0 : match[0].length;
  }

  /** Each infix in `text` as [start, end) in UTF-16 units. */
  findInfixes(text: string): Array<[number, number]> {
    const regex = this.infixFinditer;
    if (regex === null) return [];
    const found: Array<[number, number]> = [];
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      const end = match.index + match[0].length;
      found.push([match.index, end]);
      // An empty match would be found again at the same place.
      if (end === match.index) regex.lastIndex = end + (text.codePointAt(end)! > 0xffff ? 2 : 1);
    }
    return found;
  }

  /** The rules as data; a tokenMatch or urlMatch given as a function is saved as null. */
  toJSON(): TokenizerData {
    return {
      prefixSearch: this.prefixSearch?.source ?? null,
      suffixSearch: this.suffixSearch?.source ?? null,
      infixFinditer: this.infixFinditer?.source ?? null,
      tokenMatch: this.matcherSources.tokenMatch,
      urlMatch: this.matcherSources.urlMatch,
      exceptions: Object.fromEntries([...this.ruleTable].map(([text, tokens]) => [text, tokens.map((token) => ({ ...token }))])),
      fasterHeuristics: this.fasterHeuristics,
    };
  }

  /** A tokenizer from `toJSON` data; functions that cannot be saved can be passed in `overrides`. */
  static fromJSON(vocab: Vocab, data: TokenizerData, overrides: Partial<Pick<TokenizerRules, "tokenMatch" | "urlMatch">> = {}): Tokenizer {
    const regex = (source: string | null): RegExp | null => (source === null ? null : compileRule(source, "u", "saved rules"));
    return new Tokenizer({
      vocab,
      fasterHeuristics: data.fasterHeuristics,
      rules: {
        prefixes: regex(data.prefixSearch),
        suffixes: regex(data.suffixSearch),
        infixes: regex(data.infixFinditer),
        tokenMatch: overrides.tokenMatch !== undefined ? overrides.tokenMatch : regex(data.tokenMatch),
        urlMatch: overrides.urlMatch !== undefined ? overrides.urlMatch : regex(data.urlMatch),
        exceptions: data.exceptions,
      },
    });
  }

  private hasInfix(text: string): boolean {
    const regex = this.infixFinditer;
    if (regex === null) return false;
    regex.lastIndex = 0;
    return regex.test(text);
  }

  /**
   * Steps 1-3 for every whitespace-delimited chunk. With `withSpecials` false, special cases
   * are ignored and nothing is cached: that is how a special case's own string tokenizes, the
   * pattern to look for when restoring it.
   */
  private tokenizeAffixes(text: string, withSpecials: boolean, labels?: string[]): TokenizedText {
    const words: string[] = [];
    const spaces: boolean[] = [];
    const norms: Array<string | undefined> = [];
    const n = text.length;
    if (n === 0) return { words, spaces, norms };
    const append = (chunk: string): void => {
      const pieces = this.chunkPieces(chunk, withSpecials, labels);
      const { orths, norms: chunkNorms } = pieces;
      for (let k = 0; k < orths.length; k++) {
        words.push(orths[k]!);
        spaces.push(false);
        norms.push(chunkNorms === null ? undefined : chunkNorms[k]);
      }
    };
    let start = 0;
    let inSpace = isSpaceCode(text.charCodeAt(0));
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (isSpaceCode(code) === inSpace) continue;
      if (start < i) append(text.slice(start, i));
      // One plain space after a token is its trailing space; other whitespace forms tokens.
      if (code === 0x20) {
        spaces[spaces.length - 1] = true;
        start = i + 1;
      } else {
        start = i;
      }
      inSpace = !inSpace;
    }
    if (start < n) append(text.slice(start));
    return { words, spaces, norms };
  }

  private chunkPieces(chunk: string, withSpecials: boolean, labels?: string[]): Pieces {
    if (!withSpecials || labels !== undefined) return this.splitChunk(chunk, withSpecials, labels);
    const special = this.specials.get(chunk);
    if (special !== undefined) return special;
    let pieces = this.cache.get(chunk);
    if (pieces === undefined) {
      pieces = this.splitChunk(chunk, true);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(chunk, pieces);
    }
    return pieces;
  }

  /** Steps 1-3 for one chunk, without the cache. */
  private splitChunk(chunk: string, withSpecials: boolean, labels?: string[]): Pieces {
    const specials = withSpecials ? this.specials : null;
    if (specials !== null) {
      const special = specials.get(chunk);
      if (special !== undefined) {
        labels?.push(...special.orths.map((_, k) => `SPECIAL-${k + 1}`));
        return special;
      }
    }
    const prefixes: string[] = [];
    const suffixes: string[] = [];
    let core = chunk;
    let lastLength = 0;
    while (core.length > 0 && core.length !== lastLength) {
      if (this.tokenMatch?.(core)) break;
      if (specials?.has(core)) break;
      lastLength = core.length;
      const preLength = this.prefixLength(core);
      if (preLength > 0 && specials !== null) {
        const rest = core.slice(preLength);
        if (rest.length > 0 && specials.has(rest)) {
          prefixes.push(core.slice(0, preLength));
          core = rest;
          break;
        }
      }
      const sufLength = this.suffixLength(preLength > 0 ? core.slice(preLength) : core);
      if (sufLength > 0 && specials !== null) {
        const rest = core.slice(0, core.length - sufLength);
        if (rest.length > 0 && specials.has(rest)) {
          suffixes.push(core.slice(core.length - sufLength));
          core = rest;
          break;
        }
      }
      if (preLength > 0 && sufLength > 0 && preLength + sufLength <= core.length) {
        prefixes.push(core.slice(0, preLength));
        suffixes.push(core.slice(core.length - sufLength));
        core = core.slice(preLength, core.length - sufLength);
      } else if (preLength > 0) {
        prefixes.push(core.slice(0, preLength));
        core = core.slice(preLength);
      } else if (sufLength > 0) {
        suffixes.push(core.slice(core.length - sufLength));
        core = core.slice(0, core.length - sufLength);
      }
    }

    const orths: string[] = [...prefixes];
    labels?.push(...prefixes.map(() => "PREFIX"));
    let norms: Array<string | undefined> | null = null;
    if (core.length > 0) {
      const special = specials?.get(core);
      // The core has no affixes left, so its tokens as a chunk of its own are what step 3 gives.
      const known = special ?? (withSpecials && labels === undefined ? this.cache.get(core) : undefined);
      if (known !== undefined) {
        if (known.norms !== null) norms = [...prefixes.map(() => undefined), ...known.norms];
        orths.push(...known.orths);
        labels?.push(...known.orths.map((_, k) => `SPECIAL-${k + 1}`));
      } else if (this.tokenMatch?.(core)) {
        orths.push(core);
        labels?.push("TOKEN_MATCH");
      } else if (this.urlMatch?.(core)) {
        orths.push(core);
        labels?.push("URL_MATCH");
      } else {
        this.splitInfixes(core, orths, labels);
      }
    }
    for (let k = suffixes.length - 1; k >= 0; k--) orths.push(suffixes[k]!);
    labels?.push(...suffixes.map(() => "SUFFIX"));
    if (norms !== null) while (norms.length < orths.length) norms.push(undefined);
    return { orths, norms };
  }

  private splitInfixes(text: string, orths: string[], labels?: string[]): void {
    const infixes = this.infixFinditer === null ? [] : this.findInfixes(text);
    if (infixes.length === 0) {
      orths.push(text);
      labels?.push("TOKEN");
      return;
    }
    let start = 0;
    for (const [infixStart, infixEnd] of infixes) {
      // An infix at the very start does not split: it stays with the text after it.
      if (infixStart === 0) continue;
      if (infixStart !== start) {
        orths.push(text.slice(start, infixStart));
        labels?.push("TOKEN");
      }
      // An empty infix splits without a token of its own.
      if (infixStart !== infixEnd) {
        orths.push(text.slice(infixStart, infixEnd));
        labels?.push("INFIX");
      }
      start = infixEnd;
    }
    if (start < text.length) {
      orths.push(text.slice(start));
      labels?.push("TOKEN");
    }
  }

  /** The last step: replace token sequences that spell a broken-up special case by its tokens. */
  private restoreSpecialCases(out: TokenizedText, labels?: string[]): TokenizedText {
    const spans = this.matcher.spans(out.words);
    if (spans.length === 0) return out;
    const { words, spaces, norms } = out;
    const result: TokenizedText = { words: [], spaces: [], norms: [] };
    const newLabels: string[] = [];
    let i = 0;
    for (const [start, end] of spans) {
      for (; i < start; i++) {
        result.words.push(words[i]!);
        result.spaces.push(spaces[i]!);
        result.norms.push(norms[i]);
        if (labels) newLabels.push(labels[i]!);
      }
      let text = "";
      for (let k = start; k < end; k++) text += spaces[k] && k < end - 1 ? `${words[k]} ` : words[k];
      const special = this.specials.get(text);
      if (special === undefined) continue;
      special.orths.forEach((orth, k) => {
        result.words.push(orth);
        result.spaces.push(false);
        result.norms.push(special.norms?.[k]);
        if (labels) newLabels.push(`SPECIAL-${k + 1}`);
      });
      result.spaces[result.spaces.length - 1] = spaces[end - 1]!;
      i = end;
    }
    for (; i < words.length; i++) {
      result.words.push(words[i]!);
      result.spaces.push(spaces[i]!);
      result.norms.push(norms[i]);
      if (labels) newLabels.push(labels[i]!);
    }
    if (labels) labels.splice(0, labels.length, ...newLabels);
    return result;
  }
}
