import type { Example } from "../tokens/example.js";
import type { Token } from "../tokens/token.js";
import { type PRFDict, PRFScore, prfTable, tupleKey } from "./prf-score.js";
import { getTokenAttr, isMissing, MISSING_VALUES, type TokenAttrGetter } from "./token-values.js";
import { isSpaceText } from "./whitespace.js";
import { entry } from "./map-entry.js";

export interface DepScoreOptions {
  /** Reads a token's label; by default the attribute of that name. */
  getter?: TokenAttrGetter;
  /** Reads a token's head; by default token.head. */
  headGetter?: (token: Token) => Token;
  /** Labels left out on both sides (the parser's scorer leaves out "p" and "punct"). */
  ignoreLabels?: Iterable<string>;
  /** Reference labels that mean "not annotated". Default MISSING_VALUES. */
  missingValues?: ReadonlySet<unknown>;
}

export type DepScores = Record<string, number | null | Record<string, PRFDict>>;

/**
 * Unlabelled and labelled attachment scores, under `${attr}_uas`, `${attr}_las` and
 * `${attr}_las_per_type` (spaCy's Scorer.score_deps). Arcs are compared on reference token
 * indices: a predicted arc whose token or head does not align to exactly one reference token
 * is a false positive. Reference tokens with a missing label are left out, with the predicted
 * tokens aligned to them. All null when nothing was scored.
 */
export function scoreDeps(examples: Iterable<Example>, attr: string, options: DepScoreOptions = {}): DepScores {
  const getter = options.getter ?? getTokenAttr;
  const headOf = options.headGetter ?? ((token: Token) => token.head);
  const ignore = new Set<unknown>(options.ignoreLabels ?? []);
  const missingValues = options.missingValues ?? MISSING_VALUES;
  const unlabelled = new PRFScore();
  const labelled = new PRFScore();
  const perDep = new Map<unknown, PRFScore>();
  // spaCy keeps one set of missing reference indices for all examples, not one per example,
  // so a token left out in one example is left out at the same index in the later ones.
  const missing = new Set<number>();
  const add = (table: Map<unknown, Set<string>>, dep: unknown, arc: string) => {
    entry(perDep, dep, () => new PRFScore());
    entry(table, dep, () => new Set<string>()).add(arc);
  };
  for (const example of examples) {
    const x2y = example.alignment.x2y;
    const goldArcs = new Set<string>();
    const goldHeads = new Set<string>();
    const goldPerDep = new Map<unknown, Set<string>>();
    for (const token of example.reference) {
      const dep = getter(token, attr);
      if (isMissing(dep, missingValues)) {
        missing.add(token.i);
        continue;
      }
      if (ignore.has(dep)) continue;
      const head = headOf(token).i;
      const arc = tupleKey(token.i, head, dep);
      goldArcs.add(arc);
      goldHeads.add(tupleKey(token.i, head));
      add(goldPerDep, dep, arc);
    }
    const predArcs = new Set<string>();
    const predHeads = new Set<string>();
    const predPerDep = new Map<unknown, Set<string>>();
    for (const token of example.predicted) {
      if (isSpaceText(token.orth)) continue;
      const goldI = x2y.lengths[token.i] === 1 ? x2y.get(token.i)[0]! : null;
      if (goldI !== null && missing.has(goldI)) continue;
      const dep = getter(token, attr);
      // spaCy also asks for a non-blank token here, which every token past the check above is.
      if (ignore.has(dep)) continue;
      const head = headOf(token).i;
      const goldHead = x2y.lengths[head] === 1 ? x2y.get(head)[0]! : null;
      if (goldI === null || goldHead === null) {
        // Unalignable arcs are all distinct wrong guesses, so they are counted, not collected.
        unlabelled.fp += 1;
        labelled.fp += 1;
        continue;
      }
      const arc = tupleKey(goldI, goldHead, dep);
      predArcs.add(arc);
      predHeads.add(tupleKey(goldI, goldHead));
      add(predPerDep, dep, arc);
    }
    labelled.scoreSet(predArcs, goldArcs);
    for (const [dep, score] of perDep) score.scoreSet(predPerDep.get(dep) ?? new Set(), goldPerDep.get(dep) ?? new Set());
    unlabelled.scoreSet(predHeads, goldHeads);
  }
  if (unlabelled.length === 0) return { [`${attr}_uas`]: null, [`${attr}_las`]: null, [`${attr}_las_per_type`]: null };
  const perType = new Map([...perDep].map(([dep, score]) => [String(dep), score]));
  return { [`${attr}_uas`]: unlabelled.fscore, [`${attr}_las`]: labelled.fscore, [`${attr}_las_per_type`]: prfTable(perType) };
}
