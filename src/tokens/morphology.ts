import { TsnlpError } from "../util/errors.js";

/**
 * Morphological features in Universal Dependencies' FEATS form ("Number=Sing|Person=3").
 * spaCy keys a token's MORPH by the normalised string: features sorted by field, several
 * values of one field sorted and comma-joined. "_" stands for "no features" (set but empty),
 * which is distinct from "not annotated".
 */
export const EMPTY_MORPH = "_";

export type MorphFeatures = Record<string, string>;

export function featsToDict(feats: string): MorphFeatures {
  const out: MorphFeatures = {};
  if (feats === "" || feats === EMPTY_MORPH) return out;
  for (const feature of feats.split("|")) {
    const eq = feature.indexOf("=");
    if (eq <= 0 || eq === feature.length - 1) {
      throw new TsnlpError("E_BAD_MORPH", `'${feature}' in the morphological features '${feats}' is not of the form Field=Value.`, {
        hint: 'Write features in UD FEATS form, e.g. "Number=Sing|Person=3", or "_" for none.',
      });
    }
    out[feature.slice(0, eq)] = sortValues(feature.slice(eq + 1));
  }
  return out;
}

function sortValues(values: string): string {
  return values.includes(",") ? values.split(",").sort().join(",") : values;
}

// A corpus repeats a few thousand distinct FEATS strings; normalising each once pays off.
const normalized = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** "" for no features, else fields and values sorted as spaCy sorts them. */
export function normalizeFeats(features: string | MorphFeatures): string {
  if (typeof features !== "string") return normalizeDict(features);
  let result = normalized.get(features);
  if (result === undefined) {
    result = normalizeDict(featsToDict(features));
    if (normalized.size >= CACHE_LIMIT) normalized.clear();
    normalized.set(features, result);
  }
  return result;
}

function normalizeDict(dict: MorphFeatures): string {
  return Object.entries(dict)
    .map(([field, values]) => `${field}=${sortValues(values)}`)
    .sort()
    .join("|");
}
