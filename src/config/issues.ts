import { TsnlpError } from "../util/errors.js";
import { writeIni } from "./ini.js";
import type { SourceMap } from "./source.js";
import { type Section, cloneValue, getPath, isSection } from "./tree.js";

/** One fault (or warning) in a config: the block's path, the key, and what is wrong. */
export interface ConfigIssue {
  path: string[];
  key?: string;
  message: string;
  severity: "error" | "warning";
}

export function issue(path: readonly string[], key: string | undefined, message: string, severity: ConfigIssue["severity"] = "error"): ConfigIssue {
  return { path: [...path], key, message, severity };
}

/** `components.tagger.model -> tok2vec`: spaCy's way to name a setting. */
export function issueLocation(item: ConfigIssue): string {
  const block = item.path.join(".");
  if (item.key === undefined) return block || "(config)";
  return block ? `${block} -> ${item.key}` : item.key;
}

/**
 * All errors of one config as a table in spaCy's style (`path -> key<TAB>message`),
 * followed by each offending block, so that the user can fix them in one pass.
 */
export function formatIssues(items: ConfigIssue[], tree?: Section, source?: SourceMap): string {
  const width = Math.min(60, Math.max(...items.map((item) => issueLocation(item).length)));
  const rows = items.map((item) => {
    const line = source?.lineOf(item.key === undefined ? item.path : [...item.path, item.key]);
    const where = line === undefined ? "" : `  (line ${line})`;
    return `${issueLocation(item).padEnd(width)}\t${item.message}${where}`;
  });
  const blocks: string[] = [];
  if (tree) {
    const seen = new Set<string>();
    for (const item of items) {
      const id = item.path.join(".");
      if (seen.has(id) || item.path.length === 0) continue;
      seen.add(id);
      const block = getPath(tree, item.path);
      if (isSection(block)) blocks.push(showBlock(item.path, block));
    }
  }
  return [...rows, ...(blocks.length > 0 ? ["", ...blocks] : [])].join("\n");
}

function showBlock(path: string[], block: Section): string {
  const wrapped: Section = {};
  let node = wrapped;
  path.forEach((part, i) => {
    const next: Section = i === path.length - 1 ? (cloneValue(block) as Section) : {};
    node[part] = next;
    node = next;
  });
  const text = writeIni(wrapped);
  // Only the offending block and its children, not the empty parents writeIni adds.
  const start = text.indexOf(`[${path.join(".")}]`);
  return start === -1 ? text : text.slice(start);
}

export class ConfigValidationError extends TsnlpError {
  constructor(
    readonly issues: ConfigIssue[],
    options: { file?: string; tree?: Section; source?: SourceMap; title?: string } = {},
  ) {
    const errors = issues.filter((item) => item.severity === "error");
    const first = errors[0] as ConfigIssue;
    const headline = `${options.title ?? "Config validation error"}: ${issueLocation(first)}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`;
    super("E_CONFIG_INVALID", headline, {
      file: options.file,
      line: options.source?.lineOf(first.key === undefined ? first.path : [...first.path, first.key]),
      details: formatIssues(errors, options.tree, options.source),
      hint: "Fix the settings listed above; 'tsnlp debug config' checks a config without training.",
    });
    this.name = "ConfigValidationError";
  }
}
