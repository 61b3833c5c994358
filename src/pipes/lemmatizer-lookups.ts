/**
 * Named lookup tables for the rule-based lemmatizer (spaCy's Lookups, spacy/lookups.py): plain
 * JSON objects such as `lemma_lookup` ({"went": "go"}), `lemma_rules` ({"noun": [["s", ""]]}),
 * `lemma_exc` ({"noun": {"mice": ["mouse"]}}) and `lemma_index` ({"noun": ["mouse"]}).
 *
 * spaCy reads its tables from the Python package spacy-lookups-data, which tsnlp cannot ship.
 * Tables come from the user instead: a JSON file holding {table name: table}, a folder of
 * `<table>.json` files (or `<lang>_<table>.json`, the names spacy-lookups-data uses, so its
 * data folder can be given as is; `.json.gz` too), or an object. tsnlp bundles small English
 * rule tables of its own (src/lang/en/lemma-rules.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";

export type LookupTable = Record<string, unknown>;

export class Lookups {
  private readonly tables = new Map<string, LookupTable>();

  constructor(tables: Record<string, LookupTable> = {}) {
    for (const [name, table] of Object.entries(tables)) this.set(name, table);
  }

  get tableNames(): string[] {
    return [...this.tables.keys()];
  }

  has(name: string): boolean {
    return this.tables.has(name);
  }

  get(name: string): LookupTable | undefined {
    return this.tables.get(name);
  }

  set(name: string, table: LookupTable): void {
    if (table === null || typeof table !== "object" || Array.isArray(table)) {
      throw new TsnlpError("E_LOOKUPS_TABLE", `The lookup table '${name}' must be a JSON object, got ${Array.isArray(table) ? "a list" : typeof table}.`, {
        hint: 'A lookup table maps keys to values, e.g. {"went": "go"} for lemma_lookup or {"noun": [["s", ""]]} for lemma_rules.',
      });
    }
    this.tables.set(name, table);
  }

  toJSON(): Record<string, LookupTable> {
    return Object.fromEntries(this.tables);
  }

  /** Write the tables as one JSON file. */
  toDisk(path: string): void {
    writeFileAtomic(path, `${JSON.stringify(this.toJSON())}\n`);
  }

  static fromDisk(path: string): Lookups {
    return new Lookups(readTablesFile(path));
  }
}

/**
 * Lookups from what a user gives: a Lookups, an object of tables, a JSON file of tables, or
 * a folder of table files. `tables` names the tables to take from a folder (all when left out);
 * `lang` lets a folder use spacy-lookups-data's `<lang>_<table>.json` names.
 */
export function loadLookups(source: unknown, options: { where: string; lang?: string; tables?: readonly string[] }): Lookups {
  if (source instanceof Lookups) return source;
  if (typeof source === "string") return loadLookupsPath(source, options);
  if (source !== null && typeof source === "object" && !Array.isArray(source)) {
    try {
      return new Lookups(source as Record<string, LookupTable>);
    } catch (error) {
      throw new TsnlpError("E_LOOKUPS", `${options.where}: ${(error as Error).message}`, { hint: (error as TsnlpError).hint });
    }
  }
  throw new TsnlpError(
    "E_LOOKUPS",
    `${options.where} must be a path to a JSON file or folder of lookup tables, or an object of tables; got ${describe(source)}.`,
    {
      hint: 'Give a JSON file such as {"lemma_lookup": {"went": "go"}}, or a folder with lemma_lookup.json.',
    },
  );
}

function loadLookupsPath(path: string, options: { where: string; lang?: string; tables?: readonly string[] }): Lookups {
  if (!existsSync(path)) {
    throw new TsnlpError("E_LOOKUPS", `${options.where}: the lookups path ${path} does not exist.`, {
      file: path,
      hint: "Check the path; relative paths start from the current folder.",
    });
  }
  if (!statSync(path).isDirectory()) return new Lookups(readTablesFile(path));
  const lookups = new Lookups();
  const files = readdirSync(path);
  for (const file of files) {
    const name = tableName(file, options.lang);
    if (name === null || (options.tables !== undefined && !options.tables.includes(name))) continue;
    lookups.set(name, readJson(join(path, file)) as LookupTable);
  }
  return lookups;
}

/** The table a file in a tables folder holds: `lemma_rules.json`, `en_lemma_rules.json` (for lang en) or either with `.gz`. */
function tableName(file: string, lang: string | undefined): string | null {
  const match = /^(.+)\.json(\.gz)?$/.exec(file);
  if (match === null) return null;
  const stem = match[1]!;
  if (lang && stem.startsWith(`${lang}_`)) return stem.slice(lang.length + 1);
  // Another language's table in spacy-lookups-data's folder is not this one's.
  return /^[a-z]{2,3}_(lemma|lexeme)_/.test(stem) ? null : stem;
}

function readTablesFile(path: string): Record<string, LookupTable> {
  const data = readJson(path);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new TsnlpError("E_LOOKUPS", `The lookups file ${path} must hold a JSON object of tables, e.g. {"lemma_lookup": {"went": "go"}}.`, { file: path });
  }
  return data as Record<string, LookupTable>;
}

function readJson(path: string): unknown {
  let bytes = readFileSync(path);
  if (path.endsWith(".gz")) bytes = gunzipSync(bytes);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new TsnlpError("E_LOOKUPS", `The lookups file ${path} is not valid JSON: ${(error as Error).message}`, { file: path });
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "a list" : typeof value;
}
