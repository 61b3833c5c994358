/**
 * The rule-based lemmatizer (spaCy's Lemmatizer, spacy/pipeline/lemmatizer.py, v3.5.4), over
 * lookup tables (src/pipes/lemmatizer-lookups.ts):
 *
 * - mode "lookup" needs `lemma_lookup` ({form: lemma}) and maps each token's text, keeping
 *   the text when the table does not have it;
 * - mode "rule" needs `lemma_rules` and may use `lemma_exc` and `lemma_index`, each keyed by
 *   the lowercased universal POS ("noun", "verb", ...). It needs token.pos: suffix rules
 *   ([old, new] pairs, in order) make candidates, those in the index win over the others,
 *   exceptions win over both.
 *
 * spaCy loads the tables from spacy-lookups-data; tsnlp takes them from
 * [initialize.components.NAME] lookups (a JSON file, a folder of table files, or an object)
 * or from the tables it bundles (English rule tables, src/lang/en/lemma-rules.ts). On disk the
 * component is a folder with `lookups.json`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { englishLemmaTables } from "../lang/en/lemma-rules.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Token } from "../tokens/token.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { loadLookups, type LookupTable, Lookups } from "./lemmatizer-lookups.js";
import { type InitializeOptions, Pipe, type Scores, type ScorerFn } from "./pipe.js";

export type LemmatizerMode = "lookup" | "rule";

export interface LemmatizerSettings {
  /** "lookup" or "rule". */
  mode?: string;
  /** Replace lemmas that are already set. */
  overwrite?: boolean;
  scorer?: ScorerFn | null;
  /** The factory that made it (language-specific lemmatizers have their own). */
  factory?: string;
}

/** The tables each mode needs and those it can use (spaCy's get_lookups_config). */
const MODE_TABLES: Record<LemmatizerMode, { required: string[]; optional: string[] }> = {
  lookup: { required: ["lemma_lookup"], optional: [] },
  rule: { required: ["lemma_rules"], optional: ["lemma_exc", "lemma_index"] },
};

const LOOKUPS_FILE = "lookups.json";
/** Analyses remembered per (form, POS, morph); cleared when full. */
const CACHE_LIMIT = 100_000;

export class Lemmatizer extends Pipe {
  readonly vocab: Vocab;
  readonly mode: LemmatizerMode;
  overwrite: boolean;
  scorer?: ScorerFn;
  lookups = new Lookups();
  private validated = false;
  private warnedNoPos = false;
  private readonly cache = new Map<string, string[]>();
  private ruleTables?: RuleTables;

  constructor(vocab: Vocab, name = "lemmatizer", settings: LemmatizerSettings = {}) {
    super(name, settings.factory ?? "lemmatizer");
    this.vocab = vocab;
    const mode = settings.mode ?? "lookup";
    if (mode !== "lookup" && mode !== "rule") {
      throw new TsnlpError("E_LEMMATIZER_MODE", `Component '${name}' (${this.factory}) has no mode "${mode}".`, {
        hint: 'Use mode = "lookup" (a form-to-lemma table) or mode = "rule" (suffix rules by part of speech).',
      });
    }
    this.mode = mode;
    this.overwrite = settings.overwrite ?? false;
    this.scorer = settings.scorer ?? undefined;
  }

  /** The tables this mode needs and those it can use. */
  static lookupsConfig(mode: LemmatizerMode): { required: string[]; optional: string[] } {
    const tables = MODE_TABLES[mode];
    return { required: [...tables.required], optional: [...tables.optional] };
  }

  override call(doc: Doc): Doc {
    if (!this.validated) this.validateTables();
    for (let i = 0; i < doc.length; i++) {
      if (this.overwrite || doc.lemmas[i] === "") doc.lemmas[i] = this.lemmatize(doc.token(i))[0]!;
    }
    return doc;
  }

  /** Every lemma the mode finds for a token, the best first. */
  lemmatize(token: Token): string[] {
    return this.mode === "lookup" ? this.lookupLemmatize(token) : this.ruleLemmatize(token);
  }

  /**
   * Load the tables: [initialize.components.NAME] lookups when given (a path or an object),
   * else those tsnlp bundles for the language. Tables the mode does not use are dropped.
   */
  override initialize(_getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    const { required, optional } = Lemmatizer.lookupsConfig(this.mode);
    const given = options.settings?.lookups;
    const lang = options.nlp?.lang ?? this.vocab.lang;
    let lookups: Lookups | null;
    if (given !== undefined && given !== null) {
      lookups = loadLookups(given, { where: `[initialize.components.${this.name}] lookups`, lang, tables: [...required, ...optional] });
    } else {
      lookups = this.bundledLookups(lang);
    }
    if (lookups === null) {
      throw new TsnlpError(
        "E_LEMMATIZER_TABLES",
        `Component '${this.name}' in mode "${this.mode}" needs the lookup table${required.length > 1 ? "s" : ""} ${required.join(", ")}, and tsnlp bundles none for language "${lang}" in this mode.`,
        { hint: this.tablesHint() },
      );
    }
    this.setLookups(lookups);
  }

  /** Use these tables (checked against the mode). */
  setLookups(lookups: Lookups): void {
    this.lookups = lookups;
    this.cache.clear();
    this.ruleTables = undefined;
    this.validateTables();
  }

  /** Tables tsnlp ships for this mode and language (English rule tables); null when it has none. */
  protected bundledLookups(lang: string): Lookups | null {
    return lang === "en" && this.mode === "rule" ? new Lookups(englishLemmaTables()) : null;
  }

  override score(examples: readonly Example[], options: Record<string, unknown> = {}): Scores {
    return this.scorer ? this.scorer(examples, options) : {};
  }

  lookupLemmatize(token: Token): string[] {
    const table = this.lookups.get("lemma_lookup") ?? {};
    const text = token.text;
    const found = Object.hasOwn(table, text) ? table[text] : text;
    if (Array.isArray(found)) return found.length > 0 ? (found as string[]) : [text];
    return [typeof found === "string" ? found : text];
  }

  ruleLemmatize(token: Token): string[] {
    const key = `${token.text}\u0000${token.pos}\u0000${token.doc.morphs[token.i]}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const forms = this.ruleForms(token);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, forms);
    return forms;
  }

  private ruleForms(token: Token): string[] {
    const text = token.text;
    const pos = token.pos.toLowerCase();
    if (pos === "" || pos === "eol" || pos === "space") {
      if (pos === "") this.warnNoPos();
      return [text.toLowerCase()];
    }
    // A base form needs no rules (spaCy's issue #435: "spoken" as an adjective).
    if (this.isBaseForm(token)) return [text.toLowerCase()];
    const tables = this.rules();
    const index = tables.index.get(pos);
    const exceptions = tables.exceptions.get(pos);
    const rules = tables.rules.get(pos);
    if (index === undefined && exceptions === undefined && rules === undefined) return [pos === "propn" ? text : text.toLowerCase()];
    const lower = text.toLowerCase();
    const forms: string[] = [];
    const oovForms: string[] = [];
    for (const [old, replacement] of rules ?? []) {
      if (!lower.endsWith(old)) continue;
      const form = lower.slice(0, lower.length - old.length) + replacement;
      if (form === "") continue;
      if (index?.has(form) || !isAlpha(form)) forms.push(form);
      else oovForms.push(form);
    }
    const unique = [...new Set(forms)];
    // Exceptions go first, the last listed foremost, as spaCy inserts each at the front.
    for (const form of exceptions?.get(lower) ?? []) if (!unique.includes(form)) unique.unshift(form);
    if (unique.length === 0) unique.push(...oovForms);
    if (unique.length === 0) unique.push(text);
    return unique;
  }

  /**
   * Whether the token is already a base form that rules should leave alone (lowercased only).
   * Languages override this; the base lemmatizer says no.
   */
  isBaseForm(_token: Token): boolean {
    return false;
  }

  override toDisk(dir: string): void {
    this.lookups.toDisk(join(dir, LOOKUPS_FILE));
  }

  override fromDisk(dir: string): this {
    const path = join(dir, LOOKUPS_FILE);
    if (existsSync(path)) this.setLookups(Lookups.fromDisk(path));
    else this.validateTables();
    return this;
  }

  private validateTables(): void {
    const { required } = Lemmatizer.lookupsConfig(this.mode);
    const missing = required.filter((table) => !this.lookups.has(table));
    if (missing.length > 0) {
      throw new TsnlpError(
        "E_LEMMATIZER_TABLES",
        `Component '${this.name}' in mode "${this.mode}" needs the lookup table${required.length > 1 ? "s" : ""} ${required.join(", ")}; it has ${this.lookups.tableNames.join(", ") || "none"}.`,
        { hint: this.tablesHint() },
      );
    }
    this.validated = true;
  }

  private tablesHint(): string {
    const { required, optional } = Lemmatizer.lookupsConfig(this.mode);
    const tables = [...required, ...optional].join(", ");
    return (
      `Give the tables (${tables}) as a JSON file or a folder of <table>.json files: ` +
      `[initialize.components.${this.name}] lookups = "tables.json", then run nlp.initialize(). ` +
      "spaCy's spacy-lookups-data package holds such files for many languages (its data folder can be given as is)."
    );
  }

  private warnNoPos(): void {
    if (this.warnedNoPos) return;
    this.warnedNoPos = true;
    process.emitWarning(
      `The rule-based lemmatizer '${this.name}' found tokens without POS annotation and lowercased them. Add components that set token.pos before it, typically a tagger and an attribute_ruler, or a morphologizer.`,
      { code: "W108" },
    );
  }

  /** The rule tables as maps, built once per set of lookups. */
  private rules(): RuleTables {
    this.ruleTables ??= readRuleTables(this.lookups);
    return this.ruleTables;
  }
}

interface RuleTables {
  rules: Map<string, Array<[string, string]>>;
  index: Map<string, Set<string>>;
  exceptions: Map<string, Map<string, string[]>>;
}

function readRuleTables(lookups: Lookups): RuleTables {
  const byPos = (name: string): Array<[string, unknown]> => {
    const table: LookupTable = lookups.get(name) ?? {};
    // spaCy asks "is there an entry for this POS", so an empty one counts as none.
    return Object.entries(table).filter(([, value]) =>
      Array.isArray(value) ? value.length > 0 : value !== null && typeof value === "object" && Object.keys(value).length > 0,
    );
  };
  const rules = new Map(byPos("lemma_rules").map(([pos, list]) => [pos, checkRules(list, pos)]));
  const index = new Map(byPos("lemma_index").map(([pos, list]) => [pos, new Set(Array.isArray(list) ? (list as string[]) : Object.keys(list as object))]));
  const exceptions = new Map(
    byPos("lemma_exc").map(([pos, table]) => [
      pos,
      new Map(Object.entries(table as Record<string, unknown>).map(([form, lemmas]) => [form, typeof lemmas === "string" ? [lemmas] : (lemmas as string[])])),
    ]),
  );
  return { rules, index, exceptions };
}

function checkRules(list: unknown, pos: string): Array<[string, string]> {
  const ok =
    Array.isArray(list) && list.every((rule) => Array.isArray(rule) && rule.length === 2 && typeof rule[0] === "string" && typeof rule[1] === "string");
  if (!ok) {
    throw new TsnlpError("E_LOOKUPS_TABLE", `lemma_rules["${pos}"] must be a list of [old suffix, new suffix] pairs of strings.`, {
      hint: 'Write rules as {"noun": [["ies", "y"], ["s", ""]]}.',
    });
  }
  return list as Array<[string, string]>;
}

/** Python's str.isalpha: not empty, and letters only. */
function isAlpha(text: string): boolean {
  return /^\p{L}+$/u.test(text);
}
