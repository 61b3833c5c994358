/**
 * spaCy's PhraseMatcher (spacy/matcher/phrasematcher.pyx, v3.5.4): match long lists of
 * phrases, given as docs, on one token attribute (ORTH by default, or LOWER, NORM, SHAPE,
 * LEMMA, POS...). The phrases live in a trie keyed by token values, so a match call costs
 * tokens x phrase length, whatever the number of phrases.
 */
import { attrName } from "../tokens/attrs.js";
import { Doc } from "../tokens/doc.js";
import { Span } from "../tokens/span.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { ANNOTATED_ATTRS, type AnnotatedAttr, canonicalAttr, MATCH_ATTR_NAMES, type MatchValue, readColumn } from "./attributes.js";
import type { MatchCallback, MatchTriple } from "./matcher.js";

export interface PhraseMatcherOptions {
  /** The token attribute to match on, by name or spaCy id; null or undefined for ORTH. */
  attr?: string | number | null;
  validate?: boolean;
}

interface TrieNode {
  children: Map<MatchValue, TrieNode>;
  /** Keys of the phrases that end here, in the order they were added. */
  keys?: Set<string>;
}

export class PhraseMatcher {
  readonly vocab: Vocab;
  /** The canonical attribute name (e.g. "LOWER"). */
  readonly attr: string;
  readonly validate: boolean;
  private readonly root: TrieNode = { children: new Map() };
  /** Each key's phrases, as value sequences, by their JSON form (a set, as spaCy keeps). */
  private readonly phrases = new Map<string, Map<string, MatchValue[]>>();
  private readonly callbacks = new Map<string, MatchCallback<PhraseMatcher> | null>();

  constructor(vocab: Vocab, options: PhraseMatcherOptions = {}) {
    this.vocab = vocab;
    this.validate = options.validate ?? false;
    this.attr = resolvePhraseAttr(options.attr);
  }

  /** The number of keys. */
  get size(): number {
    return this.callbacks.size;
  }

  has(key: string): boolean {
    return this.callbacks.has(key);
  }

  get keys(): string[] {
    return [...this.callbacks.keys()];
  }

  /**
   * Add phrases under a key: docs (their tokens' values of `attr` are matched), or sequences
   * of values. Empty docs are skipped, as in spaCy.
   */
  add(key: string, phrases: ReadonlyArray<Doc | readonly MatchValue[]>, options: { onMatch?: MatchCallback<PhraseMatcher> | null } = {}): void {
    if (typeof key !== "string" || key === "") throw new TsnlpError("E_MATCH_KEY", `A match key must be a non-empty string, got ${JSON.stringify(key)}.`);
    if (phrases instanceof Doc || !Array.isArray(phrases)) {
      throw new TsnlpError("E_PHRASE_PATTERN", `PhraseMatcher.add('${key}', ...) takes a list of docs.`, {
        hint: `Wrap a single doc in a list: matcher.add("${key}", [doc]).`,
      });
    }
    const sequences = phrases.map((phrase, i) => this.toSequence(key, phrase, i));
    this.callbacks.set(key, options.onMatch ?? null);
    const known = this.phrases.get(key) ?? new Map<string, MatchValue[]>();
    this.phrases.set(key, known);
    for (const sequence of sequences) {
      if (sequence.length === 0) continue;
      known.set(JSON.stringify(sequence), sequence);
      let node = this.root;
      for (const value of sequence) {
        let child = node.children.get(value);
        if (child === undefined) {
          child = { children: new Map() };
          node.children.set(value, child);
        }
        node = child;
      }
      node.keys ??= new Set();
      node.keys.add(key);
    }
  }

  /** Remove a key and its phrases; trie branches no other phrase uses are pruned. */
  remove(key: string): void {
    const known = this.phrases.get(key);
    if (known === undefined) {
      throw new TsnlpError("E_MATCH_KEY", `The phrase matcher has no rule '${key}' to remove.`, { hint: `Known keys: ${this.keys.join(", ") || "(none)"}.` });
    }
    for (const sequence of known.values()) this.removePhrase(sequence, key);
    this.phrases.delete(key);
    this.callbacks.delete(key);
  }

  /** Matches in order of start, then end. Offsets are the doc's, also when given a span (unlike the Matcher, as in spaCy). */
  call(doclike: Doc | Span): MatchTriple[] {
    const [doc, start, end] = doclike instanceof Span ? [doclike.doc, doclike.start, doclike.end] : [doclike, 0, doclike.length];
    const matches: MatchTriple[] = [];
    if (end <= start) return matches;
    const values = readColumn(doc, this.attr, start, end);
    const length = values.length;
    for (let first = 0; first < length; first++) {
      let node = this.root.children.get(values[first]!);
      let next = first + 1;
      while (node !== undefined) {
        if (node.keys) for (const key of node.keys) matches.push([key, start + first, start + next]);
        if (next >= length) break;
        node = node.children.get(values[next]!);
        next += 1;
      }
    }
    matches.forEach(([key], i) => {
      this.callbacks.get(key)?.(this, doc, i, matches);
    });
    return matches;
  }

  /** Matches as spans of the doc labelled with their key. */
  spans(doclike: Doc | Span): Span[] {
    const doc = doclike instanceof Doc ? doclike : doclike.doc;
    return this.call(doclike).map(([key, start, end]) => new Span(doc, start, end, { label: key }));
  }

  /** Check phrases as add() would, without adding them: a TsnlpError says what is wrong. */
  check(key: string, phrases: ReadonlyArray<Doc | readonly MatchValue[]>): void {
    phrases.forEach((phrase, i) => {
      this.toSequence(key, phrase, i);
    });
  }

  private toSequence(key: string, phrase: Doc | readonly MatchValue[], index: number): MatchValue[] {
    if (Array.isArray(phrase)) return [...phrase];
    if (!(phrase instanceof Doc)) {
      throw new TsnlpError("E_PHRASE_PATTERN", `Phrase ${index} for '${key}' is not a Doc.`, {
        hint: "Make phrase patterns with the pipeline's tokenizer, e.g. nlp.makeDoc(text).",
      });
    }
    if (phrase.length > 0 && this.attr in ANNOTATED_ATTRS && !phrase.hasAnnotation(this.attr as AnnotatedAttr)) {
      const pipe = ANNOTATED_ATTRS[this.attr as AnnotatedAttr];
      throw new TsnlpError("E_MATCH_MISSING_ANNOTATION", `Phrase ${index} for '${key}' has no ${this.attr} annotation, which this phrase matcher matches on.`, {
        hint: `Run the phrase docs through a pipeline with a ${pipe}, or match on an attribute the tokenizer sets (ORTH, LOWER, NORM, SHAPE).`,
      });
    }
    return readColumn(phrase, this.attr);
  }

  private removePhrase(sequence: MatchValue[], key: string): void {
    const path: TrieNode[] = [this.root];
    for (const value of sequence) {
      const child = path[path.length - 1]!.children.get(value);
      if (child === undefined) return;
      path.push(child);
    }
    const end = path[path.length - 1]!;
    end.keys?.delete(key);
    if (end.keys?.size === 0) end.keys = undefined;
    // Prune from the end: a node with no phrase ending at it and no children serves nothing.
    for (let depth = sequence.length; depth > 0; depth--) {
      const node = path[depth]!;
      if (node.keys !== undefined || node.children.size > 0) break;
      path[depth - 1]!.children.delete(sequence[depth - 1]!);
    }
  }
}

function resolvePhraseAttr(attr: string | number | null | undefined): string {
  if (attr === null || attr === undefined) return "ORTH";
  const name = typeof attr === "number" ? attrName(attr) : attr;
  const canonical = canonicalAttr(name);
  if (canonical === undefined) {
    throw new TsnlpError(
      "E_PHRASE_MATCHER_ATTR",
      `'${name}' is not a token attribute the phrase matcher can match on.${didYouMean(name.toUpperCase(), MATCH_ATTR_NAMES)}`,
      {
        hint: `Use one of ${MATCH_ATTR_NAMES.join(", ")}.`,
      },
    );
  }
  return canonical;
}
