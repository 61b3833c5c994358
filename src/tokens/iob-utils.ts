import { TsnlpError } from "../util/errors.js";
import type { Doc } from "./doc.js";
import { Span } from "./span.js";

/**
 * Entity tags per token, after spaCy's training/iob_utils.py. BILUO: B(egin), I(nside), L(ast),
 * U(nit) with a label ("B-ORG"), "O" outside, "-" (or "", or null) unknown. IOB uses B, I, O.
 */

/** [startChar, endChar, label]: character offsets into doc.text (UTF-16 units, as doc.idx counts). */
export type EntityOffsets = [start: number, end: number, label: string];

/** [label, first token, last token]: spaCy's tags_to_entities triple; the end is inclusive. */
export type TaggedEntity = [label: string, start: number, end: number];

/** A tag that stands for "unknown": "-", "" or null. */
export type EntityTag = string | null;

const HINT = 'Use BILUO tags ("B-ORG", "I-ORG", "L-ORG", "U-LOC", "O") or "-" for an unknown tag.';

function isMissing(tag: EntityTag | undefined): boolean {
  return tag === null || tag === undefined || tag === "" || tag.startsWith("-");
}

function shown(tags: readonly EntityTag[], upTo: number): string {
  const from = Math.max(0, upTo - 9);
  const listed = tags.slice(from, upTo + 1).map((tag) => JSON.stringify(tag));
  return `${from > 0 ? "..., " : ""}${listed.join(", ")}`;
}

/**
 * IOB tags to BILUO. An entity starts at any tag other than "O" and takes the I- (or L-) tags
 * of its label that follow; a lone tag with no label is an error (spaCy's E177).
 */
export function iobToBiluo(tags: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tags.length) {
    const tag = tags[i]!;
    if (tag === "O") {
      out.push(tag);
      i++;
      continue;
    }
    const rest = tag.slice(1);
    const label = tag.slice(2);
    let end = i + 1;
    while (end < tags.length && (tags[end] === `I${rest}` || tags[end] === `L${rest}`)) end++;
    if (end - i === 1) {
      if (label === "") {
        throw new TsnlpError("E_BAD_IOB", `Ill-formed IOB tag ${JSON.stringify(tag)} at token ${i}: it has no entity label.`, {
          hint: 'IOB tags are "B-LABEL", "I-LABEL" or "O".',
        });
      }
      out.push(`U-${label}`);
    } else {
      out.push(`B-${label}`);
      for (let k = i + 1; k < end - 1; k++) out.push(`I-${label}`);
      out.push(`L-${label}`);
    }
    i = end;
  }
  return out;
}

/** BILUO tags to IOB: U- becomes B-, L- becomes I-; unknown tags pass through. */
export function biluoToIob<T extends EntityTag>(tags: readonly T[]): T[] {
  return tags.map((tag) => {
    if (tag?.startsWith("U-")) return `B-${tag.slice(2)}` as T;
    if (tag?.startsWith("L-")) return `I-${tag.slice(2)}` as T;
    return tag;
  });
}

/**
 * Entities as [label, first, last] token triples (last inclusive). An unknown tag outside an
 * entity gives an unlabelled one-token entry, which callers treat as missing annotation.
 */
export function tagsToEntities(tags: readonly EntityTag[]): TaggedEntity[] {
  const entities: TaggedEntity[] = [];
  let start: number | null = null;
  tags.forEach((tag, i) => {
    if (isMissing(tag)) {
      // As spaCy: an unknown tag inside an entity drops the entity instead.
      if (start !== null) start = null;
      else entities.push(["", i, i]);
      return;
    }
    const prefix = tag!.charAt(0);
    if (prefix === "O") return;
    if (prefix === "U") entities.push([tag!.slice(2), i, i]);
    else if (prefix === "B") start = i;
    else if (prefix === "I" || prefix === "L") {
      if (start === null) {
        throw new TsnlpError(
          "E_BAD_BILUO_SEQUENCE",
          `Invalid BILUO tag sequence: ${JSON.stringify(tag)} at token ${i} has no "B-" tag before it. Tags: ${shown(tags, i)}`,
          {
            hint: "Each entity of two or more tokens is B-, then I- for the tokens in between, then L-; a one-token entity is U-.",
          },
        );
      }
      if (prefix === "L") {
        entities.push([tag!.slice(2), start, i]);
        start = null;
      }
    } else {
      throw new TsnlpError("E_BAD_BILUO_TAG", `Invalid BILUO tag ${JSON.stringify(tag)} at token ${i}.`, { hint: HINT });
    }
  });
  return entities;
}

function checkTagCount(doc: Doc, tags: readonly EntityTag[]): void {
  if (tags.length !== doc.length) {
    throw new TsnlpError("E_TAG_COUNT", `There are ${tags.length} entity tags for a doc of ${doc.length} tokens.`, { hint: "Give one tag per token." });
  }
}

/** Spans for BILUO tags; tokens with an unknown tag come back as one-token spans with an empty label. */
export function biluoTagsToSpans(doc: Doc, tags: readonly EntityTag[]): Span[] {
  checkTagCount(doc, tags);
  return tagsToEntities(tags).map(([label, start, end]) => new Span(doc, start, end + 1, { label }));
}

/** [startChar, endChar, label] for BILUO tags, in doc.text's UTF-16 offsets; unknown tags give an empty label. */
export function biluoTagsToOffsets(doc: Doc, tags: readonly EntityTag[]): EntityOffsets[] {
  return biluoTagsToSpans(doc, tags).map((span) => [span.startChar, span.endChar, span.label]);
}

export function splitBiluLabel(label: string): [string, string] {
  const dash = label.indexOf("-");
  if (dash < 0) throw new TsnlpError("E_BAD_BILUO_TAG", `${JSON.stringify(label)} has no "-" between its action and its label.`, { hint: HINT });
  return [label.slice(0, dash), label.slice(dash + 1)];
}

export function removeBiluPrefix(label: string): string {
  return splitBiluLabel(label)[1];
}

function describe(doc: Doc, [start, end, label]: Readonly<EntityOffsets>): string {
  return `[${start}, ${end}) '${doc.text.slice(start, end)}' (${label || "no label"})`;
}

/**
 * BILUO tags for entities given by character offsets into doc.text (spaCy's offsets_to_biluo_tags).
 * A token that no entity touches gets `missing` ("O" unless told); the tokens of an entity whose
 * offsets do not fall on token boundaries get "-" (unknown), so that training ignores them; an
 * entity without a label marks the tokens starting inside it as "O". Labelled entities must not
 * share a character.
 */
export function offsetsToBiluoTags(doc: Doc, entities: Iterable<Readonly<EntityOffsets>>, options: { missing?: string } = {}): string[] {
  const missing = options.missing ?? "O";
  const textLength = doc.text.length;
  const { tokenAt, tokenEnding } = tokenBoundaries(doc);
  const tags = new Array<string>(doc.length).fill("-");
  const list = [...entities];
  // 1 + the index of the labelled entity that owns each character, 0 for none.
  const owner = new Int32Array(textLength);
  const touched = new Uint8Array(textLength);
  list.forEach((entity, k) => {
    const [start, end, label] = entity;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > textLength || start >= end) {
      throw new TsnlpError("E_BAD_ENTITY_OFFSETS", `The entity [${start}, ${end}) '${label}' does not fit the text of ${textLength} characters.`, {
        hint: "Entity offsets are [start, end) character offsets into the text, with start < end.",
      });
    }
    if (!label) {
      for (let i = firstTokenFrom(doc, start); i < doc.length && doc.idx[i]! < end; i++) tags[i] = "O";
    } else {
      for (let c = start; c < end; c++) {
        const other = owner[c]!;
        if (other !== 0) {
          throw new TsnlpError("E_OVERLAPPING_ENTS", `Entities overlap: ${describe(doc, list[other - 1]!)} and ${describe(doc, [start, end, label])}.`, {
            hint: "A token can be part of one entity only; keep entities disjoint, or put overlapping spans in a span group (doc.spans).",
          });
        }
        owner[c] = k + 1;
      }
      const first = tokenAt.get(start);
      const last = tokenEnding.get(end);
      if (first !== undefined && last !== undefined) {
        if (first === last) tags[first] = `U-${label}`;
        else {
          tags[first] = `B-${label}`;
          for (let i = first + 1; i < last; i++) tags[i] = `I-${label}`;
          tags[last] = `L-${label}`;
        }
      }
    }
    touched.fill(1, start, end);
  });
  for (let i = 0; i < doc.length; i++) {
    const from = doc.idx[i]!;
    if (!touched.subarray(from, from + doc.lexemes[i]!.orth.length).includes(1)) tags[i] = missing;
  }
  return tags;
}

/** The token that starts at each character offset, and the token that ends at each. */
export function tokenBoundaries(doc: Doc): { tokenAt: Map<number, number>; tokenEnding: Map<number, number> } {
  const tokenAt = new Map<number, number>();
  const tokenEnding = new Map<number, number>();
  for (let i = 0; i < doc.length; i++) {
    tokenAt.set(doc.idx[i]!, i);
    tokenEnding.set(doc.idx[i]! + doc.lexemes[i]!.orth.length, i);
  }
  return { tokenAt, tokenEnding };
}

/** The first token that starts at or after `char` (binary search over doc.idx). */
function firstTokenFrom(doc: Doc, char: number): number {
  let low = 0;
  let high = doc.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (doc.idx[mid]! < char) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * BILUO tags for the doc's own entities. Tokens outside every entity get "O" when they are
 * annotated as outside and `missing` ("O" unless told, as spaCy's doc_to_biluo_tags) otherwise.
 */
export function docToBiluoTags(doc: Doc, options: { missing?: string } = {}): string[] {
  const missing = options.missing ?? "O";
  const tags = Array.from(doc.entIob, (iob) => (iob === 2 ? "O" : missing));
  for (const ent of doc.ents) {
    if (ent.length === 1) tags[ent.start] = `U-${ent.label}`;
    else {
      tags[ent.start] = `B-${ent.label}`;
      for (let i = ent.start + 1; i < ent.end - 1; i++) tags[i] = `I-${ent.label}`;
      tags[ent.end - 1] = `L-${ent.label}`;
    }
  }
  return tags;
}
