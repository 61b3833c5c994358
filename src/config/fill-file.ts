import { diffLines } from "diff";
import type { Registry } from "../registry/registry.js";
import { type FillResult, fillAndValidate } from "./fill.js";
import { type ConfigFormat, configToString, formatOf, readConfig } from "./load.js";

export interface FillFileResult extends FillResult {
  /** The filled config as text, in the output's format. */
  text: string;
  /** The base config as tsnlp writes it, for comparing with `text`. */
  baseText: string;
}

/** `init fill-config` as a library call: read, fill, validate (throwing on errors), write to text. */
export function fillConfigFile(base: string, registry: Registry, options: { pretraining?: boolean; format?: ConfigFormat } = {}): FillFileResult {
  const { tree, source } = readConfig(base, { env: false });
  const result = fillAndValidate(tree, registry, { pretraining: options.pretraining, source });
  const format = options.format ?? formatOf(base);
  return { ...result, text: configToString(result.config, format), baseText: configToString(tree, format) };
}

/** Lines added (+) and removed (-) between two texts, unchanged lines indented. */
export function describeDiff(before: string, after: string, color: { added: (s: string) => string; removed: (s: string) => string }): string {
  const out: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    for (const line of lines) {
      if (part.added) out.push(color.added(`+ ${line}`));
      else if (part.removed) out.push(color.removed(`- ${line}`));
      else out.push(`  ${line}`);
    }
  }
  return out.join("\n");
}
