import type { z } from "zod";
import { Placeholder, isPlaceholder } from "../registry/placeholder.js";
import { type FunctionDecl, REGISTRY_NAMES, type Registry } from "../registry/registry.js";
import { ANY, formatSig, sig } from "../util/signature.js";
import { didYouMean } from "../util/suggest.js";
import { findFactory, langOf } from "./factories.js";
import { type ConfigIssue, issue } from "./issues.js";
import { initializeSchema, nlpSchema, pretrainingSchema, trainingSchema } from "./schemas.js";
import { type Section, type Value, getPath, isSection, promiseInfo } from "./tree.js";

/**
 * Check an interpolated config against the registry without building anything: every
 * function block's name and arguments, the signature of every model passed to another
 * function, and the plain sections ([nlp], [training], [pretraining], [initialize]).
 * Returns every issue found, not only the first.
 */
export function validateConfig(config: Section, registry: Registry): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const evaluated = evaluateTree(config, [], registry, issues) as Section;

  checkPlain(evaluated, ["nlp"], nlpSchema, issues);
  checkPlain(evaluated, ["training"], trainingSchema, issues);
  checkPlain(evaluated, ["initialize"], initializeSchema, issues);
  const pretraining = evaluated.pretraining;
  if (isSection(pretraining) && Object.keys(pretraining).length > 0) checkPlain(evaluated, ["pretraining"], pretrainingSchema, issues);

  checkComponents(config, evaluated, registry, issues);
  checkCorpora(config, evaluated, issues);
  return issues;
}

/** Replace every function block by a placeholder of what it returns, validating it on the way. */
function evaluateTree(value: Value, path: string[], registry: Registry, issues: ConfigIssue[]): Value | Placeholder {
  if (Array.isArray(value)) return value.map((item, i) => evaluateTree(item, [...path, String(i)], registry, issues)) as Value;
  if (!isSection(value)) return value;
  const info = promiseInfo(value);
  const children: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (info && key === info.key) continue;
    children[key] = evaluateTree(item, [...path, key], registry, issues);
  }
  if (!info) return children as Section;
  return evaluateCall(value, children, path, registry, issues);
}

function evaluateCall(block: Section, children: Record<string, unknown>, path: string[], registry: Registry, issues: ConfigIssue[]): Placeholder {
  const info = promiseInfo(block)!;
  const unknownResult = new Placeholder(info.registryName, String(info.name), sig.value(ANY));
  if (!info.registry || info.registry === "factories") {
    issues.push(issue(path, info.key, `'${info.key}' names no function registry.${didYouMean(info.registryName, REGISTRY_NAMES)}`));
    return unknownResult;
  }
  if (typeof info.name !== "string") {
    issues.push(issue(path, info.key, `The function name must be a string, got ${JSON.stringify(info.name)}.`));
    return unknownResult;
  }
  const decl = registry.find(info.registry, info.name);
  if (!decl) {
    issues.push(issue(path, info.key, `Could not find function '${info.name}' in registry '${info.registry}'.${didYouMean(info.name, registry.names(info.registry))}`));
    return unknownResult;
  }
  const { "*": positional, ...args } = children;
  checkArgs(decl.name, decl.args, args, path, issues);
  if (positional !== undefined) checkPositional(decl, positional, path, issues);
  return new Placeholder(info.registry, decl.name, decl.returns);
}

function checkPositional(decl: FunctionDecl, positional: unknown, path: string[], issues: ConfigIssue[]): void {
  if (!decl.positional) {
    issues.push(issue(path, "*", `${decl.name} takes no positional arguments.`));
    return;
  }
  const items = Array.isArray(positional) ? positional : isSection(positional as Value) ? Object.values(positional as object) : [positional];
  items.forEach((item, i) => {
    const result = decl.positional!.safeParse(item);
    if (!result.success) for (const zi of result.error.issues) issues.push(issue([...path, "*"], String(i), describeIssue(decl.name, zi, item)));
  });
}

/** Validate arguments (placeholders in place of nested calls) and translate zod's issues. */
export function checkArgs(owner: string, schema: z.ZodObject, args: Record<string, unknown>, path: string[], issues: ConfigIssue[]): void {
  const result = schema.safeParse(args);
  if (result.success) return;
  const declared = Object.keys(schema.shape);
  for (const zi of result.error.issues) {
    if (zi.code === "unrecognized_keys") {
      for (const key of zi.keys) issues.push(issue(path, key, `extra fields not permitted.${didYouMean(key, declared)}`));
      continue;
    }
    const key = zi.path[0] === undefined ? undefined : String(zi.path[0]);
    const value = key === undefined ? undefined : args[key];
    if (key !== undefined && !(key in args)) {
      issues.push(issue(path, key, `field required (${owner} has no default for it)`));
      continue;
    }
    // A function whose output is not a model may be passed where a plain value is declared:
    // its value is only known once it runs, as in spaCy.
    if (isPlaceholder(value) && value.returns.kind === "value" && zi.code !== "custom" && !hasSignatureIssue(zi)) continue;
    const subPath = zi.path.length > 1 ? [...path, ...zi.path.slice(0, -1).map(String)] : path;
    const subKey = zi.path.length > 1 ? String(zi.path[zi.path.length - 1]) : key;
    const field = key === undefined ? undefined : (schema.shape[key] as z.ZodType | undefined);
    issues.push(issue(subPath, subKey, describeIssue(owner, zi, value, zi.path.length === 1 && field !== undefined && isIntSchema(field))));
  }
}

function hasSignatureIssue(zi: z.core.$ZodIssue): boolean {
  if (zi.code === "custom") return true;
  if (zi.code === "invalid_union") return zi.errors.some((branch) => branch.some(hasSignatureIssue));
  return false;
}

/** Whether a field holds integers, looking through defaults, nullable and optional wrappers. */
function isIntSchema(schema: z.ZodType): boolean {
  let node = schema as z.ZodType & { isInt?: boolean; def: { innerType?: z.ZodType } };
  while (node.def.innerType) node = node.def.innerType as typeof node;
  return node.isInt === true;
}

/** pydantic-like wording, which spaCy users know, plus what was given. */
function describeIssue(owner: string, zi: z.core.$ZodIssue, value: unknown, integer = false): string {
  const given = describeGiven(value);
  switch (zi.code) {
    case "invalid_type": {
      const expected = integer && zi.expected === "number" ? "int" : String(zi.expected);
      const noun: Record<string, string> = {
        int: "value is not a valid integer",
        number: "value is not a valid float",
        string: "str type expected",
        boolean: "value is not a valid boolean",
        array: "value is not a valid list",
        object: "value is not a valid dict",
        null: "value must be null",
      };
      return `${noun[expected] ?? `expected ${expected}`}${given}`;
    }
    case "custom": {
      if ((zi.params as { signature?: boolean } | undefined)?.signature) return `${owner} ${zi.message}`;
      return `${zi.message}`;
    }
    case "invalid_union": {
      const signature = zi.errors.flat().find((branch) => branch.code === "custom" && (branch.params as { signature?: boolean } | undefined)?.signature);
      if (signature) return `${owner} ${signature.message}`;
      const expected = zi.errors
        .flat()
        .map((branch) => (branch.code === "invalid_type" ? String(branch.expected) : branch.code === "custom" ? String((branch.params as { expected?: string })?.expected ?? "") : ""))
        .filter((text) => text !== "");
      return `value is not one of: ${[...new Set(expected)].join(", ")}${given}`;
    }
    case "invalid_value":
      return `unexpected value; permitted: ${zi.values.map((v) => JSON.stringify(v)).join(", ")}${given}`;
    default:
      return `${zi.message}${given}`;
  }
}

function describeGiven(value: unknown): string {
  if (value === undefined) return "";
  if (isPlaceholder(value)) return ` (given ${value.name}, which returns ${formatSig(value.returns)})`;
  const text = JSON.stringify(value);
  return text === undefined ? "" : ` (given ${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

function checkPlain(evaluated: Section, path: string[], schema: z.ZodObject, issues: ConfigIssue[]): void {
  const section = getPath(evaluated, path);
  if (section === undefined) {
    issues.push(issue([], path.join("."), "section required"));
    return;
  }
  if (!isSection(section)) {
    issues.push(issue([], path.join("."), "must be a section"));
    return;
  }
  checkArgs(`[${path.join(".")}]`, schema, section as Record<string, unknown>, path, issues);
}

function checkComponents(config: Section, evaluated: Section, registry: Registry, issues: ConfigIssue[]): void {
  const components = evaluated.components;
  if (!isSection(components)) {
    issues.push(issue([], "components", "section required"));
    return;
  }
  for (const [name, block] of Object.entries(components)) {
    const path = ["components", name];
    if (!isSection(block)) {
      issues.push(issue(["components"], name, "a component must be a section with a 'factory' (or 'source') setting"));
      continue;
    }
    const { factory, source, ...args } = block as Record<string, unknown>;
    if (factory === undefined) {
      if (source === undefined) issues.push(issue(path, "factory", "field required: say which factory creates the component (or give 'source')"));
      else if (source === null) {
        issues.push(issue(path, "source", `is null: set it to the pipeline to copy '${name}' from, e.g. --components.${name}.source path/to/pipeline`, "warning"));
      } else if (typeof source !== "string") issues.push(issue(path, "source", "str type expected: a pipeline path or package name"));
      continue;
    }
    if (typeof factory !== "string") {
      issues.push(issue(path, "factory", "str type expected: a factory name such as \"tagger\""));
      continue;
    }
    const decl = findFactory(registry, factory, langOf(config));
    if (!decl) {
      issues.push(issue(path, "factory", `No factory '${factory}' is registered.${didYouMean(factory, registry.names("factories"))}`));
      continue;
    }
    const { source: _ignored, ...rest } = block as Record<string, unknown>;
    void _ignored;
    checkArgs(`factory '${factory}'`, decl.args, source === undefined ? args : rest, path, issues);
  }

  const nlp = config.nlp;
  if (!isSection(nlp)) return;
  const listed = (key: string, where: string[]) => {
    const names = getPath(config, [...where, key]);
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
  };
  const pipeline = listed("pipeline", ["nlp"]);
  for (const name of pipeline) {
    if (!Object.hasOwn(components, name)) {
      issues.push(issue(["nlp"], "pipeline", `'${name}' is in the pipeline but there is no [components.${name}] block.${didYouMean(name, Object.keys(components))}`));
    }
  }
  for (const [section, key] of [
    [["nlp"], "disabled"],
    [["training"], "frozen_components"],
    [["training"], "annotating_components"],
  ] as const) {
    for (const name of listed(key, [...section])) {
      if (!pipeline.includes(name)) issues.push(issue([...section], key, `'${name}' is not in the pipeline ${JSON.stringify(pipeline)}.${didYouMean(name, pipeline)}`));
    }
  }
  const pretrainComponent = getPath(config, ["pretraining", "component"]);
  if (typeof pretrainComponent === "string" && !Object.hasOwn(components, pretrainComponent)) {
    // spaCy only warns here too: the block is valid, but 'pretrain' needs the component.
    issues.push(
      issue(
        ["pretraining"],
        "component",
        `there is no component '${pretrainComponent}' to pretrain; set it (and 'layer') before running 'tsnlp pretrain'.${didYouMean(pretrainComponent, Object.keys(components))}`,
        "warning",
      ),
    );
  }
}

function checkCorpora(config: Section, evaluated: Section, issues: ConfigIssue[]): void {
  const corpora = evaluated.corpora;
  if (isSection(corpora as Value)) {
    for (const [name, reader] of Object.entries(corpora as Record<string, unknown>)) {
      if (!isPlaceholder(reader)) issues.push(issue(["corpora"], name, "expected a corpus reader block, e.g. @readers = \"spacy.Corpus.v1\""));
    }
  }
  for (const [section, key] of [
    ["training", "train_corpus"],
    ["training", "dev_corpus"],
    ["pretraining", "corpus"],
  ] as const) {
    const dotted = getPath(config, [section, key]);
    if (typeof dotted !== "string") continue;
    if (getPath(config, dotted.split(".")) === undefined) {
      issues.push(issue([section], key, `'${dotted}' names no section of this config (e.g. [corpora.train]).`));
    }
  }
}
