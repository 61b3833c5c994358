/**
 * The moves a treebank needs, with their frequencies (spaCy's ArcEager.get_actions,
 * spacy/pipeline/_parser_internals/arc_eager.pyx): every arc of the projectivized reference
 * parses counts once for its label and direction (and once for the Shift or Reduce that goes
 * with it), roots count for Break. Labels seen fewer than `minFreq` times are dropped: their
 * arcs back off to "dep" in the gold. "dep" (both directions) and Break with "ROOT" are always
 * there, and so are the unlabelled Shift and Reduce, which spaCy drops too when the data has
 * fewer arcs than `minFreq`, leaving a parser that cannot move.
 */
import type { Example } from "../../tokens/example.js";
import { BREAK, LEFT, REDUCE, RIGHT, SHIFT } from "./arc-eager-moves.js";
import { BACKOFF_LABEL, ROOT_LABEL } from "./arc-eager-gold.js";
import { projectivize } from "./nonproj.js";
import type { LabelsByAction } from "./transition-system.js";

export interface ArcEagerActionOptions {
  examples?: Iterable<Example>;
  /** Drop labels seen fewer times than this (the parser's min_action_freq); null keeps all. */
  minFreq?: number | null;
  /** Labels to have LeftArc (and a labelled Shift) moves for, whatever the examples hold. */
  leftLabels?: Iterable<string>;
  /** Labels to have RightArc (and a labelled Reduce) moves for. */
  rightLabels?: Iterable<string>;
}

export function arcEagerActions(options: ArcEagerActionOptions = {}): LabelsByAction {
  const actions: LabelsByAction = new Map();
  const table = (action: number): Map<string, number> => {
    let freqs = actions.get(action);
    if (!freqs) {
      freqs = new Map();
      actions.set(action, freqs);
    }
    return freqs;
  };
  const count = (action: number, label: string) => table(action).set(label, (table(action).get(label) ?? 0) + 1);
  table(SHIFT).set("", 1);
  table(REDUCE).set("", 1);
  for (const label of options.leftLabels ?? []) {
    table(LEFT).set(label, 1);
    table(SHIFT).set(label, 1);
  }
  for (const label of options.rightLabels ?? []) {
    table(RIGHT).set(label, 1);
    table(REDUCE).set(label, 1);
  }
  for (const example of options.examples ?? []) {
    const [heads, labels] = referenceParse(example);
    heads.forEach((head, child) => {
      let label = labels[child]!;
      if (label.toUpperCase() === "ROOT") label = ROOT_LABEL;
      if (head === child) count(BREAK, label);
      if (head < child) {
        count(RIGHT, label);
        count(REDUCE, "");
      } else if (head > child) {
        count(LEFT, label);
        count(SHIFT, "");
      }
    });
  }
  const minFreq = options.minFreq ?? null;
  if (minFreq !== null) {
    for (const freqs of actions.values()) for (const [label, freq] of [...freqs]) if (freq < minFreq) freqs.delete(label);
  }
  for (const action of [SHIFT, REDUCE]) if (!table(action).has("")) table(action).set("", 0);
  if (!table(BREAK).has(ROOT_LABEL)) table(BREAK).set(ROOT_LABEL, 0);
  for (const action of [RIGHT, LEFT]) if (!table(action).has(BACKOFF_LABEL)) table(action).set(BACKOFF_LABEL, 0);
  return actions;
}

/**
 * The reference's own parse, projectivized, with spaCy's reading of unlabelled tokens: their
 * own head, label "" (which then counts as a Break without a label, as in spaCy).
 */
function referenceParse(example: Example): [number[], string[]] {
  const reference = example.reference;
  const deps = [...reference.deps];
  const heads = Array.from(reference.heads, (head, i) => (deps[i] === "" ? i : head));
  const [projHeads, projDeps] = projectivize(heads, deps);
  return [projHeads, projDeps.map((dep, i) => (deps[i] === "" ? "" : dep))];
}
