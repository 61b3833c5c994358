/**
 * Entity tags per token (IOB1, IOB2 or BILUO) to entity spans, grouped as spaCy groups them
 * (iob_to_biluo, then tags_to_entities, in spacy/training/iob_utils.py): an entity starts at
 * any tag that is not O and goes on while the next tag is I- or L- of the same label. So
 * "I-PER I-PER" (IOB1) is one entity, and "B-PER I-LOC" is two.
 */
export interface TagSpan {
  /** First token. */
  start: number;
  /** One past the last token. */
  end: number;
  label: string;
}

const ENTITY_TAG = /^[BILU]-\S+$/;

/** "O", or B-, I-, L- or U- and a label. spaCy would read "X-FOO" as U-FOO; we refuse it. */
export function isEntityTag(tag: string): boolean {
  return tag === "O" || ENTITY_TAG.test(tag);
}

export const ENTITY_TAG_HINT = 'Entity tags are "O" or a prefix B-, I-, L- or U- and a label, such as "B-PER" (IOB or BILUO).';

/** Rename a tag's label through the NER map; a label mapped to "" turns the tag into "O". */
export function mapEntityTag(tag: string, nerMap: Readonly<Record<string, string>> | undefined): string {
  if (!nerMap || tag === "O") return tag;
  const label = tag.slice(2);
  if (!Object.hasOwn(nerMap, label)) return tag;
  const mapped = nerMap[label]!;
  return mapped === "" ? "O" : `${tag.slice(0, 2)}${mapped}`;
}

/** Entity spans of a sequence of valid tags (see isEntityTag). */
export function tagsToSpans(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let i = 0;
  while (i < tags.length) {
    const tag = tags[i]!;
    if (tag === "O") {
      i++;
      continue;
    }
    const label = tag.slice(2);
    const inside = `I-${label}`;
    const last = `L-${label}`;
    let end = i + 1;
    while (end < tags.length && (tags[end] === inside || tags[end] === last)) end++;
    spans.push({ start: i, end, label });
    i = end;
  }
  return spans;
}
