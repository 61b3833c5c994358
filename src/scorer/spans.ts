import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Span } from "../tokens/span.js";
import { type PRFDict, PRFScore, prfTable, tupleKey } from "./prf-score.js";
import { getDocSpans, type SpanGetter } from "./span-getters.js";

export interface SpanScoreOptions {
  /** Reads the spans; by default "ents", "sents" or "spans_KEY" (see getDocSpans). */
  getter?: SpanGetter;
  /** Whether a doc has this annotation; reference docs without it are skipped, predicted ones count no spans. */
  hasAnnotation?: (doc: Doc) => boolean;
  /** Whether a span must also have the right label to count; default true. */
  labeled?: boolean;
  /** Whether predicted spans may overlap when mapped onto the reference tokens; default false. */
  allowOverlap?: boolean;
}

export type SpanScores = Record<string, number | null | Record<string, PRFDict>>;

/**
 * P/R/F of spans, under `${attr}_p/r/f`, and per label under `${attr}_per_type` when labeled
 * (spaCy's Scorer.score_spans). Predicted spans are mapped onto the reference tokens through
 * the alignment, and a span only counts when it covers the same text. All null when nothing
 * was scored.
 */
export function scoreSpans(examples: Iterable<Example>, attr: string, options: SpanScoreOptions = {}): SpanScores {
  const getter = options.getter ?? getDocSpans;
  const { hasAnnotation } = options;
  const labeled = options.labeled ?? true;
  const allowOverlap = options.allowOverlap ?? false;
  const score = new PRFScore();
  const perType = new Map<string, PRFScore>();
  const keyOf = (span: Span) => (labeled ? tupleKey(span.label, span.start, span.end - 1) : tupleKey(span.start, span.end - 1));
  for (const example of examples) {
    const gold = example.reference;
    const pred = example.predicted;
    if (hasAnnotation && !hasAnnotation(gold)) continue;
    const goldSpans = [...getter(gold, attr)];
    const predAnnotated = !hasAnnotation || hasAnnotation(pred);
    const predSpans = predAnnotated ? [...getter(pred, attr)] : [];
    const labels = new Set([...goldSpans, ...predSpans].map((span) => span.label));
    const goldPerType = new Map<string, Set<string>>();
    const predPerType = new Map<string, Set<string>>();
    for (const label of labels) {
      if (!perType.has(label)) perType.set(label, new PRFScore());
      goldPerType.set(label, new Set());
      predPerType.set(label, new Set());
    }
    const goldKeys = new Set<string>();
    for (const span of goldSpans) {
      const key = keyOf(span);
      goldKeys.add(key);
      goldPerType.get(span.label)!.add(key);
    }
    const predKeys = new Set<string>();
    for (const span of example.getAlignedSpansX2Y(predSpans, allowOverlap)) {
      const key = keyOf(span);
      predKeys.add(key);
      predPerType.get(span.label)!.add(key);
    }
    if (labeled) {
      for (const [label, typeScore] of perType) {
        const predOfType = predPerType.get(label);
        if (predOfType) typeScore.scoreSet(predOfType, goldPerType.get(label)!);
      }
    }
    score.scoreSet(predKeys, goldKeys);
  }
  const result: SpanScores = { [`${attr}_p`]: null, [`${attr}_r`]: null, [`${attr}_f`]: null };
  if (labeled) result[`${attr}_per_type`] = null;
  if (score.length > 0) {
    result[`${attr}_p`] = score.precision;
    result[`${attr}_r`] = score.recall;
    result[`${attr}_f`] = score.fscore;
    if (labeled) result[`${attr}_per_type`] = prfTable(perType);
  }
  return result;
}
