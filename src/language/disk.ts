/**
 * Saving and loading a pipeline folder, laid out as spaCy's:
 *
 *   config.cfg        the filled config the pipeline was built from
 *   meta.json         name, version, labels, performance
 *   tokenizer         the tokenizer's rules as JSON (tsnlp's own format)
 *   vocab/strings.json
 *   vocab/vectors*    the static vectors table, when it has words (layout in src/tokens/vectors-disk.ts)
 *   NAME/             one folder per component (its cfg and model, or its rules)
 *
 * The folder is written under a temporary name beside the target and renamed when complete,
 * so an interrupted save never leaves a half-written pipeline; an existing folder is replaced.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { readConfig } from "../config/load.js";
import { writeIni } from "../config/ini.js";
import type { TokenizerData } from "../lang/tokenizer.js";
import { Language } from "../language.js";
import type { Registry } from "../registry/index.js";
import { Vectors } from "../tokens/vectors.js";
import { hasVectorsFolder } from "../tokens/vectors-disk.js";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { type Meta, tsnlpVersion } from "./meta.js";

export function pipelineToDisk(nlp: Language, path: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    mkdirSync(temp);
    writeContents(nlp, temp);
    const old = existsSync(target) ? `${temp}.old` : null;
    if (old) renameSync(target, old);
    renameSync(temp, target);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

function writeContents(nlp: Language, dir: string): void {
  writeFileAtomic(join(dir, "config.cfg"), `${writeIni(nlp.config)}\n`);
  writeFileAtomic(join(dir, "meta.json"), `${JSON.stringify(currentMeta(nlp), null, 2)}\n`);
  writeFileAtomic(join(dir, "tokenizer"), `${JSON.stringify(nlp.tokenizer.toJSON())}\n`);
  writeFileAtomic(join(dir, "vocab", "strings.json"), `${JSON.stringify(nlp.vocab.strings.toJSON())}\n`);
  if (nlp.vocab.vectors.nKeys > 0) nlp.vocab.vectors.toDisk(join(dir, "vocab"));
  for (const [name, component] of nlp.components) {
    const sub = join(dir, name);
    mkdirSync(sub, { recursive: true });
    component.toDisk(sub);
  }
}

/** meta.json as it should read now: the pipeline, components and labels of `nlp`. */
export function currentMeta(nlp: Language): Meta {
  const labels: Record<string, string[]> = {};
  for (const [name, component] of nlp.components) {
    // spaCy leaves out labels that mean nothing to a reader (the lemmatizer's tree ids).
    if (component.labels.length > 0 && (component as { hideLabels?: boolean }).hideLabels !== true) labels[name] = [...component.labels];
  }
  const { vectors } = nlp.vocab;
  // spaCy's meta["vectors"]: rows, words, name and mode of the vocab's table.
  const vectorsMeta = { width: vectors.width, vectors: vectors.size, keys: vectors.nKeys, name: vectors.name, mode: vectors.mode };
  return {
    ...nlp.meta,
    lang: nlp.lang,
    tsnlp_version: tsnlpVersion(),
    pipeline: nlp.pipeNames,
    components: nlp.componentNames,
    disabled: nlp.disabled,
    labels,
    vectors: vectorsMeta,
  };
}

export interface LoadOptions {
  registry?: Registry;
  /** Components to load disabled. */
  disable?: readonly string[];
}

/** Load a pipeline folder written by toDisk (or by `tsnlp train`). */
export function loadPipeline(path: string, options: LoadOptions = {}): Language {
  const dir = resolve(path);
  checkPipelineFolder(path, dir);
  const { tree } = readConfig(join(dir, "config.cfg"), { env: false });
  const nlp = Language.fromConfig(tree, { registry: options.registry, disable: options.disable, autoFill: true });
  const metaPath = join(dir, "meta.json");
  if (existsSync(metaPath)) nlp.meta = { ...nlp.meta, ...(JSON.parse(readFileSync(metaPath, "utf8")) as Meta) };
  const stringsPath = join(dir, "vocab", "strings.json");
  if (existsSync(stringsPath)) for (const text of JSON.parse(readFileSync(stringsPath, "utf8")) as string[]) nlp.vocab.strings.add(text);
  if (hasVectorsFolder(join(dir, "vocab"))) nlp.vocab.vectors = Vectors.fromDisk(join(dir, "vocab"));
  const tokenizerPath = join(dir, "tokenizer");
  if (existsSync(tokenizerPath)) addSavedSpecialCases(nlp, JSON.parse(readFileSync(tokenizerPath, "utf8")) as TokenizerData);
  for (const [name, component] of nlp.components) {
    const sub = join(dir, name);
    if (existsSync(sub)) component.fromDisk(sub);
  }
  return nlp;
}

/**
 * The tokenizer comes from the config (the language's rules, including matcher functions
 * that JSON cannot hold); special cases added after creation are what a saved tokenizer
 * adds to it.
 */
function addSavedSpecialCases(nlp: Language, data: TokenizerData): void {
  const known = nlp.tokenizer.rules;
  for (const [text, tokens] of Object.entries(data.exceptions ?? {})) {
    if (!known.has(text)) nlp.tokenizer.addSpecialCase(text, tokens);
  }
}

function checkPipelineFolder(path: string, dir: string): void {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new TsnlpError("E_PIPELINE_NOT_FOUND", `There is no pipeline at ${path}.`, { file: path, hint: "Give the folder that `tsnlp train` wrote, e.g. output/model-best." });
  }
  if (!isDir || !existsSync(join(dir, "config.cfg"))) {
    throw new TsnlpError("E_PIPELINE_NOT_FOUND", `${path} is not a pipeline folder: it has no config.cfg.`, {
      file: path,
      hint: "Give the folder that `tsnlp train` wrote, e.g. output/model-best (not the output folder itself).",
    });
  }
}
