/**
 * The entity_ruler component (spaCy's EntityRuler, spacy/pipeline/entityruler.py, v3.5.4):
 * named entities from token patterns and phrase patterns, such as
 * `{"label": "ORG", "pattern": "Apple", "id": "apple"}` or
 * `{"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}]}`.
 *
 * Longer matches win over shorter ones, then earlier over later. Tokens that already carry an
 * entity are left alone unless `overwriteEnts` is set. On disk the component is a folder with
 * `cfg` and `patterns.jsonl`, as spaCy writes it.
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseJsonl, srslyJson, srslyJsonl } from "../matcher/json-files.js";
import type { FuzzyCompare } from "../matcher/levenshtein.js";
import { Matcher, type MatchTriple } from "../matcher/matcher.js";
import { PhraseMatcher } from "../matcher/phrase-matcher.js";
import { checkTokenPattern, type TokenPattern } from "../matcher/token-pattern.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import { Span } from "../tokens/span.js";
import { isTsnlpError, TsnlpError } from "../util/errors.js";
import { readTextFile, writeFileAtomic } from "../util/io.js";
import { type InitializeOptions, Pipe, type PipelineContext, type Scores, type ScorerFn } from "./pipe.js";

export const DEFAULT_ENT_ID_SEP = "||";

/** One pattern: a phrase (matched token by token on the phrase matcher's attribute) or a token pattern. */
export interface EntityPattern {
  label: string;
  pattern: string | TokenPattern;
  id?: string;
}

export interface EntityRulerOptions {
  /** Token attribute phrase patterns match on (e.g. "LOWER"); null or undefined for ORTH. */
  phraseMatcherAttr?: string | number | null;
  /** The comparison behind FUZZY operators in token patterns. */
  matcherFuzzyCompare?: FuzzyCompare;
  /** Kept for spaCy's signature: token patterns are always checked. */
  validate?: boolean;
  /** Let matches replace the entities they overlap. */
  overwriteEnts?: boolean;
  entIdSep?: string;
  patterns?: readonly EntityPattern[];
  scorer?: ScorerFn | null;
}

interface PhrasePattern {
  text: string;
  doc: Doc;
}

export class EntityRuler extends Pipe {
  nlp: PipelineContext;
  overwrite: boolean;
  entIdSep: string;
  phraseMatcherAttr: string | number | null;
  scorer?: ScorerFn;
  readonly validate: boolean;
  readonly matcherFuzzyCompare?: FuzzyCompare;
  matcher!: Matcher;
  phraseMatcher!: PhraseMatcher;
  private tokenPatterns = new Map<string, TokenPattern[]>();
  private phrasePatterns = new Map<string, PhrasePattern[]>();
  /** Match key ("LABEL||id") -> [label, id], for patterns with an id. */
  private entIdsByKey = new Map<string, [string, string]>();

  constructor(nlp: PipelineContext, name = "entity_ruler", options: EntityRulerOptions = {}) {
    super(name, "entity_ruler");
    this.nlp = nlp;
    this.overwrite = options.overwriteEnts ?? false;
    this.entIdSep = options.entIdSep ?? DEFAULT_ENT_ID_SEP;
    this.phraseMatcherAttr = options.phraseMatcherAttr ?? null;
    this.validate = options.validate ?? false;
    this.matcherFuzzyCompare = options.matcherFuzzyCompare;
    this.scorer = options.scorer ?? undefined;
    this.clear();
    if (options.patterns) this.addPatterns(options.patterns);
  }

  /** The number of patterns. */
  get size(): number {
    let n = 0;
    for (const list of this.tokenPatterns.values()) n += list.length;
    for (const list of this.phrasePatterns.values()) n += list.length;
    return n;
  }

  /** Whether some pattern has this label (or "LABEL||id" key). */
  has(label: string): boolean {
    return this.tokenPatterns.has(label) || this.phrasePatterns.has(label);
  }

  override call(doc: Doc): Doc {
    this.setAnnotations(doc, this.match(doc));
    return doc;
  }

  /** Matches of all patterns, longest first, then earliest; each span once per key. */
  match(doc: Doc): MatchTriple[] {
    const seen = new Set<string>();
    const unique: MatchTriple[] = [];
    for (const match of [...this.matcher.call(doc), ...this.phraseMatcher.call(doc)]) {
      const id = `${match[1]}:${match[2]}:${match[0]}`;
      if (match[1] === match[2] || seen.has(id)) continue;
      seen.add(id);
      unique.push(match);
    }
    // spaCy sorts a set, so the order of equal spans with different keys is arbitrary there;
    // here the token matcher's come first, in the order the matchers give them.
    return unique.sort((a, b) => b[2] - b[1] - (a[2] - a[1]) || a[1] - b[1]);
  }

  /** Add matches to doc.ents: skip those touching existing entities (unless overwriting) or earlier matches. */
  setAnnotations(doc: Doc, matches: readonly MatchTriple[]): void {
    let entities = doc.ents;
    const added: Span[] = [];
    const seen = new Uint8Array(doc.length);
    for (const [key, start, end] of matches) {
      if (!this.overwrite && doc.entTypes.slice(start, end).some((type) => type !== "")) continue;
      // Matches come longest first, so checking the two ends is enough to catch any overlap.
      if (seen[start] || seen[end - 1]) continue;
      const withId = this.entIdsByKey.get(key);
      added.push(withId ? new Span(doc, start, end, { label: withId[0], id: withId[1] }) : new Span(doc, start, end, { label: key }));
      entities = entities.filter((ent) => !(ent.start < end && ent.end > start));
      seen.fill(1, start, end);
    }
    doc.ents = [...entities, ...added];
  }

  /** Every label of the patterns, sorted, without ids. */
  override get labels(): string[] {
    const labels = new Set<string>();
    for (const key of this.patternKeys()) labels.add(this.splitLabel(key)[0]);
    return [...labels].sort();
  }

  /** Every entity id of the patterns, sorted. */
  get entIds(): string[] {
    const ids = new Set<string>();
    for (const key of this.patternKeys()) {
      const [, id] = this.splitLabel(key);
      if (id !== undefined) ids.add(id);
    }
    return [...ids].sort();
  }

  /** The patterns as added: token patterns first, then phrase patterns, by key. */
  get patterns(): EntityPattern[] {
    const out: EntityPattern[] = [];
    const entry = (key: string, pattern: string | TokenPattern): EntityPattern => {
      const [label, id] = this.splitLabel(key);
      return id === undefined ? { label, pattern } : { label, pattern, id };
    };
    for (const [key, list] of this.tokenPatterns) for (const pattern of list) out.push(entry(key, pattern));
    for (const [key, list] of this.phrasePatterns) for (const pattern of list) out.push(entry(key, pattern.text));
    return out;
  }

  /**
   * Add patterns. Phrase patterns are made into docs by the pipeline's tokenizer and the
   * components before this one (as spaCy does), so they can match on e.g. LEMMA or POS.
   */
  addPatterns(patterns: readonly EntityPattern[]): void {
    if (!Array.isArray(patterns)) {
      throw new TsnlpError("E_RULER_PATTERNS", `The entity ruler '${this.name}' takes a list of patterns, got ${typeof patterns}.`, {
        hint: 'Give a list of {"label": ..., "pattern": ...} objects.',
      });
    }
    const checked = patterns.map((entry, i) => checkEntityPattern(entry, `pattern ${i} of the entity ruler '${this.name}'`));
    const tokenEntries = checked.map((entry, i) => [entry, i] as const).filter(([entry]) => typeof entry.pattern !== "string");
    const phraseEntries = checked.map((entry, i) => [entry, i] as const).filter(([entry]) => typeof entry.pattern === "string");
    // Check every pattern first, so that a bad one leaves the ruler as it was.
    for (const [entry, i] of tokenEntries) {
      try {
        checkTokenPattern(entry.pattern, this.keyOf(entry));
      } catch (error) {
        if (!isTsnlpError(error)) throw error;
        throw new TsnlpError(error.code, `Pattern ${i} of the entity ruler '${this.name}': ${error.message}`, { hint: error.hint });
      }
    }
    const phraseDocs = this.phraseDocs(phraseEntries.map(([entry]) => entry.pattern as string));
    phraseEntries.forEach(([entry, i], j) => {
      try {
        this.phraseMatcher.check(this.keyOf(entry), [phraseDocs[j]!]);
      } catch (error) {
        if (!isTsnlpError(error)) throw error;
        throw new TsnlpError(error.code, `Pattern ${i} of the entity ruler '${this.name}': ${error.message}`, { hint: error.hint });
      }
    });
    for (const [entry] of tokenEntries) {
      const key = this.keyOf(entry);
      this.matcher.add(key, [entry.pattern as TokenPattern]);
      this.remember(key, entry);
      listOf(this.tokenPatterns, key).push(entry.pattern as TokenPattern);
    }
    phraseEntries.forEach(([entry], j) => {
      const key = this.keyOf(entry);
      const doc = phraseDocs[j]!;
      this.phraseMatcher.add(key, [doc]);
      this.remember(key, entry);
      listOf(this.phrasePatterns, key).push({ text: entry.pattern as string, doc });
    });
  }

  /** Forget every pattern. */
  clear(): void {
    this.tokenPatterns = new Map();
    this.phrasePatterns = new Map();
    this.entIdsByKey = new Map();
    this.matcher = new Matcher(this.nlp.vocab, { validate: this.validate, fuzzyCompare: this.matcherFuzzyCompare });
    this.phraseMatcher = new PhraseMatcher(this.nlp.vocab, { attr: this.phraseMatcherAttr, validate: this.validate });
  }

  /** Remove the patterns with this entity id. */
  remove(entId: string): void {
    const keys = [...this.entIdsByKey].filter(([, [, id]]) => id === entId).map(([key]) => key);
    if (keys.length === 0) {
      throw new TsnlpError("E_RULER_UNKNOWN_ID", `The entity ruler '${this.name}' has no patterns with the id '${entId}'.`, {
        hint: `Known ids: ${this.entIds.join(", ") || "(none)"}.`,
      });
    }
    for (const key of keys) {
      this.entIdsByKey.delete(key);
      if (this.tokenPatterns.delete(key)) this.matcher.remove(key);
      if (this.phrasePatterns.delete(key)) this.phraseMatcher.remove(key);
    }
  }

  /** Replace the patterns by those of [initialize.components.NAME] patterns (e.g. read with srsly.read_jsonl.v1). */
  override initialize(_getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    this.clear();
    const patterns = options.settings?.patterns;
    if (patterns === undefined || patterns === null) return;
    if (!Array.isArray(patterns)) {
      throw new TsnlpError("E_RULER_PATTERNS", `[initialize.components.${this.name}] patterns must be a list of pattern objects, got ${typeof patterns}.`, {
        hint: 'Read them from a file with @readers = "srsly.read_jsonl.v1" and path = "patterns.jsonl".',
      });
    }
    this.addPatterns(patterns as EntityPattern[]);
  }

  override score(examples: readonly Example[], options: Record<string, unknown> = {}): Scores {
    return this.scorer ? this.scorer(examples, options) : {};
  }

  override toDisk(dir: string): void {
    const cfg = { overwrite: this.overwrite, phrase_matcher_attr: this.phraseMatcherAttr, ent_id_sep: this.entIdSep };
    writeFileAtomic(join(dir, "patterns.jsonl"), srslyJsonl(this.patterns));
    writeFileAtomic(join(dir, "cfg"), srslyJson(cfg, 2));
  }

  /**
   * Load what toDisk wrote (a folder with cfg and patterns.jsonl), or a bare patterns file
   * ending in .jsonl, as spaCy's from_disk accepts both.
   */
  override fromDisk(dir: string): this {
    if (dir.endsWith(".jsonl") && isFile(dir)) {
      this.clear();
      this.addPatterns(readPatternsFile(dir));
      return this;
    }
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new TsnlpError("E_RULER_LOAD", `Cannot load the entity ruler '${this.name}' from ${dir}: it is neither a folder nor a .jsonl file.`, {
        hint: "Give the folder toDisk wrote (with cfg and patterns.jsonl) or a JSONL file of patterns.",
        file: dir,
      });
    }
    const cfgPath = join(dir, "cfg");
    const cfg = existsSync(cfgPath) ? parseCfg(cfgPath) : {};
    this.overwrite = typeof cfg.overwrite === "boolean" ? cfg.overwrite : false;
    this.phraseMatcherAttr = typeof cfg.phrase_matcher_attr === "string" || typeof cfg.phrase_matcher_attr === "number" ? cfg.phrase_matcher_attr : null;
    this.entIdSep = typeof cfg.ent_id_sep === "string" ? cfg.ent_id_sep : DEFAULT_ENT_ID_SEP;
    this.clear();
    const patternsPath = join(dir, "patterns.jsonl");
    if (existsSync(patternsPath)) this.addPatterns(readPatternsFile(patternsPath));
    return this;
  }

  private patternKeys(): string[] {
    return [...new Set([...this.tokenPatterns.keys(), ...this.phrasePatterns.keys()])];
  }

  /** The match key: the label, joined to the id when the pattern has one. */
  private keyOf(entry: EntityPattern): string {
    return entry.id === undefined ? entry.label : `${entry.label}${this.entIdSep}${entry.id}`;
  }

  private remember(key: string, entry: EntityPattern): void {
    if (entry.id !== undefined) this.entIdsByKey.set(key, [entry.label, entry.id]);
  }

  /** [label, id] of a key; the id is what follows the last separator. */
  private splitLabel(key: string): [string, string | undefined] {
    const at = key.lastIndexOf(this.entIdSep);
    return at < 0 ? [key, undefined] : [key.slice(0, at), key.slice(at + this.entIdSep.length)];
  }

  /** Phrase docs: tokenized, then annotated by the enabled components before this one. */
  private phraseDocs(texts: string[]): Doc[] {
    let docs = texts.map((text) => this.nlp.makeDoc(text));
    if (docs.length === 0) return docs;
    const enabled = this.nlp.pipeline;
    const index = enabled.findIndex(([, pipe]) => pipe === this);
    for (const [, pipe] of enabled.slice(0, Math.max(index, 0))) docs = [...pipe.pipe(docs)];
    return docs;
  }
}

/**
 * Read a JSONL file of entity ruler patterns, one {"label", "pattern", "id"?} object per line.
 * A line that is not JSON or not a pattern is an error naming the file and the line.
 */
export function readPatternsFile(path: string): EntityPattern[] {
  const lines = parseJsonl(readTextFile(path, "patterns file"), path, "patterns file");
  return lines.map(({ value, line }) => {
    try {
      return checkEntityPattern(value, `line ${line} of the patterns file ${path}`);
    } catch (error) {
      if (!isTsnlpError(error)) throw error;
      throw new TsnlpError(error.code, error.message, { file: path, line, hint: error.hint });
    }
  });
}

/** A pattern entry checked for shape; an id that is a number becomes its decimal string. */
export function checkEntityPattern(entry: unknown, where: string): EntityPattern {
  const fail = (what: string): never => {
    throw new TsnlpError("E_RULER_PATTERN", `The entity pattern at ${where} ${what}.`, {
      hint: 'Write patterns as {"label": "ORG", "pattern": "Apple"} or {"label": "GPE", "pattern": [{"LOWER": "san"}, {"LOWER": "francisco"}], "id": "sf"}.',
    });
  };
  if (typeof entry !== "object" || entry === null || Array.isArray(entry))
    return fail(`is not an object (got ${Array.isArray(entry) ? "a list" : JSON.stringify(entry)})`);
  const { label, pattern, id } = entry as Record<string, unknown>;
  if (typeof label !== "string" || label === "") return fail(`needs a non-empty string "label" (got ${JSON.stringify(label)})`);
  if (typeof pattern !== "string" && !Array.isArray(pattern))
    return fail(`needs a "pattern" that is a string (phrase) or a list of token specs (got ${JSON.stringify(pattern)})`);
  if (id === undefined || id === null) return { label, pattern: pattern as string | TokenPattern };
  if (typeof id !== "string" && typeof id !== "number") return fail(`has an "id" that is neither a string nor a number (got ${JSON.stringify(id)})`);
  return { label, pattern: pattern as string | TokenPattern, id: String(id) };
}

function listOf<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (list === undefined) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function parseCfg(path: string): Record<string, unknown> {
  const text = readTextFile(path, "entity ruler cfg");
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new TsnlpError("E_RULER_LOAD", `The entity ruler settings ${path} are not a JSON object.`, {
    file: path,
    hint: "Save the component again with toDisk.",
  });
}
