/**
 * Which suggested spans the span categorizer keeps, and with which label (spaCy's
 * SpanCategorizer._make_span_group_multilabel and _make_span_group_singlelabel,
 * spacy/pipeline/spancat.py, v3.5.4). Pure functions over one doc's candidates and scores, so
 * that the rules can be checked without a model.
 *
 * Where scores tie, spaCy's order comes from numpy's unstable argsort; here ties keep the
 * lower label (or the earlier span) first.
 */

/** One doc's candidates: `starts[i]`..`ends[i]` with scores `scores[i * classes + j]`. */
export interface Candidates {
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
  scores: Float32Array;
  /** Columns of `scores`: the labels, plus the negative label when there is one. */
  classes: number;
}

/** A kept span: token offsets, the index of its label and its score. */
export interface KeptSpan {
  start: number;
  end: number;
  label: number;
  score: number;
}

export interface MultilabelOptions {
  /** A label counts from this score on. */
  threshold: number;
  /** At most this many labels per span, the best-scoring ones; null for no limit. */
  maxPositive: number | null;
  /** The column of the "no label" class, never kept; null when there is none. */
  negativeLabel: number | null;
}

/**
 * Every (span, label) whose score reaches the threshold and is among the span's maxPositive
 * best, span by span and label by label.
 */
export function keepMultilabel(candidates: Candidates, options: MultilabelOptions): KeptSpan[] {
  const { starts, ends, scores, classes } = candidates;
  const { threshold, maxPositive, negativeLabel } = options;
  const kept: KeptSpan[] = [];
  for (let i = 0; i < starts.length; i++) {
    const row = scores.subarray(i * classes, (i + 1) * classes);
    const keep = Array.from(row, (score) => score >= threshold);
    if (maxPositive !== null) {
      // The negative class takes no place among the best.
      const rank = (j: number) => (j === negativeLabel ? Number.NEGATIVE_INFINITY : row[j]!);
      const order = Array.from({ length: classes }, (_, j) => j).sort((a, b) => rank(b) - rank(a) || a - b);
      for (const j of order.slice(maxPositive)) keep[j] = false;
    }
    for (let j = 0; j < classes; j++) {
      if (keep[j] && j !== negativeLabel) kept.push({ start: starts[i]!, end: ends[i]!, label: j, score: row[j]! });
    }
  }
  return kept;
}

export interface SinglelabelOptions {
  /** The best label counts from this score on; null for no threshold. */
  threshold: number | null;
  negativeLabel: number | null;
  /**
   * false: spans may not share tokens; the best-scoring span wins, and the spans come out
   * best first (spaCy's order).
   */
  allowOverlap: boolean;
}

/** Each span's best label, unless that is the negative class or below the threshold. */
export function keepSinglelabel(candidates: Candidates, options: SinglelabelOptions): KeptSpan[] {
  const { starts, ends, scores, classes } = candidates;
  const best: KeptSpan[] = [];
  for (let i = 0; i < starts.length; i++) {
    let label = 0;
    for (let j = 1; j < classes; j++) if (scores[i * classes + j]! > scores[i * classes + label]!) label = j;
    best.push({ start: starts[i]!, end: ends[i]!, label, score: scores[i * classes + label]! });
  }
  const keep = (span: KeptSpan) => span.label !== options.negativeLabel && (options.threshold === null || span.score >= options.threshold);
  if (options.allowOverlap) return best.filter(keep);
  const taken = new Set<number>();
  const kept: KeptSpan[] = [];
  // A stable sort, best score first; spaCy also sorts the spans it then drops.
  for (const span of [...best].sort((a, b) => b.score - a.score)) {
    if (!keep(span)) continue;
    let overlaps = false;
    for (let t = span.start; t < span.end && !overlaps; t++) overlaps = taken.has(t);
    if (overlaps) continue;
    for (let t = span.start; t < span.end; t++) taken.add(t);
    kept.push(span);
  }
  return kept;
}
