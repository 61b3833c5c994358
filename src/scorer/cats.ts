import type { Example } from "../tokens/example.js";
import { type CatsGetter, type CatsScores, catsResults, getDocCats, topCategory } from "./cats-results.js";
import { PRFScore } from "./prf-score.js";
import { ROCAUCScore } from "./roc-auc-score.js";

export interface CatsScoreOptions {
  /** Reads the category scores; by default doc.cats. */
  getter?: CatsGetter;
  /** The labels to score; categories outside them are ignored. */
  labels?: Iterable<string>;
  /** Whether categories are independent (true, the default) or exclusive. */
  multiLabel?: boolean;
  /** For an exclusive task with two labels: the label whose F is the headline score. */
  positiveLabel?: string | null;
  /** Score at which a multi-label prediction counts as positive; default 0.5. Exclusive tasks take the top label. */
  threshold?: number | null;
}

/**
 * P/R/F and ROC AUC of doc categories (spaCy 3.5's Scorer.score_cats, behind
 * spacy.textcat_scorer.v2 and spacy.textcat_multilabel_scorer.v2). A label missing from a
 * reference doc is unknown for multi-label tasks and 0 for exclusive ones. Multi-label counts
 * each label against the threshold; exclusive compares the top predicted and gold labels.
 */
export function scoreCats(examples: Iterable<Example>, attr: string, options: CatsScoreOptions = {}): CatsScores {
  const getter = options.getter ?? getDocCats;
  const multiLabel = options.multiLabel ?? true;
  const threshold = multiLabel ? (options.threshold ?? 0.5) : 0.0;
  const labelList = [...(options.labels ?? [])];
  const fPerType = new Map(labelList.map((label) => [label, new PRFScore()]));
  const aucPerType = new Map(labelList.map((label) => [label, new ROCAUCScore()]));
  const labels = new Set(labelList);
  for (const example of examples) {
    const predCats = Object.entries(getter(example.predicted, attr)).filter(([label]) => labels.has(label));
    const goldCats = Object.entries(getter(example.reference, attr)).filter(([label]) => labels.has(label));
    const pred = new Map(predCats);
    const gold = new Map(goldCats);
    for (const label of labels) {
      const predScore = pred.get(label) ?? 0.0;
      let goldScore = gold.get(label);
      if ((goldScore === undefined || goldScore === 0) && !multiLabel) goldScore = 0.0;
      if (goldScore !== undefined) aucPerType.get(label)!.scoreSet(predScore, goldScore);
    }
    if (multiLabel) {
      for (const label of labels) {
        const predScore = pred.get(label) ?? 0.0;
        const goldScore = gold.get(label);
        if (goldScore === undefined) continue;
        const counts = fPerType.get(label)!;
        if (predScore >= threshold && goldScore > 0) counts.tp += 1;
        else if (predScore >= threshold && goldScore === 0) counts.fp += 1;
        else if (predScore < threshold && goldScore > 0) counts.fn += 1;
      }
    } else if (predCats.length > 0 && goldCats.length > 0) {
      const [predLabel] = topCategory(predCats);
      const [goldLabel] = topCategory(goldCats);
      if (predLabel === goldLabel) fPerType.get(predLabel)!.tp += 1;
      else {
        fPerType.get(goldLabel)!.fn += 1;
        fPerType.get(predLabel)!.fp += 1;
      }
    } else if (goldCats.length > 0) {
      // spaCy 3.5.4 means to count the gold label as missed here, but its max() walks the
      // dict's keys and raises instead; this counts it.
      const [goldLabel, goldScore] = topCategory(goldCats);
      if (goldScore > 0) fPerType.get(goldLabel)!.fn += 1;
    } else if (predCats.length > 0) {
      const [predLabel] = topCategory(predCats);
      fPerType.get(predLabel)!.fp += 1;
    }
  }
  return catsResults(attr, fPerType, aucPerType, { labelCount: labels.size, multiLabel, positiveLabel: options.positiveLabel ?? null });
}
