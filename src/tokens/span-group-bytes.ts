import type { Doc } from "./doc.js";
import { keyBytes, MsgpackWriter, packValue, unpackValue } from "./docbin-msgpack.js";
import { offsetMap } from "./offsets.js";
import type { Span } from "./span.js";
import type { SpanGroup } from "./span-group.js";
import { stringId } from "./strings.js";

/**
 * doc.spans in spaCy v3.5.4's binary form (spacy/tokens/_dict_proxies.py SpanGroups.to_bytes and
 * spacy/tokens/span_group.pyx SpanGroup.to_bytes): a msgpack map from each group's bytes to the
 * keys that hold it, or an empty msgpack list when there are no groups. A group is a map of name,
 * attrs and spans; each span is 40 big-endian bytes, struct ">QQQllll": id, kb_id and label as
 * string ids, then start, end, start_char and end_char (characters count code points, as Python).
 */
export const EMPTY_SPAN_GROUPS = packValue([]);

const SPAN_BYTES = 40;

export function spanGroupsToBytes(doc: Doc): Uint8Array {
  if (doc.spans.size === 0) return EMPTY_SPAN_GROUPS;
  const keysByBytes = new Map<string, { bytes: Uint8Array; keys: string[] }>();
  const toCodePoint = offsetMap(doc.text).toCodePoint;
  for (const [key, group] of doc.spans) {
    const bytes = spanGroupToBytes(group, toCodePoint);
    const identity = Buffer.from(bytes).toString("latin1");
    const entry = keysByBytes.get(identity);
    if (entry) entry.keys.push(key);
    else keysByBytes.set(identity, { bytes, keys: [key] });
  }
  const writer = new MsgpackWriter();
  writer.mapHeader(keysByBytes.size);
  for (const { bytes, keys } of keysByBytes.values()) {
    writer.bin(bytes);
    writer.arrayHeader(keys.length);
    for (const key of keys) writer.str(key);
  }
  return writer.bytes().slice();
}

function spanGroupToBytes(group: SpanGroup, toCodePoint: (offset: number) => number): Uint8Array {
  const writer = new MsgpackWriter();
  writer.mapHeader(3);
  writer.str("name");
  writer.str(group.name);
  writer.str("attrs");
  writer.value(group.attrs);
  writer.str("spans");
  writer.arrayHeader(group.length);
  const packed = new Uint8Array(SPAN_BYTES);
  const view = new DataView(packed.buffer);
  for (const span of group) {
    writeSpan(view, span, toCodePoint);
    writer.bin(packed);
  }
  return writer.bytes().slice();
}

function writeSpan(view: DataView, span: Span, toCodePoint: (offset: number) => number): void {
  view.setBigUint64(0, span.id === "" ? 0n : stringId(span.id));
  view.setBigUint64(8, span.kbId === "" ? 0n : stringId(span.kbId));
  view.setBigUint64(16, span.label === "" ? 0n : stringId(span.label));
  view.setInt32(24, span.start);
  view.setInt32(28, span.end);
  view.setInt32(32, toCodePoint(span.startChar));
  view.setInt32(36, toCodePoint(span.endChar));
}

export interface SpanGroupReadContext {
  /** The string with this id, or undefined when it is unknown. */
  lookup(id: bigint): string | undefined;
  /** An error saying what is wrong with this doc's span groups. */
  fail(message: string): Error;
}

/** Set doc.spans from bytes written by spanGroupsToBytes or by spaCy (either of its two layouts). */
export function spanGroupsFromBytes(doc: Doc, bytes: Uint8Array, context: SpanGroupReadContext): void {
  if (bytes.length === 0 || (bytes.length === 1 && bytes[0] === EMPTY_SPAN_GROUPS[0])) return;
  const msg = unpack(bytes, "span groups", context);
  if (Array.isArray(msg)) {
    // spaCy's first layout: a list of group bytes, each group under its own name.
    for (const groupBytes of msg) {
      const group = readGroup(doc, asBytes(groupBytes, "a span group", context), context);
      doc.spans.set(group.name, group.spans, group.attrs);
    }
    return;
  }
  if (!isRecord(msg)) throw context.fail("the span groups are neither a map nor a list");
  for (const [groupKey, keys] of Object.entries(msg)) {
    const group = readGroup(doc, keyBytes(groupKey), context);
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === "string")) {
      throw context.fail(`the span group '${group.name}' is stored without a list of keys`);
    }
    for (const key of keys as string[]) doc.spans.set(key, group.spans, { ...group.attrs });
  }
}

interface ReadGroup {
  name: string;
  attrs: Record<string, unknown>;
  spans: Span[];
}

function readGroup(doc: Doc, bytes: Uint8Array, context: SpanGroupReadContext): ReadGroup {
  const msg = unpack(bytes, "a span group", context);
  if (!isRecord(msg) || typeof msg.name !== "string" || !Array.isArray(msg.spans)) {
    throw context.fail("a span group lacks its name or its list of spans");
  }
  const name = msg.name;
  const attrs = isRecord(msg.attrs) ? { ...msg.attrs } : {};
  const spans = msg.spans.map((packed, i) => {
    const data = asBytes(packed, `span ${i} of group '${name}'`, context);
    if (data.length !== SPAN_BYTES) throw context.fail(`span ${i} of group '${name}' has ${data.length} bytes instead of ${SPAN_BYTES}`);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const start = view.getInt32(24);
    const end = view.getInt32(28);
    if (start < 0 || end < start || end > doc.length) {
      throw context.fail(`span ${i} of group '${name}' covers tokens [${start}, ${end}), outside the doc of ${doc.length} tokens`);
    }
    const text = (at: number, what: string): string => {
      const id = view.getBigUint64(at);
      if (id === 0n) return "";
      const found = context.lookup(id);
      if (found === undefined) throw context.fail(`the ${what} of span ${i} in group '${name}' is string id ${id}, which is not among the file's strings`);
      return found;
    };
    return doc.span(start, end, { id: text(0, "id"), kbId: text(8, "kb_id"), label: text(16, "label") });
  });
  return { name, attrs, spans };
}

function unpack(bytes: Uint8Array, what: string, context: SpanGroupReadContext): unknown {
  try {
    return unpackValue(bytes);
  } catch (error) {
    throw context.fail(`${what} could not be decoded (${(error as Error).message})`);
  }
}

function asBytes(value: unknown, what: string, context: SpanGroupReadContext): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw context.fail(`${what} is not stored as bytes`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
