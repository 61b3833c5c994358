/**
 * Span group counts for the span categorization checks (the "spancat", "spans_length",
 * "spans_per_type" and "sb_per_type" parts of spaCy's _compile_gold). Instead of keeping every
 * span, it keeps what the span characteristics need: lengths, and the token counts inside the
 * spans and just outside them.
 */
import type { Doc } from "../../tokens/doc.js";
import type { Example } from "../../tokens/example.js";
import { Counter } from "./counter.js";

export interface SpanKeyStats {
  /** Spans per label. */
  labels: Counter;
  /** Each span's length in tokens, by label. */
  lengths: Map<string, number[]>;
  /** Normalized texts of the tokens inside the spans, by label. */
  spanTokens: Map<string, Counter>;
  /** Normalized texts of the token before and the token after each span, by label. */
  boundaryTokens: Map<string, Counter>;
  /** For each label, the number of examples with a span of it in this key. */
  docsWithLabel: Counter;
}

export interface SpancatStats {
  /** By spans key, in the order the keys were first seen. */
  keys: Map<string, SpanKeyStats>;
  /** Normalized texts of every reference token of the corpus. */
  corpusTokens: Counter;
  nExamples: number;
}

export function collectSpancatStats(examples: readonly Example[]): SpancatStats {
  const stats: SpancatStats = { keys: new Map(), corpusTokens: new Counter(), nExamples: examples.length };
  for (const example of examples) {
    const reference = example.reference;
    for (let i = 0; i < reference.length; i++) stats.corpusTokens.add(normalizedText(reference, i));
    for (const [key, group] of reference.spans) {
      const keyStats = keyStatsOf(stats, key);
      const seen = new Set<string>();
      for (const span of group) {
        const label = span.label;
        keyStats.labels.add(label);
        seen.add(label);
        listOf(keyStats.lengths, label).push(span.length);
        const inside = counterOf(keyStats.spanTokens, label);
        for (let i = span.start; i < span.end; i++) inside.add(normalizedText(reference, i));
        // spaCy's window of one token on each side, where the doc has one.
        const outside = counterOf(keyStats.boundaryTokens, label);
        if (span.start - 1 >= 0) outside.add(normalizedText(reference, span.start - 1));
        if (span.end < reference.length) outside.add(normalizedText(reference, span.end));
      }
      keyStats.docsWithLabel.addAll(seen);
    }
  }
  return stats;
}

/** spaCy 3.5.4's _get_distribution normalization: lower case, with `` and '' read as ". */
export function normalizedText(doc: Doc, i: number): string {
  return doc.lexemes[i]!.orth.toLowerCase().replaceAll("``", '"').replaceAll("''", '"');
}

function keyStatsOf(stats: SpancatStats, key: string): SpanKeyStats {
  let keyStats = stats.keys.get(key);
  if (!keyStats) {
    keyStats = { labels: new Counter(), lengths: new Map(), spanTokens: new Map(), boundaryTokens: new Map(), docsWithLabel: new Counter() };
    stats.keys.set(key, keyStats);
  }
  return keyStats;
}

function listOf(map: Map<string, number[]>, key: string): number[] {
  return entryOf(map, key, () => []);
}

function counterOf(map: Map<string, Counter>, key: string): Counter {
  return entryOf(map, key, () => new Counter());
}

function entryOf<T>(map: Map<string, T>, key: string, create: () => T): T {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const made = create();
  map.set(key, made);
  return made;
}
