import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { Doc } from "./doc.js";
import { biluoTagsToSpans, docToBiluoTags, type EntityOffsets, type EntityTag, iobToBiluo, offsetsToBiluoTags, tokenBoundaries } from "./iob-utils.js";
import { offsetMap } from "./offsets.js";
import type { Span } from "./span.js";

/** [startChar, endChar, label?, kbId?], offsets in code points as Python counts them. */
export type SpanTuple = [start: number, end: number, label?: string, kbId?: string];

/**
 * Gold annotation for Example.fromDict, with spaCy's keys. Character offsets count code
 * points, as in data made with Python. Token columns may also be given by attribute name
 * ("TAG", "ORTH") or inside "token_annotation" / "doc_annotation" (the toDict layout).
 */
export interface ExampleDict {
  words?: string[];
  spaces?: boolean[];
  tags?: string[];
  pos?: string[];
  morphs?: string[];
  lemmas?: string[];
  /** Absolute head indices; null for an unknown head. */
  heads?: Array<number | null>;
  /** null or "" for an unknown label; a token without a label has no head either. */
  deps?: Array<string | null>;
  /** true / 1 starts a sentence, false / -1 does not, null / 0 unknown. */
  sent_starts?: Array<boolean | number | null>;
  /** [startChar, endChar, label] triples, or one BILUO or IOB tag per token ("-" or null unknown). */
  entities?: Array<[number, number, string]> | EntityTag[] | null;
  /** Span groups by key. */
  spans?: Record<string, SpanTuple[]>;
  cats?: Record<string, number>;
  /** The raw text, used to tell which words are followed by a space when `spaces` is not given. */
  text?: string;
  [key: string]: unknown;
}

/** Example.toDict's layout (spaCy's Example.to_dict). */
export interface ExampleDictOutput {
  doc_annotation: {
    cats: Record<string, number>;
    /** BILUO tags; "-" where the entity annotation is unknown. */
    entities: string[];
    spans: Record<string, Array<[number, number, string, string]>>;
  };
  token_annotation: {
    ORTH: string[];
    SPACY: boolean[];
    TAG: string[];
    LEMMA: string[];
    POS: string[];
    MORPH: string[];
    HEAD: number[];
    DEP: string[];
    /** 1 starts a sentence, -1 does not, 0 unknown. */
    SENT_START: number[];
  };
}

export interface FromDictOptions {
  /**
   * An entity whose offsets do not fall on token boundaries: "missing" (spaCy's way: its tokens
   * get the unknown tag "-", and `onWarning` hears about it) or "error".
   */
  misalignedEntities?: "missing" | "error";
  /** Receives warnings; by default they go to process.emitWarning. */
  onWarning?: (message: string) => void;
}

type TokenAttr = "ORTH" | "SPACY" | "TAG" | "POS" | "MORPH" | "LEMMA" | "HEAD" | "DEP" | "SENT_START";

const TOKEN_KEYS: Record<string, TokenAttr> = {
  words: "ORTH",
  spaces: "SPACY",
  tags: "TAG",
  pos: "POS",
  morphs: "MORPH",
  lemmas: "LEMMA",
  heads: "HEAD",
  deps: "DEP",
  sent_starts: "SENT_START",
};
const TOKEN_ATTRS = new Set<string>(Object.values(TOKEN_KEYS));
const IGNORED_TOKEN_KEYS = new Set(["text", "ids", "brackets"]);
const DOC_KEYS = ["entities", "spans", "cats", "links"];
const ALL_KEYS = [...Object.keys(TOKEN_KEYS), ...TOKEN_ATTRS, ...DOC_KEYS, "ner", "text", "token_annotation", "doc_annotation"];

const HINT = "Example dicts follow spaCy's Example.from_dict: words, spaces, tags, pos, morphs, lemmas, heads, deps, sent_starts, entities, spans, cats.";

function dictError(message: string, hint = HINT): TsnlpError {
  return new TsnlpError("E_EXAMPLE_DICT", message, { hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A token column as given, with the key the user wrote (for messages). */
interface Column {
  key: string;
  values: unknown[];
}

interface Normalized {
  tokens: Map<TokenAttr, Column>;
  doc: Record<string, unknown>;
  text?: string;
}

/** spaCy's _fix_legacy_dict_data: flat keys and the two nested dicts, into token columns and doc annotation. */
function normalize(annotations: unknown): Normalized {
  if (!isRecord(annotations)) throw dictError(`Example annotations must be an object of annotations by key, not ${JSON.stringify(annotations)?.slice(0, 60)}.`);
  const nested = (key: string) => {
    const value = annotations[key];
    if (value === undefined || value === null) return {};
    if (!isRecord(value)) throw dictError(`'${key}' must be an object.`);
    return { ...value };
  };
  const tokenIn = nested("token_annotation");
  const docIn = nested("doc_annotation");
  for (const [key, value] of Object.entries(annotations)) {
    if (value === undefined || value === null || key === "token_annotation" || key === "doc_annotation" || key === "ids") continue;
    if (key === "cats" || key === "links" || key === "spans") docIn[key] = value;
    else if (key === "ner" || key === "entities") docIn.entities = value;
    else tokenIn[key] = value;
  }
  const tokens = new Map<TokenAttr, Column>();
  for (const [key, value] of Object.entries(tokenIn)) {
    if (IGNORED_TOKEN_KEYS.has(key) || value === undefined || value === null) continue;
    const attr = TOKEN_ATTRS.has(key) ? (key as TokenAttr) : TOKEN_KEYS[key.toLowerCase()];
    if (attr === undefined) {
      throw new TsnlpError("E_EXAMPLE_KEY", `'${key}' is not an annotation an example can have.${didYouMean(key, ALL_KEYS)}`, {
        hint: `Use ${Object.keys(TOKEN_KEYS).join(", ")}, ${DOC_KEYS.join(", ")} (or the attribute names ${[...TOKEN_ATTRS].join(", ")}).`,
      });
    }
    if (!Array.isArray(value)) throw dictError(`'${key}' must be a list with one value per word, not ${JSON.stringify(value)?.slice(0, 60)}.`);
    tokens.set(attr, { key, values: value });
  }
  for (const [key, value] of Object.entries(docIn)) {
    if (DOC_KEYS.includes(key) || !value) continue;
    throw new TsnlpError("E_EXAMPLE_KEY", `'${key}' is not a doc annotation.${didYouMean(key, DOC_KEYS)}`, {
      hint: `Doc annotations are ${DOC_KEYS.join(", ")}.`,
    });
  }
  const text = annotations.text;
  return { tokens, doc: docIn, text: typeof text === "string" ? text : undefined };
}

/** spaCy's _guess_spaces: find each word in the text in turn and look at the character after it. */
function guessSpaces(text: string, words: readonly string[]): boolean[] {
  let at = 0;
  return words.map((word) => {
    const found = text.indexOf(word, at);
    if (found < 0) return true;
    at = found + word.length;
    return text[at] === " ";
  });
}

function column<T>(tokens: Map<TokenAttr, Column>, attr: TokenAttr, n: number, what: string, read: (value: unknown) => T | undefined): T[] | undefined {
  const col = tokens.get(attr);
  if (!col) return undefined;
  if (col.values.length !== n) {
    throw new TsnlpError("E_EXAMPLE_LENGTH", `'${col.key}' has ${col.values.length} values for ${n} words.`, {
      hint: `Give one value per word${attr === "ORTH" ? "" : " (the words are the dict's 'words', or else the predicted doc's tokens)"}.`,
    });
  }
  return col.values.map((value, i) => {
    const parsed = read(value);
    if (parsed === undefined) throw dictError(`Value ${i} of '${col.key}' is ${JSON.stringify(value)}, but it must be ${what}.`);
    return parsed;
  });
}

const asString = (value: unknown) => (typeof value === "string" ? value : undefined);
const asStringOrNull = (value: unknown) => (value === null ? "" : asString(value));

/** spaCy's to_ternary_int. */
function asTernary(value: unknown): number | undefined {
  if (value === true || value === 1) return 1;
  if (value === null || value === 0) return 0;
  if (value === false || typeof value === "number") return -1;
  return undefined;
}

/** The reference Doc for Example.fromDict (spaCy's annotations_to_doc). */
export function annotationsToDoc(predicted: Doc, annotations: unknown, options: FromDictOptions = {}): Doc {
  const { tokens, doc: docAnnot, text } = normalize(annotations);
  const givenWords = tokens.get("ORTH")?.values;
  // As spaCy: without words the reference takes the predicted tokens, spaces included.
  const words = givenWords
    ? column(tokens, "ORTH", givenWords.length, "a non-empty string", (v) => (typeof v === "string" && v !== "" ? v : undefined))!
    : predicted.words;
  const n = words.length;
  const spaces = givenWords
    ? (column(tokens, "SPACY", n, "true or false", (v) => (typeof v === "boolean" ? v : undefined)) ??
      (text === undefined ? undefined : guessSpaces(text, words)))
    : [...predicted.spaces];
  const doc = new Doc(predicted.vocab, {
    words,
    spaces,
    tags: column(tokens, "TAG", n, "a string", asString),
    pos: column(tokens, "POS", n, "a string", asString),
    morphs: column(tokens, "MORPH", n, 'a string of features ("Number=Sing|Person=3", "" or "_")', asString),
    lemmas: column(tokens, "LEMMA", n, "a string", asString),
  });
  const parsed = setParse(doc, tokens);
  const sentStarts = column(tokens, "SENT_START", n, "true, false, null or a number", asTernary);
  // As spaCy: a labelled parse decides the sentence starts.
  if (sentStarts && !parsed) doc.sentStarts.set(sentStarts);
  if (docAnnot.entities !== undefined && docAnnot.entities !== null) setEntities(doc, docAnnot.entities, options);
  if (docAnnot.spans !== undefined && docAnnot.spans !== null) setSpans(doc, docAnnot.spans);
  if (docAnnot.cats !== undefined && docAnnot.cats !== null) doc.cats = readCats(docAnnot.cats);
  return doc;
}

/**
 * Heads and labels as spaCy reads them: a token without a label has no head (heads given without
 * deps are ignored), an unknown head is the token itself. Returns whether any label was set.
 */
function setParse(doc: Doc, tokens: Map<TokenAttr, Column>): boolean {
  const n = doc.length;
  const heads = column(tokens, "HEAD", n, `a token index from 0 to ${n - 1}, or null`, (v) =>
    v === null || (Number.isInteger(v) && (v as number) >= 0 && (v as number) < n) ? (v as number | null) : undefined,
  );
  const deps = column(tokens, "DEP", n, "a string or null", asStringOrNull);
  if (!deps) return false;
  if (!heads) {
    // Every labelled token is then a root of its own; spaCy sets no sentence starts from that.
    deps.forEach((dep, i) => {
      doc.deps[i] = dep;
    });
    return false;
  }
  doc.setParse(
    deps.map((dep, i) => (dep === "" ? i : (heads[i] ?? i))),
    deps,
  );
  return deps.some((dep) => dep !== "");
}

function setEntities(doc: Doc, entities: unknown, options: FromDictOptions): void {
  if (!Array.isArray(entities)) {
    throw dictError(`'entities' must be a list of [start, end, label] offsets or of one tag per token, not ${JSON.stringify(entities)?.slice(0, 60)}.`);
  }
  if (entities.length === 0) {
    doc.ents = [];
    return;
  }
  const first: unknown = entities[0];
  if (!Array.isArray(first) && typeof first !== "string" && first !== null) {
    throw dictError(`'entities' must be a list of [start, end, label] offsets or of one tag per token; its first item is ${JSON.stringify(first)}.`);
  }
  const tags = Array.isArray(first) ? offsetsToTags(doc, entities, options) : readTags(doc, entities);
  const spans = biluoTagsToSpans(doc, tags);
  doc.setEnts(
    spans.filter((span) => span.label !== ""),
    { missing: spans.filter((span) => span.label === "") },
  );
}

function readTags(doc: Doc, entities: unknown[]): EntityTag[] {
  if (entities.length !== doc.length) {
    throw new TsnlpError("E_EXAMPLE_LENGTH", `'entities' has ${entities.length} tags for ${doc.length} words.`, {
      hint: "Give one BILUO or IOB tag per word.",
    });
  }
  const tags = entities.map((tag, i) => {
    if (tag === null || tag === "" || tag === "-" || tag === "O" || (typeof tag === "string" && /^[BILU]-./.test(tag))) return tag as EntityTag;
    throw dictError(
      `Entity tag ${i} is ${JSON.stringify(tag)}; it must be a BILUO or IOB tag such as "B-ORG", "I-ORG", "L-ORG", "U-LOC", "O", or "-" for unknown.`,
    );
  });
  return looksLikeIob(tags) ? iobRunsToBiluo(tags) : tags;
}

/** IOB tags have B- and I- but never L- or U-; as BILUO they would leave every entity unclosed. */
function looksLikeIob(tags: readonly EntityTag[]): boolean {
  return tags.some((tag) => tag?.startsWith("B-") || tag?.startsWith("I-")) && !tags.some((tag) => tag?.startsWith("L-") || tag?.startsWith("U-"));
}

/** Convert the runs between unknown tags; iobToBiluo does not take unknown tags. */
function iobRunsToBiluo(tags: readonly EntityTag[]): EntityTag[] {
  const out: EntityTag[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...iobToBiluo(run));
    run = [];
  };
  for (const tag of tags) {
    if (tag === null || tag === "" || tag === "-") {
      flush();
      out.push(tag);
    } else run.push(tag);
  }
  flush();
  return out;
}

function offsetsToTags(doc: Doc, entities: unknown[], options: FromDictOptions): string[] {
  const offsets = offsetMap(doc.text);
  const textLength = offsets.toCodePoint(doc.text.length);
  const converted = entities.map((entity, k): EntityOffsets => {
    const valid =
      Array.isArray(entity) &&
      entity.length === 3 &&
      Number.isInteger(entity[0]) &&
      Number.isInteger(entity[1]) &&
      typeof entity[2] === "string" &&
      entity[0] >= 0 &&
      entity[0] < entity[1] &&
      entity[1] <= textLength;
    if (!valid) {
      throw dictError(
        `Entity ${k} is ${JSON.stringify(entity)}; it must be [start, end, label] with 0 <= start < end <= ${textLength}, the length of the text in characters.`,
        "Entity offsets count characters (code points, as Python does) from the start of the text; the end is exclusive.",
      );
    }
    return [offsets.toUtf16(entity[0]), offsets.toUtf16(entity[1]), entity[2]];
  });
  const { tokenAt, tokenEnding } = tokenBoundaries(doc);
  const misaligned = converted.filter(([start, end, label]) => label !== "" && (!tokenAt.has(start) || !tokenEnding.has(end)));
  if (misaligned.length > 0) {
    const list = misaligned.map(
      ([start, end, label]) => `[${offsets.toCodePoint(start)}, ${offsets.toCodePoint(end)}) '${doc.text.slice(start, end)}' (${label})`,
    );
    const where = `The entities ${list.join(", ")} do not start and end on token boundaries of "${doc.text.length > 60 ? `${doc.text.slice(0, 60)}...` : doc.text}"`;
    if (options.misalignedEntities === "error") {
      throw new TsnlpError("E_MISALIGNED_ENTITY", `${where}.`, {
        hint: "Fix the offsets, or give the reference 'words' so that each entity covers whole tokens.",
      });
    }
    const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, { code: "TSNLP_MISALIGNED_ENTITY" }));
    warn(`${where}; their tokens are marked unknown ("-") and ignored in training.`);
  }
  return offsetsToBiluoTags(doc, converted);
}

function setSpans(doc: Doc, spans: unknown): void {
  const shape = "Spans are an object of lists by key: { key: [[start, end, label, kbId?], ...] }, with character offsets.";
  if (!isRecord(spans)) throw dictError(`'spans' must be an object of span lists by key, not ${JSON.stringify(spans)?.slice(0, 60)}.`, shape);
  const offsets = offsetMap(doc.text);
  const { tokenAt, tokenEnding } = tokenBoundaries(doc);
  for (const [key, list] of Object.entries(spans)) {
    if (!Array.isArray(list)) throw dictError(`The spans of '${key}' must be a list of [start, end, label] entries.`, shape);
    const group: Span[] = list.map((entry, k) => {
      const optionalString = (value: unknown) => value === undefined || typeof value === "string";
      if (
        !Array.isArray(entry) ||
        entry.length < 2 ||
        !Number.isInteger(entry[0]) ||
        !Number.isInteger(entry[1]) ||
        !optionalString(entry[2]) ||
        !optionalString(entry[3])
      ) {
        throw dictError(`Span ${k} of '${key}' is ${JSON.stringify(entry)}; it must be [start, end, label, kbId?] with integer offsets.`, shape);
      }
      const [start, end, label = "", kbId = ""] = entry as SpanTuple;
      const first = tokenAt.get(offsets.toUtf16(start));
      const last = tokenEnding.get(offsets.toUtf16(end));
      if (first === undefined || last === undefined || last < first) {
        throw new TsnlpError("E_MISALIGNED_SPAN", `Span ${k} of '${key}', [${start}, ${end}) '${label}', does not start and end on token boundaries.`, {
          hint: "Span offsets count characters (code points) and must cover whole tokens.",
        });
      }
      return doc.span(first, last + 1, { label, kbId });
    });
    doc.spans.set(key, group);
  }
}

function readCats(cats: unknown): Record<string, number> {
  if (!isRecord(cats)) throw dictError(`'cats' must be an object of scores by label, not ${JSON.stringify(cats)?.slice(0, 60)}.`);
  const out: Record<string, number> = {};
  for (const [label, score] of Object.entries(cats)) {
    if (typeof score === "boolean") out[label] = score ? 1 : 0;
    else if (typeof score === "number" && Number.isFinite(score)) out[label] = score;
    else throw dictError(`The score of category '${label}' is ${JSON.stringify(score)}; it must be a number (usually 0 or 1).`);
  }
  return out;
}

/** The reference's annotation in spaCy's Example.to_dict layout, readable by annotationsToDoc. */
export function referenceToDict(reference: Doc): ExampleDictOutput {
  const offsets = offsetMap(reference.text);
  const cp = offsets.toCodePoint;
  const spans: ExampleDictOutput["doc_annotation"]["spans"] = {};
  for (const [key, group] of reference.spans) spans[key] = group.spans.map((span) => [cp(span.startChar), cp(span.endChar), span.label, span.kbId]);
  return {
    doc_annotation: { cats: { ...reference.cats }, entities: docToBiluoTags(reference, { missing: "-" }), spans },
    token_annotation: {
      ORTH: reference.words,
      SPACY: [...reference.spaces],
      TAG: [...reference.tags],
      LEMMA: [...reference.lemmas],
      POS: [...reference.pos],
      MORPH: [...reference.morphs],
      HEAD: Array.from(reference.heads),
      DEP: [...reference.deps],
      SENT_START: Array.from(reference.sentStarts),
    },
  };
}
