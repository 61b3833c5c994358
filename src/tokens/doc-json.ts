import { TsnlpError } from "../util/errors.js";
import { Doc } from "./doc.js";
import { offsetMap } from "./offsets.js";
import type { Vocab } from "./vocab.js";

/** spaCy's Doc.to_json layout; character offsets count code points, as in Python. */
export interface DocJSON {
  text: string;
  tokens: Array<{ id: number; start: number; end: number; tag?: string; pos?: string; morph?: string; lemma?: string; dep?: string; head?: number }>;
  ents?: Array<{ start: number; end: number; label: string }>;
  sents?: Array<{ start: number; end: number }>;
  cats?: Record<string, number>;
  spans?: Record<string, Array<{ start: number; end: number; label: string; kb_id?: string }>>;
}

export function docToJSON(doc: Doc): DocJSON {
  const offsets = offsetMap(doc.text);
  const cp = offsets.toCodePoint;
  const out: DocJSON = { text: doc.text, tokens: [] };
  if (doc.hasAnnotation("ENT_IOB")) out.ents = doc.ents.map((ent) => ({ start: cp(ent.startChar), end: cp(ent.endChar), label: ent.label }));
  if (doc.hasAnnotation("SENT_START") || doc.hasAnnotation("DEP")) out.sents = doc.sents.map((sent) => ({ start: cp(sent.startChar), end: cp(sent.endChar) }));
  if (Object.keys(doc.cats).length > 0) out.cats = { ...doc.cats };
  const has = { tag: doc.hasAnnotation("TAG"), pos: doc.hasAnnotation("POS"), morph: doc.hasAnnotation("MORPH"), lemma: doc.hasAnnotation("LEMMA"), dep: doc.hasAnnotation("DEP") };
  for (const token of doc) {
    const entry: DocJSON["tokens"][number] = { id: token.i, start: cp(token.idx), end: cp(token.idx + token.text.length) };
    if (has.tag) entry.tag = token.tag;
    if (has.pos) entry.pos = token.pos;
    if (has.morph) entry.morph = token.morph;
    if (has.lemma) entry.lemma = token.lemma;
    if (has.dep) {
      entry.dep = token.dep;
      entry.head = doc.heads[token.i]!;
    }
    out.tokens.push(entry);
  }
  if (doc.spans.size > 0) {
    out.spans = {};
    for (const [key, group] of doc.spans) {
      out.spans[key] = group.spans.map((span) => ({ start: cp(span.startChar), end: cp(span.endChar), label: span.label, kb_id: span.kbId }));
    }
  }
  return out;
}

function jsonError(message: string): TsnlpError {
  return new TsnlpError("E_DOC_JSON", message, { hint: "Doc JSON follows spaCy's Doc.to_json: text, tokens with start/end offsets, and optional ents, sents, cats, spans." });
}

export function docFromJSON(vocab: Vocab, json: DocJSON): Doc {
  if (typeof json?.text !== "string" || !Array.isArray(json.tokens)) throw jsonError("A doc in JSON form needs 'text' (a string) and 'tokens' (a list).");
  const offsets = offsetMap(json.text);
  const utf16 = offsets.toUtf16;
  const words: string[] = [];
  const spaces: boolean[] = [];
  const tokens = json.tokens;
  tokens.forEach((token, i) => {
    const start = utf16(token.start);
    const end = utf16(token.end);
    if (!(start < end) || end > json.text.length) throw jsonError(`Token ${i} has offsets [${token.start}, ${token.end}) outside the text.`);
    words.push(json.text.slice(start, end));
    const next = i + 1 < tokens.length ? utf16(tokens[i + 1]!.start) : json.text.length;
    spaces.push(json.text.slice(end, next).startsWith(" ") && next > end);
  });
  const pick = <K extends "tag" | "pos" | "morph" | "lemma" | "dep">(key: K) => (tokens.some((token) => token[key] !== undefined) ? tokens.map((token) => token[key] ?? "") : undefined);
  const doc = new Doc(vocab, {
    words,
    spaces,
    tags: pick("tag"),
    pos: pick("pos"),
    morphs: pick("morph"),
    lemmas: pick("lemma"),
    heads: tokens.some((token) => token.head !== undefined) ? tokens.map((token, i) => token.head ?? i) : undefined,
    deps: pick("dep"),
  });
  if (doc.text !== json.text) throw jsonError("The tokens and the spaces between them do not rebuild the text; tokens must cover every non-space character.");
  const span = (start: number, end: number, label: string, what: string, kbId = "") => {
    const found = doc.charSpan(utf16(start), utf16(end), { label, kbId });
    if (!found) throw jsonError(`The ${what} [${start}, ${end}) '${label}' does not start and end on token boundaries.`);
    return found;
  };
  if (json.ents) doc.ents = json.ents.map((ent) => span(ent.start, ent.end, ent.label, "entity"));
  if (json.sents && !doc.hasAnnotation("DEP")) {
    for (const sent of json.sents) {
      const found = span(sent.start, sent.end, "", "sentence");
      for (let i = found.start; i < found.end; i++) doc.sentStarts[i] = i === found.start ? 1 : -1;
    }
  }
  if (json.cats) doc.cats = { ...json.cats };
  for (const [key, spans] of Object.entries(json.spans ?? {})) {
    doc.spans.set(key, spans.map((entry) => span(entry.start, entry.end, entry.label, `span in group '${key}'`, entry.kb_id ?? "")));
  }
  return doc;
}
