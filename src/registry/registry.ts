import type { z } from "zod";
import { TsnlpError } from "../util/errors.js";
import type { Sig } from "../util/signature.js";
import { didYouMean, nearest } from "../util/suggest.js";

/** The registries spaCy has, plus the two that spacy-transformers adds. */
export const REGISTRY_NAMES = [
  "architectures",
  "layers",
  "misc",
  "optimizers",
  "schedules",
  "batchers",
  "readers",
  "loggers",
  "scorers",
  "factories",
  "tokenizers",
  "callbacks",
  "augmenters",
  "vectors",
  "initializers",
  "losses",
  "span_getters",
  "annotation_setters",
] as const;

export type RegistryName = (typeof REGISTRY_NAMES)[number];

export function isRegistryName(name: string): name is RegistryName {
  return (REGISTRY_NAMES as readonly string[]).includes(name);
}

/** Where a declaration comes from: spaCy's own names, thinc's, an add-on's or tsnlp's. */
export type Origin = "spacy" | "thinc" | "spacy-transformers" | "spacy-experimental" | "tsnlp" | "user";

/**
 * A registered function. `args` is a strict zod object: each field carries its type,
 * its default (`.default(...)`) and a one-line description (`.describe(...)`). Fill-config,
 * validation, `debug config --show-functions` and the docs all read this one declaration.
 */
export interface FunctionDecl {
  registry: Exclude<RegistryName, "factories">;
  name: string;
  description: string;
  args: z.ZodObject;
  /** Schema of each positional (`*`) argument; absent when the function takes none. */
  positional?: z.ZodType;
  returns: Sig;
  origin: Origin;
  /** Absent until tsnlp implements the function: calling it is then a clear error. */
  build?: (args: Record<string, unknown>, positional: unknown[]) => unknown;
}

/** A pipeline component factory, as `@Language.factory` declares it in spaCy. */
export interface FactoryDecl {
  registry: "factories";
  name: string;
  description: string;
  /** Every setting of `[components.NAME]` except `factory`; no defaults here: they live in `defaultConfig`. */
  args: z.ZodObject;
  /** spaCy's `default_config`, with function blocks as `{"@registry": "name", ...}` objects. */
  defaultConfig: Record<string, unknown>;
  defaultScoreWeights: Record<string, number | null>;
  assigns: string[];
  requires: string[];
  origin: Origin;
  build?: (args: Record<string, unknown>) => unknown;
}

export type Decl = FunctionDecl | FactoryDecl;

type Named<R extends RegistryName> = R extends "factories" ? FactoryDecl : FunctionDecl;

export class Registry {
  private readonly tables = new Map<RegistryName, Map<string, Decl>>(REGISTRY_NAMES.map((name) => [name, new Map()]));

  /** Add a declaration. Registering a name twice replaces it only with `{ override: true }`. */
  register<D extends Decl>(decl: D, options: { override?: boolean } = {}): D {
    const table = this.table(decl.registry);
    if (table.has(decl.name) && !options.override) {
      throw new TsnlpError("E_REGISTRY_DUPLICATE", `'${decl.name}' is already registered in '${decl.registry}'.`, {
        hint: "Pick a new name (names never change meaning: add a new .vN), or register with { override: true }.",
      });
    }
    table.set(decl.name, decl);
    return decl;
  }

  /** Attach an implementation to a declared function. */
  implement(registry: RegistryName, name: string, build: (args: Record<string, unknown>, positional: unknown[]) => unknown): void {
    const decl = this.get(registry, name);
    (decl as { build?: unknown }).build = build;
  }

  has(registry: RegistryName, name: string): boolean {
    return this.table(registry).has(name);
  }

  find<R extends RegistryName>(registry: R, name: string): Named<R> | undefined {
    return this.table(registry).get(name) as Named<R> | undefined;
  }

  /** The declaration, or an error naming the three nearest registered names. */
  get<R extends RegistryName>(registry: R, name: string): Named<R> {
    const decl = this.find(registry, name);
    if (decl) return decl;
    const close = nearest(name, this.table(registry).keys(), 3);
    throw new TsnlpError("E_REGISTRY_UNKNOWN", `Could not find function '${name}' in registry '${registry}'.${didYouMean(name, close)}`, {
      hint: close.length === 0 ? `Run 'tsnlp debug config --show-functions' on your config, or register '${name}' in a --code file.` : undefined,
    });
  }

  names(registry: RegistryName): string[] {
    return [...this.table(registry).keys()].sort();
  }

  all(): Decl[] {
    return [...this.tables.values()].flatMap((table) => [...table.values()]);
  }

  private table(registry: RegistryName): Map<string, Decl> {
    const table = this.tables.get(registry);
    if (!table) throw new TsnlpError("E_REGISTRY_UNKNOWN_TABLE", `There is no registry '${registry}'.${didYouMean(registry, REGISTRY_NAMES)}`);
    return table;
  }
}

/** Call a declared function, or say clearly that tsnlp does not implement it yet. */
export function notAvailable(decl: Decl): TsnlpError {
  const where = decl.origin === "spacy-transformers" || decl.origin === "spacy-experimental" ? ` It comes from ${decl.origin}, which tsnlp does not provide.` : "";
  return new TsnlpError("E_NOT_AVAILABLE", `'${decl.name}' (registry '${decl.registry}') is declared but not available yet in this version of tsnlp.${where}`, {
    hint: "Its config validates and fills, but it cannot be built. Choose another function or register your own implementation with --code.",
  });
}
