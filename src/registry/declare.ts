import { z } from "zod";
import type { Sig } from "../util/signature.js";
import type { FactoryDecl, FunctionDecl, Origin } from "./registry.js";

export interface FunctionSpec {
  description: string;
  args: z.ZodRawShape;
  positional?: z.ZodType;
  returns: Sig;
  origin?: Origin;
}

/** Declare a registered function; its args become a strict object ("extra fields not permitted"). */
export function declareFunction(registry: FunctionDecl["registry"], name: string, spec: FunctionSpec): FunctionDecl {
  return {
    registry,
    name,
    description: spec.description,
    args: z.object(spec.args).strict(),
    positional: spec.positional,
    returns: spec.returns,
    origin: spec.origin ?? "spacy",
  };
}

export interface FactorySpec {
  description: string;
  args: z.ZodRawShape;
  defaultConfig: Record<string, unknown>;
  defaultScoreWeights?: Record<string, number | null>;
  assigns?: string[];
  requires?: string[];
  origin?: Origin;
}

export function declareFactory(name: string, spec: FactorySpec): FactoryDecl {
  return {
    registry: "factories",
    name,
    description: spec.description,
    args: z.object(spec.args).strict(),
    defaultConfig: spec.defaultConfig,
    defaultScoreWeights: spec.defaultScoreWeights ?? {},
    assigns: spec.assigns ?? [],
    requires: spec.requires ?? [],
    origin: spec.origin ?? "spacy",
  };
}

export interface ArgInfo {
  name: string;
  required: boolean;
  default?: unknown;
  description: string;
}

/** The declared arguments of a function: name, default (when it has one) and description. */
export function argInfo(args: z.ZodObject): ArgInfo[] {
  return Object.entries(args.shape).map(([name, field]) => {
    const schema = field as z.ZodType;
    const def = schema.def as { type: string; defaultValue?: unknown };
    const info: ArgInfo = { name, required: def.type !== "default" && def.type !== "optional", description: schema.description ?? "" };
    if (def.type === "default") info.default = structuredClone(def.defaultValue);
    return info;
  });
}
