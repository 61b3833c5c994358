/**
 * The HTML pages `evaluate --displacy-path` writes: one file per style, each showing the
 * first `limit` docs (spaCy 3.5.4 spacy/cli/evaluate.py, render_parses).
 */
import { join } from "node:path";
import type { Doc } from "../tokens/doc.js";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { renderDeps } from "./dep.js";
import { renderEntities } from "./entities.js";
import { renderSpans } from "./spans.js";

export type DisplacyStyle = "ent" | "span" | "dep";

export interface DisplacyPagesOptions {
  /** The styles to write, one file each; all that have a renderer when left out. */
  style?: DisplacyStyle | DisplacyStyle[];
  /** How many docs to show; spaCy's evaluate shows 25. */
  limit?: number;
  /** The span group the "span" style shows; "sc" (spancat's default) when left out. */
  spansKey?: string;
  /** Shown above the first doc; spaCy's evaluate shows the pipeline's name. */
  title?: string;
}

interface StyleRenderer {
  fileName: string;
  render: ((docs: Doc[], options: DisplacyPagesOptions) => string) | null;
}

/** Each style's file (spaCy's names) and renderer; spaCy's evaluate draws parses compact. */
export const DISPLACY_STYLES: Readonly<Record<DisplacyStyle, StyleRenderer>> = {
  ent: { fileName: "entities.html", render: (docs, options) => renderEntities(docs, { title: options.title }) },
  dep: { fileName: "parses.html", render: (docs, options) => renderDeps(docs, { title: options.title, compact: true }) },
  span: { fileName: "spans.html", render: (docs, options) => renderSpans(docs, options.spansKey ?? "sc", { title: options.title }) },
};

/** Write the pages into `dir` (created when missing) and return the paths written, in style order. */
export function writeDisplacyPages(dir: string, docs: Iterable<Doc>, options: DisplacyPagesOptions = {}): string[] {
  const styles = chosenStyles(options.style);
  const limit = options.limit ?? 25;
  if (!Number.isInteger(limit) || limit < 0) {
    throw new TsnlpError("E_DISPLACY_LIMIT", `The displaCy limit must be a whole number of docs, 0 or more; got ${limit}.`, {
      hint: "Pass --displacy-limit with a count such as 25.",
    });
  }
  const shown = takeFirst(docs, limit);
  return styles.map((style) => {
    const renderer = DISPLACY_STYLES[style];
    if (!renderer.render) {
      throw new TsnlpError("E_DISPLACY_STYLE", `The displaCy style '${style}' is not available yet.`, {
        hint: `Choose from: ${availableStyles().join(", ")}.`,
      });
    }
    const path = join(dir, renderer.fileName);
    writeFileAtomic(path, renderer.render(shown, options));
    return path;
  });
}

/** The styles that have a renderer. */
export function availableStyles(): DisplacyStyle[] {
  return (Object.keys(DISPLACY_STYLES) as DisplacyStyle[]).filter((style) => DISPLACY_STYLES[style].render !== null);
}

function chosenStyles(style: DisplacyPagesOptions["style"]): DisplacyStyle[] {
  const styles = style === undefined ? availableStyles() : Array.isArray(style) ? style : [style];
  for (const name of styles) {
    if (!Object.hasOwn(DISPLACY_STYLES, name)) {
      throw new TsnlpError("E_DISPLACY_STYLE", `Unknown displaCy style '${name}'.`, { hint: `Choose from: ${Object.keys(DISPLACY_STYLES).join(", ")}.` });
    }
  }
  return [...new Set(styles)];
}

function takeFirst(docs: Iterable<Doc>, limit: number): Doc[] {
  const taken: Doc[] = [];
  if (limit === 0) return taken;
  for (const doc of docs) {
    taken.push(doc);
    if (taken.length >= limit) break;
  }
  return taken;
}
