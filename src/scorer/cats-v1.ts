import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { type CatsScores, catsResults, getDocCats, topCategory } from "./cats-results.js";
import type { CatsScoreOptions } from "./cats.js";
import { PRFScore } from "./prf-score.js";
import { ROCAUCScore } from "./roc-auc-score.js";

/**
 * Doc categories scored as spaCy 3.0-3.2 did (spacy-legacy 3.0.12 score_cats_v1, behind
 * spacy.textcat_scorer.v1 and spacy.textcat_multilabel_scorer.v1). Unlike scoreCats, the
 * categories are not filtered to the labels (a category outside them is an error when it needs
 * a count), and an exclusive task applies the threshold (default 0) to the top prediction.
 */
export function scoreCatsV1(examples: Iterable<Example>, attr: string, options: CatsScoreOptions = {}): CatsScores {
  const getter = options.getter ?? getDocCats;
  const multiLabel = options.multiLabel ?? true;
  const threshold = options.threshold ?? (multiLabel ? 0.5 : 0.0);
  const labelList = [...(options.labels ?? [])];
  const fPerType = new Map(labelList.map((label) => [label, new PRFScore()]));
  const aucPerType = new Map(labelList.map((label) => [label, new ROCAUCScore()]));
  const labels = new Set(labelList);
  const all = [...examples];
  if (labels.size > 0) {
    for (const example of all) {
      // spaCy reads doc.cats here whatever the getter.
      for (const label of Object.keys(example.predicted.cats)) labels.add(label);
      for (const label of Object.keys(example.reference.cats)) labels.add(label);
    }
  }
  for (const example of all) {
    const predCats = Object.entries(getter(example.predicted, attr));
    const goldCats = Object.entries(getter(example.reference, attr));
    const pred = new Map(predCats);
    const gold = new Map(goldCats);
    for (const label of labels) {
      const predScore = pred.get(label) ?? 0.0;
      let goldScore = gold.get(label);
      if ((goldScore === undefined || goldScore === 0) && !multiLabel) goldScore = 0.0;
      if (goldScore !== undefined) known(aucPerType, label).scoreSet(predScore, goldScore);
    }
    if (multiLabel) {
      for (const label of labels) {
        const predScore = pred.get(label) ?? 0.0;
        const goldScore = gold.get(label);
        if (goldScore === undefined) continue;
        const counts = known(fPerType, label);
        if (predScore >= threshold && goldScore > 0) counts.tp += 1;
        else if (predScore >= threshold && goldScore === 0) counts.fp += 1;
        else if (predScore < threshold && goldScore > 0) counts.fn += 1;
      }
    } else if (predCats.length > 0 && goldCats.length > 0) {
      const [predLabel, predScore] = topCategory(predCats);
      const [goldLabel] = topCategory(goldCats);
      if (predLabel === goldLabel && predScore >= threshold) known(fPerType, predLabel).tp += 1;
      else {
        known(fPerType, goldLabel).fn += 1;
        if (predScore >= threshold) known(fPerType, predLabel).fp += 1;
      }
    } else if (goldCats.length > 0) {
      // As in scoreCats: spaCy means to count the gold label as missed here but raises instead.
      const [goldLabel, goldScore] = topCategory(goldCats);
      if (goldScore > 0) known(fPerType, goldLabel).fn += 1;
    } else if (predCats.length > 0) {
      const [predLabel, predScore] = topCategory(predCats);
      if (predScore >= threshold) known(fPerType, predLabel).fp += 1;
    }
  }
  return catsResults(attr, fPerType, aucPerType, { labelCount: labels.size, multiLabel, positiveLabel: options.positiveLabel ?? null });
}

/** The label's entry; spaCy 3.0's scorer fails with a KeyError on a category outside the labels. */
function known<T>(table: ReadonlyMap<string, T>, label: string): T {
  const entry = table.get(label);
  if (entry === undefined) {
    throw new TsnlpError("E_SCORER_UNKNOWN_CATEGORY", `The category '${label}' is not one of the labels scored (${[...table.keys()].join(", ")}).`, {
      hint: "Give the component every category in the data as a label, or use spacy.textcat_scorer.v2 / spacy.textcat_multilabel_scorer.v2, which ignore other categories.",
    });
  }
  return entry;
}
