/**
 * spaCy's v2 JSON training format, as spaCy's docs_to_json writes it
 * (spacy/training/gold_io.pyx, v3.5.4): one document whose paragraphs are the docs, each with
 * its raw text (null where the spaces are unknown), categories, entities as
 * [start, end, label] (code point offsets), and sentences of tokens with the annotation the
 * doc has, heads relative to the token and entities as BILUO tags.
 *
 * spaCy needs sentence boundaries here and fails on docs without them; such a doc is written
 * as one sentence.
 */
import type { Doc } from "../../tokens/doc.js";
import { offsetMap } from "../../tokens/offsets.js";

export interface JsonToken {
  id: number;
  orth: string;
  space: string;
  tag?: string;
  pos?: string;
  morph?: string;
  lemma?: string;
  head?: number;
  dep?: string;
  ner?: string;
}

export interface JsonParagraph {
  raw: string | null;
  sentences: Array<{ tokens: JsonToken[]; brackets: never[] }>;
  cats: Array<{ label: string; value: number }>;
  entities: Array<[number, number, string]>;
  links: Array<Record<string, Record<string, number>>>;
}

export interface JsonDocument {
  id: number;
  paragraphs: JsonParagraph[];
}

export function docsToJson(docs: Iterable<Doc>, id = 0): JsonDocument {
  const out: JsonDocument = { id, paragraphs: [] };
  for (const doc of docs) out.paragraphs.push(paragraph(doc));
  return out;
}

function paragraph(doc: Doc): JsonParagraph {
  const toCodePoint = offsetMap(doc.text).toCodePoint;
  const ents = doc.ents;
  const para: JsonParagraph = {
    raw: doc.hasUnknownSpaces ? null : doc.text,
    sentences: [],
    cats: Object.entries(doc.cats).map(([label, value]) => ({ label, value })),
    entities: ents.map((ent) => [toCodePoint(ent.startChar), toCodePoint(ent.endChar), ent.label]),
    links: [],
  };
  const biluo = biluoTags(doc);
  const has = {
    tag: doc.hasAnnotation("TAG"),
    pos: doc.hasAnnotation("POS"),
    morph: doc.hasAnnotation("MORPH"),
    lemma: doc.hasAnnotation("LEMMA"),
    dep: doc.hasAnnotation("DEP"),
    ner: doc.hasAnnotation("ENT_IOB"),
  };
  const sentences = doc.length === 0 ? [] : doc.hasAnnotation("SENT_START") || doc.hasAnnotation("DEP") ? doc.sents : [doc.span(0, doc.length)];
  for (const sent of sentences) {
    const tokens: JsonToken[] = [];
    for (let i = sent.start; i < sent.end; i++) {
      const token = doc.token(i);
      const json: JsonToken = { id: i, orth: token.text, space: token.whitespace };
      if (has.tag) json.tag = token.tag;
      if (has.pos) json.pos = token.pos;
      if (has.morph) json.morph = token.morph;
      if (has.lemma) json.lemma = token.lemma;
      if (has.dep) {
        json.head = doc.heads[i]! - i;
        json.dep = token.dep;
      }
      if (has.ner) json.ner = biluo[i]!;
      tokens.push(json);
    }
    para.sentences.push({ tokens, brackets: [] });
  }
  return para;
}

/** BILUO tags of the doc's entities, "O" for every other token (spaCy's ner_missing_tag). */
function biluoTags(doc: Doc): string[] {
  const tags = new Array<string>(doc.length).fill("O");
  for (const ent of doc.ents) {
    if (ent.length === 1) {
      tags[ent.start] = `U-${ent.label}`;
      continue;
    }
    tags[ent.start] = `B-${ent.label}`;
    for (let i = ent.start + 1; i < ent.end - 1; i++) tags[i] = `I-${ent.label}`;
    tags[ent.end - 1] = `L-${ent.label}`;
  }
  return tags;
}
