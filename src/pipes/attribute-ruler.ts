/**
 * The attribute_ruler component (spaCy's AttributeRuler, spacy/pipeline/attributeruler.py,
 * v3.5.4): token attributes (TAG, POS, MORPH, LEMMA, NORM, ...) set on tokens that Matcher
 * patterns find, e.g. `{"patterns": [[{"ORTH": "s"}]], "attrs": {"LEMMA": "be"}, "index": 0}`.
 * `index` picks the token of the match to change (negative counts from the end). Rules apply
 * in the order they were added, so a later rule wins over an earlier one on the same token.
 *
 * Tag maps and morph rules, spaCy 2's formats, load as patterns on TAG (and ORTH): their
 * keys that are not token attributes become morphological features. On disk the component is
 * a folder with `patterns.jsonl`, one rule per line; a `patterns` file that spaCy wrote
 * (msgpack) loads too.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJsonl, srslyJsonl } from "../matcher/json-files.js";
import { Matcher } from "../matcher/matcher.js";
import type { TokenPattern } from "../matcher/token-pattern.js";
import { IOB_STRINGS } from "../tokens/attrs.js";
import { unpackValue } from "../tokens/docbin-msgpack.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import { LEXEME_FLAGS, type LexemeFlag } from "../tokens/lexeme.js";
import { EMPTY_MORPH, type MorphFeatures, normalizeFeats } from "../tokens/morphology.js";
import { SYMBOL_IDS } from "../tokens/symbols.js";
import type { Vocab } from "../tokens/vocab.js";
import { isTsnlpError, TsnlpError } from "../util/errors.js";
import { readTextFile, writeFileAtomic } from "../util/io.js";
import { didYouMean } from "../util/suggest.js";
import { type InitializeOptions, Pipe, type Scores, type ScorerFn } from "./pipe.js";

/** One rule: Matcher patterns, the attributes to set, and which token of a match gets them. */
export interface AttributeRulerPattern {
  patterns: TokenPattern[];
  attrs: Record<string, unknown>;
  index?: number;
}

/** Tag -> attributes (POS, MORPH, ... and morphological features such as "Number": "Sing"). */
export type TagMap = Record<string, Record<string, unknown>>;
/** Tag -> word -> attributes, as a tag map per word. */
export type MorphRules = Record<string, Record<string, Record<string, unknown>>>;

export interface AttributeRulerOptions {
  /** Kept for spaCy's signature: patterns are always checked. */
  validate?: boolean;
  scorer?: ScorerFn | null;
}

/** The attributes a rule may set, by spaCy's names, and what each value may be. */
const STRING_ATTRS = ["TAG", "POS", "LEMMA", "NORM", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID"] as const;
type StringAttr = (typeof STRING_ATTRS)[number];
type SettableAttr = StringAttr | "MORPH" | "ENT_IOB" | "SENT_START" | LexemeFlag;

const SETTABLE: readonly string[] = [...STRING_ATTRS, "MORPH", "ENT_IOB", "SENT_START", ...Object.keys(LEXEME_FLAGS)];
const ALIASES: Record<string, string> = { IS_SENT_START: "SENT_START" };

/** Universal POS tags (and spaCy's EOL and SPACE), which POS values must be. */
const UNIVERSAL_POS = new Set([
  "ADJ",
  "ADP",
  "ADV",
  "AUX",
  "CONJ",
  "CCONJ",
  "DET",
  "INTJ",
  "NOUN",
  "NUM",
  "PART",
  "PRON",
  "PROPN",
  "PUNCT",
  "SCONJ",
  "SYM",
  "VERB",
  "X",
  "EOL",
  "SPACE",
]);

const PATTERNS_FILE = "patterns.jsonl";
/** What spaCy's to_disk writes: the rules as msgpack. */
const SPACY_PATTERNS_FILE = "patterns";

type NormalizedAttrs = Array<[SettableAttr, string | number | boolean]>;

export class AttributeRuler extends Pipe {
  readonly vocab: Vocab;
  readonly validate: boolean;
  scorer?: ScorerFn;
  matcher!: Matcher;
  private attrs: NormalizedAttrs[] = [];
  private attrsAsGiven: Array<Record<string, unknown>> = [];
  private indices: number[] = [];

  constructor(vocab: Vocab, name = "attribute_ruler", options: AttributeRulerOptions = {}) {
    super(name, "attribute_ruler");
    this.vocab = vocab;
    this.validate = options.validate ?? false;
    this.scorer = options.scorer ?? undefined;
    this.clear();
  }

  /** The number of rules. */
  get size(): number {
    return this.attrs.length;
  }

  /** Forget every rule. */
  clear(): void {
    this.matcher = new Matcher(this.vocab, { validate: this.validate });
    this.attrs = [];
    this.attrsAsGiven = [];
    this.indices = [];
  }

  /**
   * Replace the rules by those of [initialize.components.NAME]: `patterns` (a list of rules,
   * e.g. read with srsly.read_jsonl.v1), `tag_map` and `morph_rules`, in that order.
   */
  override initialize(_getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    this.clear();
    const settings = options.settings ?? {};
    const where = `[initialize.components.${this.name}]`;
    if (settings.patterns !== undefined && settings.patterns !== null) {
      if (!Array.isArray(settings.patterns)) {
        throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} patterns must be a list of rules, got ${typeof settings.patterns}.`, {
          hint: 'Read them from a file with @readers = "srsly.read_jsonl.v1" and path = "patterns.jsonl".',
        });
      }
      this.addPatterns(settings.patterns as AttributeRulerPattern[]);
    }
    if (settings.tag_map !== undefined && settings.tag_map !== null) this.loadFromTagMap(checkObject(settings.tag_map, `${where} tag_map`) as TagMap);
    if (settings.morph_rules !== undefined && settings.morph_rules !== null) {
      this.loadFromMorphRules(checkObject(settings.morph_rules, `${where} morph_rules`) as MorphRules);
    }
  }

  override call(doc: Doc): Doc {
    this.setAnnotations(doc, this.match(doc));
    return doc;
  }

  /** Matches as [rule, start, end], in rule order and then by position, so that later rules win. */
  match(doc: Doc): Array<[number, number, number]> {
    return this.matcher
      .call(doc, { allowMissing: true })
      .map(([key, start, end]): [number, number, number] => [Number(key), start, end])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  }

  setAnnotations(doc: Doc, matches: ReadonlyArray<readonly [number, number, number]>): void {
    for (const [rule, start, end] of matches) {
      const index = this.indices[rule]!;
      const at = index < 0 ? end + index : start + index;
      if (at < start || at >= end) {
        throw new TsnlpError(
          "E_ATTRIBUTE_RULER_INDEX",
          `Rule ${rule} of the attribute ruler '${this.name}' has index ${index}, but its match "${doc.words.slice(start, end).join(" ")}" has only ${end - start} token${end - start === 1 ? "" : "s"}.`,
          {
            hint: `Give an index inside every match of the patterns ${JSON.stringify(this.matcher.get(String(rule))?.patterns)} (from ${-(end - start)} to ${end - start - 1}).`,
          },
        );
      }
      setTokenAttrs(doc, at, this.attrs[rule]!);
    }
  }

  /**
   * Add a rule: tokens matched by `patterns` get `attrs`; `index` picks the token of each
   * match (0 the first, -1 the last).
   */
  add(patterns: readonly TokenPattern[], attrs: Record<string, unknown>, index = 0): void {
    const rule = this.attrs.length;
    if (!Number.isInteger(index)) {
      throw new TsnlpError("E_ATTRIBUTE_RULER", `The attribute ruler rule ${rule} has index ${JSON.stringify(index)}; it must be a whole number.`, {
        hint: "Use 0 for the first token of a match, -1 for the last.",
      });
    }
    const normalized = normalizeAttrs(attrs, `the attrs of attribute ruler rule ${rule}`);
    this.matcher.add(String(rule), patterns);
    this.attrsAsGiven.push(attrs);
    this.attrs.push(normalized);
    this.indices.push(index);
  }

  /** Add rules given as {patterns, attrs, index} objects. */
  addPatterns(rules: Iterable<AttributeRulerPattern>): void {
    let n = 0;
    for (const rule of rules) {
      const where = `attribute ruler rule ${this.attrs.length} (entry ${n++} of the list)`;
      if (rule === null || typeof rule !== "object" || Array.isArray(rule) || !Array.isArray(rule.patterns)) {
        throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} must be an object with "patterns" (a list of token patterns) and "attrs".`, { hint: RULE_HINT });
      }
      const extra = Object.keys(rule).filter((key) => key !== "patterns" && key !== "attrs" && key !== "index");
      if (extra.length > 0) throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} has unknown keys: ${extra.join(", ")}.`, { hint: RULE_HINT });
      this.add(rule.patterns, checkObject(rule.attrs, `the attrs of ${where}`), rule.index ?? 0);
    }
  }

  /** Rules from a tag map: each tag's tokens get its attributes; keys that are not token attributes become morphological features. */
  loadFromTagMap(tagMap: TagMap): void {
    for (const [tag, entry] of Object.entries(tagMap)) {
      const attrs = withMorph(checkObject(entry, `the tag map entry for "${tag}"`), true);
      this.add([[{ TAG: tag }]], attrs);
    }
  }

  /** Rules from morph rules: each word with each tag gets its attributes, as in a tag map. */
  loadFromMorphRules(morphRules: MorphRules): void {
    for (const [tag, byWord] of Object.entries(morphRules)) {
      for (const [word, entry] of Object.entries(checkObject(byWord, `the morph rules for "${tag}"`))) {
        const attrs = withMorph(checkObject(entry, `the morph rule for "${word}" with tag "${tag}"`), false);
        this.add([[{ ORTH: word, TAG: tag }]], attrs);
      }
    }
  }

  /** Every rule as {patterns, attrs, index}, attrs as they were given. */
  get patterns(): AttributeRulerPattern[] {
    return this.attrs.map((_, rule) => ({
      patterns: this.matcher.get(String(rule))!.patterns,
      attrs: this.attrsAsGiven[rule]!,
      index: this.indices[rule]!,
    }));
  }

  override score(examples: readonly Example[], options: Record<string, unknown> = {}): Scores {
    return this.scorer ? this.scorer(examples, options) : {};
  }

  override toDisk(dir: string): void {
    writeFileAtomic(join(dir, PATTERNS_FILE), srslyJsonl(this.patterns));
  }

  /** Replace the rules by those saved in `dir` (patterns.jsonl, or spaCy's msgpack patterns file). */
  override fromDisk(dir: string): this {
    this.clear();
    const path = join(dir, PATTERNS_FILE);
    const spacyPath = join(dir, SPACY_PATTERNS_FILE);
    if (existsSync(path)) this.addPatternsFromFile(path);
    else if (existsSync(spacyPath)) this.addPatterns(readSpacyPatterns(spacyPath));
    return this;
  }

  private addPatternsFromFile(path: string): void {
    for (const { value, line } of parseJsonl(readTextFile(path, "attribute ruler patterns file"), path, "attribute ruler patterns file")) {
      try {
        this.addPatterns([value as AttributeRulerPattern]);
      } catch (error) {
        if (!isTsnlpError(error)) throw error;
        throw new TsnlpError(error.code, error.message, { file: path, line, hint: error.hint });
      }
    }
  }
}

const RULE_HINT = 'Write rules as {"patterns": [[{"ORTH": "s"}]], "attrs": {"LEMMA": "be"}, "index": 0}.';

/**
 * A tag map or morph rules entry as attrs: token attributes stay, the other keys (features
 * such as "Number") make MORPH unless the entry gives MORPH itself. A tag map entry always
 * sets MORPH (to none when it has no features), as spaCy's does.
 */
function withMorph(entry: Record<string, unknown>, always: boolean): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  const features: MorphFeatures = {};
  for (const [key, value] of Object.entries(entry)) {
    // spaCy keeps a key when it is one of its symbol names (attributes, POS tags) or "_".
    if (key === "_" || key === "" || SYMBOL_IDS.has(key)) attrs[key] = value;
    else features[key] = String(value);
  }
  // spaCy writes "no features" as "_", its empty MORPH.
  if ("MORPH" in attrs) attrs.MORPH = morphString(attrs.MORPH, "MORPH") || EMPTY_MORPH;
  else if (always || Object.keys(features).length > 0) attrs.MORPH = normalizeFeats(features) || EMPTY_MORPH;
  return attrs;
}

function normalizeAttrs(attrs: Record<string, unknown>, where: string): NormalizedAttrs {
  return Object.entries(attrs).map(([key, value]) => {
    if (key === "_") {
      throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} sets custom extension attributes ("_"), which tsnlp does not have.`, {
        hint: "Set built-in token attributes only: TAG, POS, MORPH, LEMMA, NORM, ...",
      });
    }
    const upper = key.toUpperCase();
    const attr = (ALIASES[upper] ?? upper) as SettableAttr;
    if (!SETTABLE.includes(attr)) {
      throw new TsnlpError(
        "E_ATTRIBUTE_RULER",
        `${where} sets "${key}", which is not a token attribute the attribute ruler can set.${didYouMean(upper, SETTABLE)}`,
        {
          hint: `Use ${STRING_ATTRS.join(", ")}, MORPH, ENT_IOB, SENT_START or a lexeme flag such as IS_STOP.`,
        },
      );
    }
    return [attr, normalizeValue(attr, value, `${where}: ${key}`)];
  });
}

function normalizeValue(attr: SettableAttr, value: unknown, where: string): string | number | boolean {
  const fail = (what: string): never => {
    throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} is ${JSON.stringify(value)}; ${what}.`, { hint: RULE_HINT });
  };
  switch (attr) {
    case "MORPH":
      return morphString(value, where);
    case "POS": {
      if (typeof value !== "string") return fail("it must be a universal POS tag such as NOUN");
      const pos = value.toUpperCase();
      if (value !== "" && !UNIVERSAL_POS.has(pos)) return fail(`it must be a universal POS tag (${[...UNIVERSAL_POS].join(", ")})`);
      return pos;
    }
    case "ENT_IOB": {
      const code = typeof value === "number" ? value : IOB_STRINGS.indexOf(value as (typeof IOB_STRINGS)[number]);
      if (!Number.isInteger(code) || code < 0 || code > 3) return fail('it must be "B", "I", "O" or "" (or 3, 1, 2, 0)');
      return code;
    }
    case "SENT_START":
      if (value === true || value === 1) return 1;
      if (value === false || value === -1) return -1;
      if (value === null || value === 0) return 0;
      return fail("it must be true, false or null (1, -1 or 0)");
    default:
      if (attr in LEXEME_FLAGS) {
        if (typeof value !== "boolean" && value !== 0 && value !== 1) return fail("it must be true or false");
        return Boolean(value);
      }
      if (typeof value !== "string") return fail("it must be a string");
      return value;
  }
}

/** MORPH as a normalized FEATS string ("" for none), from a FEATS string or a features object. */
function morphString(value: unknown, where: string): string {
  try {
    if (typeof value === "string") return value === EMPTY_MORPH ? "" : normalizeFeats(value);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return normalizeFeats(Object.fromEntries(Object.entries(value).map(([field, v]) => [field, String(v)])));
    }
  } catch (error) {
    if (!isTsnlpError(error)) throw error;
    throw new TsnlpError(error.code, `${where}: ${error.message}`, { hint: error.hint });
  }
  throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} is ${JSON.stringify(value)}; MORPH must be a FEATS string such as "Number=Sing|Person=3".`, {
    hint: RULE_HINT,
  });
}

/** Set attributes on token i, as spaCy's set_token_attrs (flags on the lexeme, the rest on the token). */
function setTokenAttrs(doc: Doc, i: number, attrs: NormalizedAttrs): void {
  for (const [attr, value] of attrs) {
    switch (attr) {
      case "TAG":
        doc.tags[i] = value as string;
        break;
      case "POS":
        doc.pos[i] = value as string;
        break;
      case "LEMMA":
        doc.lemmas[i] = value as string;
        break;
      case "NORM":
        doc.norms[i] = value as string;
        break;
      case "DEP":
        doc.deps[i] = value as string;
        break;
      case "ENT_TYPE":
        doc.entTypes[i] = value as string;
        break;
      case "ENT_KB_ID":
        doc.entKbIds[i] = value as string;
        break;
      case "ENT_ID":
        doc.entIds[i] = value as string;
        break;
      case "MORPH":
        doc.setMorph(i, value as string);
        break;
      case "ENT_IOB":
        doc.entIob[i] = value as number;
        break;
      case "SENT_START":
        doc.sentStarts[i] = value as number;
        break;
      default:
        doc.lexemes[i]!.setFlag(attr, value as boolean);
    }
  }
}

function checkObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TsnlpError("E_ATTRIBUTE_RULER", `${where} must be an object, got ${value === null ? "null" : Array.isArray(value) ? "a list" : typeof value}.`, {
      hint: RULE_HINT,
    });
  }
  return value as Record<string, unknown>;
}

function readSpacyPatterns(path: string): AttributeRulerPattern[] {
  let rules: unknown;
  try {
    rules = unpackValue(readFileSync(path));
  } catch (error) {
    throw new TsnlpError("E_ATTRIBUTE_RULER", `The attribute ruler patterns file ${path} is not msgpack as spaCy writes it: ${(error as Error).message}`, {
      file: path,
    });
  }
  if (!Array.isArray(rules))
    throw new TsnlpError("E_ATTRIBUTE_RULER", `The attribute ruler patterns file ${path} does not hold a list of rules.`, { file: path });
  return rules as AttributeRulerPattern[];
}
