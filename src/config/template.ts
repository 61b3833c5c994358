/**
 * The base training config behind `tsnlp init config`: renders
 * `templates/quickstart.cfg.njk` the way spaCy 3.5.4's `init config` renders its
 * quickstart template when spacy-transformers is not installed. The result is the
 * config before auto-fill; filling in defaults is the config filler's job.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";

export type Optimize = "efficiency" | "accuracy";

export interface TemplateOptions {
  /** Language code, e.g. "en". */
  lang: string;
  /** Trainable components to include, in pipeline order (without "tok2vec"). */
  pipeline: string[];
  optimize: Optimize;
  /** Whether the pipeline is meant to run on a GPU. */
  gpu: boolean;
}

/** What `templates/recommendations.json` holds for one language. */
export interface LanguageRecommendation {
  /** Vectors package written to `[paths] vectors` when optimizing for accuracy. */
  word_vectors: string | null;
  /** Kept for parity with spaCy's recommendations; the 3.5.4 template ignores it. */
  has_letters: boolean;
}

/** Components that listen to the shared tok2vec, whatever the optimization goal. */
const TOK2VEC_LISTENERS = ["tagger", "morphologizer", "parser", "ner", "spancat", "spancat_singlelabel", "trainable_lemmatizer", "entity_linker"] as const;

/** Text classifiers: bag-of-words (no tok2vec) for efficiency, an ensemble with a tok2vec listener for accuracy. */
const TEXT_CLASSIFIERS = ["textcat", "textcat_multilabel"] as const;

/** Components written as a bare `factory = "..."` block, left for the filler to complete (as spaCy does). */
const BARE_FACTORIES = ["senter", "entity_ruler", "lemmatizer"] as const;

/** Components the template knows. */
export const TEMPLATE_COMPONENTS: readonly string[] = Object.freeze([...TOK2VEC_LISTENERS, ...TEXT_CLASSIFIERS, ...BARE_FACTORIES]);

/** Names spaCy drops from the requested pipeline because the template adds them itself. */
const IMPLICIT_COMPONENTS = new Set(["tok2vec", "transformer"]);

const TEMPLATE_FILE = "quickstart.cfg.njk";
const RECOMMENDATIONS_FILE = "recommendations.json";

let packageRootCache: string | undefined;

/** The folder holding tsnlp's package.json, found by walking up from this module. */
export function packageRoot(): string {
  if (packageRootCache !== undefined) return packageRootCache;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) {
      packageRootCache = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The folder holding the config templates. */
export function templatesDir(): string {
  return path.join(packageRoot(), "templates");
}

let recommendationsCache: Record<string, LanguageRecommendation> | undefined;

function recommendations(): Record<string, LanguageRecommendation> {
  if (recommendationsCache === undefined) {
    const raw = JSON.parse(readFileSync(path.join(templatesDir(), RECOMMENDATIONS_FILE), "utf8")) as Record<string, unknown>;
    const table: Record<string, LanguageRecommendation> = {};
    for (const [lang, value] of Object.entries(raw)) {
      if (lang.startsWith("$")) continue;
      const entry = value as Partial<LanguageRecommendation>;
      table[lang] = { word_vectors: entry.word_vectors ?? null, has_letters: entry.has_letters ?? true };
    }
    recommendationsCache = table;
  }
  return recommendationsCache;
}

/** The recommendations for `lang`, or the `__default__` entry for a language without its own. */
export function recommendationsFor(lang: string): LanguageRecommendation {
  const table = recommendations();
  const entry = Object.hasOwn(table, lang) ? table[lang] : table.__default__;
  return entry ?? { word_vectors: null, has_letters: true };
}

let environmentCache: nunjucks.Environment | undefined;

function environment(): nunjucks.Environment {
  if (environmentCache === undefined) {
    environmentCache = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatesDir()), {
      autoescape: false,
      trimBlocks: true,
      lstripBlocks: true,
      throwOnUndefined: true,
    });
  }
  return environmentCache;
}

/** A string as a config value. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** A list of strings as a config value, spaced the way spaCy's template writes it. */
function quoteList(values: readonly string[]): string {
  return `[${values.map(quote).join(", ")}]`;
}

/** The requested components with tok2vec/transformer dropped; throws on names the template does not know. */
function checkComponents(pipeline: readonly string[]): string[] {
  const components = pipeline.filter((name) => !IMPLICIT_COMPONENTS.has(name));
  const seen = new Set<string>();
  for (const name of components) {
    if (!TEMPLATE_COMPONENTS.includes(name)) {
      const suggestion = didYouMean(name, TEMPLATE_COMPONENTS).trim();
      const supported = `Supported components: ${TEMPLATE_COMPONENTS.join(", ")}.`;
      throw new TsnlpError("E_INIT_UNKNOWN_COMPONENT", `Unknown pipeline component '${name}': init config has no template for it.`, {
        hint: suggestion ? `${suggestion} ${supported}` : supported,
      });
    }
    if (seen.has(name)) {
      throw new TsnlpError("E_INIT_DUPLICATE_COMPONENT", `The pipeline names '${name}' twice.`, {
        hint: "List each component once; a pipeline holds one component per name.",
      });
    }
    seen.add(name);
  }
  return components;
}

/** Whether the pipeline needs a shared tok2vec: some component listens to it. */
function needsTok2vec(components: readonly string[], optimize: Optimize): boolean {
  return components.some(
    (name) => (TOK2VEC_LISTENERS as readonly string[]).includes(name) || (optimize === "accuracy" && (TEXT_CLASSIFIERS as readonly string[]).includes(name)),
  );
}

/**
 * The base training config for the options, as config text (spaCy's INI dialect),
 * before defaults are filled in. `gpu` only shrinks `[nlp] batch_size` (128 instead
 * of 1000): without transformers that is all spaCy 3.5.4 changes for a GPU.
 */
export function renderConfigTemplate(options: TemplateOptions): string {
  const { lang, optimize, gpu } = options;
  if (optimize !== "efficiency" && optimize !== "accuracy") {
    throw new TsnlpError("E_INIT_BAD_OPTIMIZE", `Unknown optimization goal '${String(optimize)}'.`, {
      hint: "Use 'efficiency' or 'accuracy'.",
    });
  }
  const components = checkComponents(options.pipeline);
  const withTok2vec = needsTok2vec(components, optimize);
  const wordVectors = recommendationsFor(lang).word_vectors;
  const context = {
    lang: quote(lang),
    pipeline: quoteList(withTok2vec ? ["tok2vec", ...components] : components),
    components,
    withTok2vec,
    optimize,
    gpu: Boolean(gpu),
    vectors: optimize === "accuracy" && wordVectors ? quote(wordVectors) : "null",
  };
  const text = environment().render(TEMPLATE_FILE, context);
  return collapseBlankLines(text);
}

/** Trims the text and collapses runs of blank lines into one, as spaCy does after rendering. */
function collapseBlankLines(text: string): string {
  const lines = text.split("\n").map((line) => line.trimEnd());
  return `${lines
    .join("\n")
    .trim()
    .replace(/\n{3,}/g, "\n\n")}\n`;
}
