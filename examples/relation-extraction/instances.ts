/**
 * Candidate relation instances: the ordered pairs of entities a model scores
 * (rel_instance_generator.v1 in spaCy's tutorials/rel_component), and how a pair is named in
 * `doc.userData.rel`.
 */
import type { Doc, Span } from "tsnlp";

/** The pairs of entities of a doc that the model scores, in a fixed order. */
export type GetInstances = (doc: Doc) => Array<[Span, Span]>;

/** What `rel_instance_generator.v1` returns, as its config signature names it. */
export const INSTANCE_GENERATOR = "Callable[[Doc], List[Tuple[Span, Span]]]";

/**
 * Every ordered pair of distinct entities whose starts are at most `maxLength` tokens apart
 * (0 for no limit). Both orders are candidates: "Ana works for Acme" relates (Ana, Acme), not
 * (Acme, Ana).
 */
export function instanceGenerator(maxLength: number): GetInstances {
  return (doc) => {
    const ents = doc.ents;
    const pairs: Array<[Span, Span]> = [];
    for (const head of ents) {
      for (const child of ents) {
        if (head.start === child.start) continue;
        if (maxLength > 0 && Math.abs(child.start - head.start) > maxLength) continue;
        pairs.push([head, child]);
      }
    }
    return pairs;
  };
}

/** The key of a pair in `doc.userData.rel`: the two entities' first tokens ("3,7"), as spaCy's tutorial keys `doc._.rel`. */
export function relationKey(head: Span, child: Span): string {
  return `${head.start},${child.start}`;
}

/** Relation scores of a doc: pair key, then label, then a probability (predicted) or 1 (gold). */
export type Relations = Record<string, Record<string, number>>;

/** The relations stored on a doc, or an empty table. */
export function relationsOf(doc: Doc): Relations {
  const rel = doc.userData.rel;
  return rel !== null && typeof rel === "object" ? (rel as Relations) : {};
}
