/**
 * Parse counts for the dependency parsing checks (the "deps", "roots", "n_sents", "n_nonproj"
 * and "n_cycles" parts of spaCy's _compile_gold, v3.5.4). spaCy compiles each corpus twice,
 * with and without projectivizing; both sets of counts come from one pass here.
 */
import { isNonprojTree, containsCycle, projectivize } from "../../pipes/transition/nonproj.js";
import type { Example } from "../../tokens/example.js";
import { isTsnlpError } from "../../util/errors.js";
import { Counter } from "./counter.js";

export interface ParserStats {
  /** Gold labels on the predicted tokens, as the parser trains on them (projectivized, so decorated labels count). */
  deps: Counter;
  /** The same before projectivizing. */
  depsUnprojectivized: Counter;
  /** Labels of tokens that are their own head, before projectivizing. */
  roots: Counter;
  /** Tokens that are their own head after projectivizing: the sentences. */
  nSents: number;
  /** Docs with a non-projective tree, before and after projectivizing (after should never happen). */
  nNonproj: number;
  nNonprojProjectivized: number;
  /** Docs whose heads form a cycle, which cannot be projectivized. */
  nCycles: number;
}

/**
 * spaCy counts the empty label of unannotated tokens too (and each such token as a root and a
 * sentence); here unannotated and misaligned tokens are left out.
 */
export function collectParserStats(examples: readonly Example[]): ParserStats {
  const stats: ParserStats = {
    deps: new Counter(),
    depsUnprojectivized: new Counter(),
    roots: new Counter(),
    nSents: 0,
    nNonproj: 0,
    nNonprojProjectivized: 0,
    nCycles: 0,
  };
  for (const example of examples) {
    const raw = example.getAlignedParse();
    raw.deps.forEach((dep, i) => {
      if (dep === null || dep === "") return;
      stats.depsUnprojectivized.add(dep);
      if (raw.heads[i] === i) stats.roots.add(dep);
    });
    if (containsCycle(raw.heads) !== null) {
      stats.nCycles++;
      continue;
    }
    if (isNonprojTree(raw.heads)) stats.nNonproj++;
    let projected = raw;
    try {
      projected = example.getAlignedParse({ projectivize });
    } catch (error) {
      // A cycle among reference tokens that do not align is still a cycle.
      if (!isTsnlpError(error) || error.code !== "E_PARSE_CYCLE") throw error;
      stats.nCycles++;
      continue;
    }
    projected.deps.forEach((dep, i) => {
      if (dep === null || dep === "") return;
      stats.deps.add(dep);
      if (projected.heads[i] === i) stats.nSents++;
    });
    if (isNonprojTree(projected.heads)) stats.nNonprojProjectivized++;
    if (containsCycle(projected.heads) !== null) stats.nCycles++;
  }
  return stats;
}
