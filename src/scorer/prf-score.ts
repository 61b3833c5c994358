/** Precision, recall and F as a table entry (spaCy's PRFScore.to_dict). */
export type PRFDict = {
  p: number;
  r: number;
  f: number;
};

/**
 * Counts of true positives, false positives and false negatives, and the precision, recall
 * and F1 they give (spaCy's PRFScore, spacy/scorer.py). The 1e-100 in each denominator is
 * spaCy's: it makes 0/0 come out as 0 and changes nothing else.
 */
export class PRFScore {
  tp: number;
  fp: number;
  fn: number;

  constructor(counts: { tp?: number; fp?: number; fn?: number } = {}) {
    this.tp = counts.tp ?? 0;
    this.fp = counts.fp ?? 0;
    this.fn = counts.fn ?? 0;
  }

  /** tp + fp + fn: zero when nothing was scored (Python's len()). */
  get length(): number {
    return this.tp + this.fp + this.fn;
  }

  /** Add another score's counts into this one (Python's +=). */
  add(other: PRFScore): this {
    this.tp += other.tp;
    this.fp += other.fp;
    this.fn += other.fn;
    return this;
  }

  /** A new score with the counts of both (Python's +). */
  plus(other: PRFScore): PRFScore {
    return new PRFScore({ tp: this.tp + other.tp, fp: this.fp + other.fp, fn: this.fn + other.fn });
  }

  /** Count a set of candidates against a set of gold items: tp for shared items, fp and fn for the rest. */
  scoreSet<T>(cand: ReadonlySet<T>, gold: ReadonlySet<T>): void {
    let shared = 0;
    for (const item of cand) if (gold.has(item)) shared++;
    this.tp += shared;
    this.fp += cand.size - shared;
    this.fn += gold.size - shared;
  }

  get precision(): number {
    return this.tp / (this.tp + this.fp + 1e-100);
  }

  get recall(): number {
    return this.tp / (this.tp + this.fn + 1e-100);
  }

  get fscore(): number {
    const p = this.precision;
    const r = this.recall;
    return 2 * ((p * r) / (p + r + 1e-100));
  }

  toDict(): PRFDict {
    return { p: this.precision, r: this.recall, f: this.fscore };
  }
}

/**
 * One string per tuple, so that tuples compare by value in a Set as they do in a Python set
 * (where True == 1). JSON keeps the parts apart whatever characters the labels hold.
 */
export function tupleKey(...parts: readonly unknown[]): string {
  return JSON.stringify(parts.map((part) => (typeof part === "boolean" ? Number(part) : part === undefined ? null : part)));
}

/** A table of PRF dicts, keyed in the order the scores were created. */
export function prfTable(scores: ReadonlyMap<string, PRFScore>): Record<string, PRFDict> {
  const table: Record<string, PRFDict> = {};
  for (const [key, score] of scores) table[key] = score.toDict();
  return table;
}
