/** What every section's checks read: the pipeline, the counts of both corpora, and the components' labels. */
import type { GoldStats } from "./gold-stats.js";
import type { DataKind } from "./kinds.js";
import { KIND_FACTORIES } from "./kinds.js";
import type { DebugDataSetup } from "./setup.js";

export interface CheckContext {
  setup: DebugDataSetup;
  train: GoldStats;
  dev: GoldStats;
  /** Whether nlp.initialize ran on the training data, so that built components hold their labels. */
  initialized: boolean;
}

/**
 * The labels the components of a kind hold after initialization (spaCy's _get_labels_from_model),
 * or null when they are not known: a component tsnlp cannot build yet, or initialization that
 * did not run. Initialization takes the labels from the training data, so the checks then use
 * those.
 */
export function modelLabels(ctx: CheckContext, kind: DataKind): Set<string> | null {
  const components = ctx.setup.components.filter((component) => component.factory !== null && KIND_FACTORIES[kind].includes(component.factory));
  if (!ctx.initialized || components.some((component) => component.unavailable !== null)) return null;
  const labels = new Set<string>();
  for (const component of components) for (const label of ctx.setup.nlp.getPipe(component.name).labels) labels.add(label);
  return labels;
}

/**
 * The spans keys of the span categorizers, each with its components' labels (spaCy's
 * _get_labels_from_spancat), or null for the labels where they are not known.
 */
export function spancatLabels(ctx: CheckContext): Map<string, Set<string> | null> {
  const keys = new Map<string, Set<string> | null>();
  for (const component of ctx.setup.components) {
    if (component.factory === null || !KIND_FACTORIES.spancat.includes(component.factory)) continue;
    const key = typeof component.settings.spans_key === "string" ? component.settings.spans_key : "sc";
    const known = ctx.initialized && component.unavailable === null;
    const labels = known ? new Set(ctx.setup.nlp.getPipe(component.name).labels) : null;
    if (!keys.has(key)) keys.set(key, labels);
    else {
      const existing = keys.get(key);
      keys.set(key, existing && labels ? new Set([...existing, ...labels]) : null);
    }
  }
  return keys;
}
