import type { Doc } from "../tokens/doc.js";
import { TsnlpError } from "../util/errors.js";
import { type PRFDict, PRFScore, prfTable } from "./prf-score.js";
import type { ROCAUCScore } from "./roc-auc-score.js";

/** Reads a doc's category scores (spaCy's getter(doc, attr)); by default doc.cats for "cats". */
export type CatsGetter = (doc: Doc, attr: string) => Readonly<Record<string, number>>;

export const getDocCats: CatsGetter = (doc, attr) => {
  if (attr === "cats") return doc.cats;
  throw new TsnlpError("E_SCORER_ATTR", `Cannot score the categories '${attr}': there is no default getter for them.`, {
    hint: 'Pass a getter, or score "cats".',
  });
};

export type CatsScores = Record<string, number | string | null | Record<string, PRFDict> | Record<string, number | null>>;

/** The highest-scoring category; the first of equal ones, as Python's max() keeps. */
export function topCategory(cats: ReadonlyArray<readonly [string, number]>): readonly [string, number] {
  let best = cats[0]!;
  for (const item of cats) if (item[1] > best[1]) best = item;
  return best;
}

/**
 * The table both versions of spaCy's score_cats return: micro and macro P/R/F over the
 * per-label counts, macro AUC (labels whose golds are not binary count as 0 but still divide),
 * and the headline cats_score: F of the positive label for a binary exclusive task that names
 * one, macro F for other exclusive tasks, macro AUC for multi-label ones.
 */
export function catsResults(
  attr: string,
  fPerType: ReadonlyMap<string, PRFScore>,
  aucPerType: ReadonlyMap<string, ROCAUCScore>,
  options: { labelCount: number; multiLabel: boolean; positiveLabel: string | null },
): CatsScores {
  const micro = new PRFScore();
  for (const score of fPerType.values()) micro.add(score);
  const nCats = fPerType.size + 1e-100;
  const sum = (values: Iterable<number>) => {
    let total = 0;
    for (const value of values) total += value;
    return total;
  };
  const perType = [...fPerType.values()];
  const aucs = [...aucPerType.values()];
  const macroP = sum(perType.map((score) => score.precision)) / nCats;
  const macroR = sum(perType.map((score) => score.recall)) / nCats;
  const macroF = sum(perType.map((score) => score.fscore)) / nCats;
  const macroAuc = sum(aucs.map((auc) => (auc.isBinary() ? auc.score : 0))) / nCats;
  const aucTable: Record<string, number | null> = {};
  for (const [label, auc] of aucPerType) aucTable[label] = auc.isBinary() ? auc.score : null;
  const fTable = prfTable(fPerType);
  let score: number;
  let description: string;
  const { positiveLabel, multiLabel } = options;
  if (options.labelCount === 2 && !multiLabel && positiveLabel) {
    const positive = fTable[positiveLabel];
    if (positive === undefined) {
      throw new TsnlpError(
        "E_SCORER_POSITIVE_LABEL",
        `The positive label '${positiveLabel}' is not one of the labels scored (${[...fPerType.keys()].join(", ")}).`,
        {
          hint: "Set positive_label to one of the component's two labels, or leave it unset to report macro F.",
        },
      );
    }
    score = positive.f;
    description = `F (${positiveLabel})`;
  } else if (!multiLabel) {
    score = macroF;
    description = "macro F";
  } else {
    score = macroAuc;
    description = "macro AUC";
  }
  return {
    [`${attr}_score`]: score,
    [`${attr}_score_desc`]: description,
    [`${attr}_micro_p`]: micro.precision,
    [`${attr}_micro_r`]: micro.recall,
    [`${attr}_micro_f`]: micro.fscore,
    [`${attr}_macro_p`]: macroP,
    [`${attr}_macro_r`]: macroR,
    [`${attr}_macro_f`]: macroF,
    [`${attr}_macro_auc`]: macroAuc,
    [`${attr}_f_per_type`]: fTable,
    [`${attr}_auc_per_type`]: aucTable,
  };
}
