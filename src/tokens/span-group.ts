import { TsnlpError } from "../util/errors.js";
import type { Doc } from "./doc.js";
import type { Span } from "./span.js";

/** A named list of spans over one doc; unlike entities, spans may overlap. */
export class SpanGroup implements Iterable<Span> {
  readonly spans: Span[];

  constructor(
    readonly doc: Doc,
    readonly name: string,
    spans: Iterable<Span> = [],
    readonly attrs: Record<string, unknown> = {},
  ) {
    this.spans = [];
    for (const span of spans) this.push(span);
  }

  push(span: Span): void {
    if (span.doc !== this.doc) throw new TsnlpError("E_SPAN_DOC", `The span '${span.text}' belongs to another doc than the group '${this.name}'.`);
    this.spans.push(span);
  }

  get length(): number {
    return this.spans.length;
  }

  at(i: number): Span | undefined {
    return this.spans.at(i);
  }

  [Symbol.iterator](): IterableIterator<Span> {
    return this.spans[Symbol.iterator]();
  }
}

/** doc.spans: span groups by key ("sc" for spancat). */
export class SpanGroups {
  private readonly groups = new Map<string, SpanGroup>();

  constructor(private readonly doc: Doc) {}

  get(key: string): SpanGroup | undefined {
    return this.groups.get(key);
  }

  /** Set a group from spans (or a group), replacing any group with this key. */
  set(key: string, spans: Iterable<Span>, attrs: Record<string, unknown> = {}): SpanGroup {
    const group = new SpanGroup(this.doc, key, spans, attrs);
    this.groups.set(key, group);
    return group;
  }

  has(key: string): boolean {
    return this.groups.has(key);
  }

  delete(key: string): boolean {
    return this.groups.delete(key);
  }

  keys(): string[] {
    return [...this.groups.keys()];
  }

  get size(): number {
    return this.groups.size;
  }

  [Symbol.iterator](): IterableIterator<[string, SpanGroup]> {
    return this.groups.entries();
  }
}
