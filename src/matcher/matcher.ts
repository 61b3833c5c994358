/**
 * spaCy's Matcher (spacy/matcher/matcher.pyx, v3.5.4): find token sequences described by
 * patterns such as `[{"LOWER": "hello"}, {"IS_PUNCT": true, "OP": "?"}, {"LOWER": "world"}]`.
 * Matches are `[key, start, end]` with the rule's key as a string, in spaCy's order.
 */
import { Doc } from "../tokens/doc.js";
import { Span } from "../tokens/span.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { ANNOTATED_ATTRS, type AnnotatedAttr, DocColumns, type MatchValue } from "./attributes.js";
import { type CompiledPattern, findMatches, type MatchTriple } from "./find-matches.js";
import { type FuzzyCompare, levenshteinCompare } from "./levenshtein.js";
import type { ValueTest } from "./predicates.js";
import { compileTokenPattern, type PatternNode, Quantifier, type TokenPattern } from "./token-pattern.js";

export type { MatchTriple } from "./find-matches.js";

export type GreedyFilter = "FIRST" | "LONGEST";

/** Called once per final match, with the index of that match in `matches` (spaCy's on_match). */
export type MatchCallback<M> = (matcher: M, doc: Doc, i: number, matches: MatchTriple[]) => void;

export interface MatcherOptions {
  /** Kept for spaCy's signature: patterns are always checked when they are added. */
  validate?: boolean;
  /** The comparison FUZZY operators use; spaCy's Levenshtein comparison by default. */
  fuzzyCompare?: FuzzyCompare;
}

export interface MatcherAddOptions {
  /** Keep only non-overlapping matches of this key, preferring the first ("FIRST") or the longest ("LONGEST"). */
  greedy?: GreedyFilter | null;
  onMatch?: MatchCallback<Matcher> | null;
}

export interface MatcherCallOptions {
  /** Match even when the doc lacks annotation (TAG, POS, MORPH, LEMMA, DEP) that patterns test. */
  allowMissing?: boolean;
}

interface Rule {
  patterns: TokenPattern[];
  greedy: GreedyFilter | null;
  onMatch: MatchCallback<Matcher> | null;
}

export class Matcher {
  readonly vocab: Vocab;
  readonly validate: boolean;
  readonly fuzzyCompare: FuzzyCompare;
  private readonly rules = new Map<string, Rule>();
  private compiled: CompiledPattern[] = [];
  private readonly predicateIds = new Map<string, number>();
  private readonly predicates: ValueTest[] = [];
  private readonly predicateAttrs: string[] = [];
  private readonly seenAttrs = new Set<string>();
  private startIndex?: StartIndex;

  constructor(vocab: Vocab, options: MatcherOptions = {}) {
    this.vocab = vocab;
    this.validate = options.validate ?? true;
    this.fuzzyCompare = options.fuzzyCompare ?? levenshteinCompare;
  }

  /** The number of rules (keys), not of patterns. */
  get size(): number {
    return this.rules.size;
  }

  has(key: string): boolean {
    return this.rules.has(key);
  }

  /** The rule of a key: its patterns as given, its greedy filter and callback. */
  get(key: string): { patterns: TokenPattern[]; greedy: GreedyFilter | null; onMatch: MatchCallback<Matcher> | null } | undefined {
    const rule = this.rules.get(key);
    return rule ? { patterns: [...rule.patterns], greedy: rule.greedy, onMatch: rule.onMatch } : undefined;
  }

  get keys(): string[] {
    return [...this.rules.keys()];
  }

  /**
   * Add patterns under a key. Patterns added again under a key join its earlier ones; the
   * greedy filter and callback are replaced. Every pattern is checked before any is added.
   */
  add(key: string, patterns: readonly TokenPattern[], options: MatcherAddOptions = {}): void {
    if (typeof key !== "string" || key === "") throw new TsnlpError("E_MATCH_KEY", `A match key must be a non-empty string, got ${JSON.stringify(key)}.`);
    if (!Array.isArray(patterns)) {
      throw new TsnlpError("E_MATCH_PATTERN", `Matcher.add('${key}', ...) takes a list of patterns, got ${typeof patterns}.`, {
        hint: 'Wrap a single pattern in a list: matcher.add("KEY", [[{"LOWER": "hello"}]]).',
      });
    }
    const greedy = options.greedy ?? null;
    if (greedy !== null && greedy !== "FIRST" && greedy !== "LONGEST") {
      throw new TsnlpError("E_MATCH_GREEDY", `Unknown greedy filter ${JSON.stringify(greedy)} for '${key}'.`, {
        hint: 'Use "FIRST", "LONGEST" or leave it out.',
      });
    }
    const ctx = {
      key,
      fuzzyCompare: this.fuzzyCompare,
      predicates: { add: (id: string, attr: string, make: () => ValueTest) => this.addPredicate(id, attr, make) },
    };
    const compiled = patterns.map((pattern, patternIndex) => compileTokenPattern(pattern, { ...ctx, patternIndex }));
    for (const nodes of compiled) {
      this.compiled.push({ key, nodes });
      for (const node of nodes) for (const [attr] of node.exact) this.seenAttrs.add(attr);
    }
    const rule = this.rules.get(key);
    this.rules.set(key, { patterns: [...(rule?.patterns ?? []), ...patterns], greedy, onMatch: options.onMatch ?? null });
    this.startIndex = undefined;
  }

  /** Remove a key and all its patterns. */
  remove(key: string): void {
    if (!this.rules.has(key)) {
      throw new TsnlpError("E_MATCH_KEY", `The matcher has no rule '${key}' to remove.`, { hint: `Known keys: ${this.keys.join(", ") || "(none)"}.` });
    }
    this.rules.delete(key);
    this.compiled = this.compiled.filter((pattern) => pattern.key !== key);
    this.startIndex = undefined;
  }

  /** Matches in a doc, or in a span with offsets relative to the span's start (as spaCy gives them). */
  call(doclike: Doc | Span, options: MatcherCallOptions = {}): MatchTriple[] {
    const [doc, start, end] = doclike instanceof Span ? [doclike.doc, doclike.start, doclike.end] : [doclike, 0, doclike.length];
    if (!options.allowMissing) this.checkAnnotation(doc);
    const columns = new DocColumns(doc, start, end);
    const length = end - start;
    const cache: Array<Int8Array | undefined> = [];
    const test = (node: PatternNode, i: number): boolean => {
      const exact = node.exact;
      for (let k = 0; k < exact.length; k++) if (columns.get(exact[k]![0])[i] !== exact[k]![1]) return false;
      const predicates = node.predicates;
      for (let k = 0; k < predicates.length; k++) {
        const id = predicates[k]!;
        let results = cache[id];
        if (results === undefined) {
          results = new Int8Array(length);
          cache[id] = results;
        }
        if (results[i] === 0) results[i] = this.predicates[id]!(columns.get(this.predicateAttrs[id]!)[i]!) ? 1 : -1;
        if (results[i] === -1) return false;
      }
      return true;
    };
    const found = findMatches(this.compiled, length, test, this.starts().startAt(columns));
    const matches = this.filter(found, length);
    matches.forEach(([key], i) => {
      this.rules.get(key)?.onMatch?.(this, doc, i, matches);
    });
    return matches;
  }

  /** Matches as spans of the doc labelled with their key. */
  spans(doclike: Doc | Span, options: MatcherCallOptions = {}): Span[] {
    const [doc, offset] = doclike instanceof Doc ? [doclike, 0] : [doclike.doc, doclike.start];
    return this.call(doclike, options).map(([key, start, end]) => new Span(doc, start + offset, end + offset, { label: key }));
  }

  /** Keys with a greedy filter keep only non-overlapping matches; they follow all unfiltered matches. */
  private filter(found: MatchTriple[], length: number): MatchTriple[] {
    const final: MatchTriple[] = [];
    const byKey = new Map<string, MatchTriple[]>();
    for (const match of found) {
      const greedy = this.rules.get(match[0])?.greedy ?? null;
      if (greedy === null) final.push(match);
      else {
        const list = byKey.get(match[0]);
        if (list === undefined) byKey.set(match[0], [match]);
        else list.push(match);
      }
    }
    for (const [key, pairs] of byKey) {
      const greedy = this.rules.get(key)!.greedy;
      const sorted =
        greedy === "FIRST" ? [...pairs].sort((a, b) => a[1] - b[1] || b[2] - a[2]) : [...pairs].sort((a, b) => b[2] - b[1] - (a[2] - a[1]) || a[1] - b[1]);
      const taken = new Uint8Array(length);
      for (const match of sorted) {
        const [, start, end] = match;
        let free = true;
        for (let i = start; i < end && free; i++) if (taken[i]) free = false;
        if (!free) continue;
        final.push(match);
        taken.fill(1, start, end);
      }
    }
    return final;
  }

  private starts(): StartIndex {
    this.startIndex ??= new StartIndex(this.compiled);
    return this.startIndex;
  }

  private checkAnnotation(doc: Doc): void {
    for (const attr of Object.keys(ANNOTATED_ATTRS) as AnnotatedAttr[]) {
      if (this.seenAttrs.has(attr) && !doc.hasAnnotation(attr)) {
        throw new TsnlpError("E_MATCH_MISSING_ANNOTATION", `The matcher's patterns test ${attr}, but the doc has no ${attr} annotation.`, {
          hint: `Add a ${ANNOTATED_ATTRS[attr]} to the pipeline before matching, or call the matcher with { allowMissing: true }.`,
        });
      }
    }
  }

  private addPredicate(id: string, attr: string, make: () => ValueTest): number {
    let index = this.predicateIds.get(id);
    if (index === undefined) {
      const test = make();
      index = this.predicates.length;
      this.predicates.push(test);
      this.predicateAttrs.push(attr);
      this.predicateIds.set(id, index);
    }
    return index;
  }
}

/**
 * Which patterns may start at a token. A pattern whose first node must match once with an
 * exact value (e.g. {"LOWER": "new"}) is filed under that value, so a token looks up its few
 * candidates instead of trying every pattern; the others are tried everywhere.
 */
class StartIndex {
  private readonly anywhere: number[] = [];
  private readonly byValue = new Map<string, Map<MatchValue, number[]>>();

  constructor(private readonly patterns: readonly CompiledPattern[]) {
    patterns.forEach((pattern, index) => {
      const first = pattern.nodes[0]!;
      if (first.quantifier !== Quantifier.ONE || first.exact.length === 0) {
        this.anywhere.push(index);
        return;
      }
      const [attr, value] = first.exact[0]!;
      let byAttr = this.byValue.get(attr);
      if (byAttr === undefined) {
        byAttr = new Map();
        this.byValue.set(attr, byAttr);
      }
      const list = byAttr.get(value);
      if (list === undefined) byAttr.set(value, [index]);
      else list.push(index);
    });
  }

  /** For a doc's columns: the patterns to start at token i, in the order they were added. */
  startAt(columns: DocColumns): (i: number) => CompiledPattern[] {
    const indexed = [...this.byValue].map(([attr, byAttr]) => [columns.get(attr), byAttr] as const);
    return (i) => {
      const lists = [this.anywhere];
      for (const [column, byAttr] of indexed) {
        const list = byAttr.get(column[i]!);
        if (list !== undefined) lists.push(list);
      }
      const chosen = lists.length === 1 ? lists[0]! : lists.flat().sort((a, b) => a - b);
      return chosen.map((index) => this.patterns[index]!);
    };
  }
}
