/**
 * rel_corpus.v1: examples for the relation extractor from a JSONL file, one object per line:
 *
 *   {"text": "Ana works for Acme.", "entities": [[0, 3, "PERSON"], [14, 18, "ORG"]], "relations": [[0, 1, "works_for"]]}
 *
 * `entities` are [start_char, end_char, label]; `relations` are [head, child, label], indices
 * into `entities`. The reference doc carries the entities and `userData.rel` (1 for each gold
 * relation); the predicted doc carries the entities too, since the relation extractor takes
 * them as its input (the tutorial's Gold_ents_Corpus.v1 does the same).
 */
import { existsSync, readFileSync } from "node:fs";
import { type Doc, Example, type Reader, type ReaderNlp, type Span, TsnlpError } from "tsnlp";
import { type Relations, relationKey } from "./instances.js";

interface RelationRecord {
  text: string;
  entities: Array<[number, number, string]>;
  relations: Array<[number, number, string]>;
}

const FORMAT_HINT = 'Each line is {"text": "...", "entities": [[start_char, end_char, "LABEL"], ...], "relations": [[head_index, child_index, "LABEL"], ...]}.';

export function relationCorpus(path: string): Reader {
  if (!existsSync(path)) {
    throw new TsnlpError("E_REL_CORPUS_NOT_FOUND", `The relation corpus does not exist: ${path}`, {
      file: path,
      hint: "Point [corpora] path (or --paths.train / --paths.dev) at a .jsonl file of texts, entities and relations.",
    });
  }
  return (nlp) => readExamples(path, nlp);
}

async function* readExamples(path: string, nlp: ReaderNlp): AsyncGenerator<Example> {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const fault = (message: string, hint = FORMAT_HINT) =>
      new TsnlpError("E_REL_CORPUS_LINE", `Line ${i + 1} of ${path}: ${message}`, { file: path, line: i + 1, hint });
    const record = parseRecord(line, fault);
    const predicted = nlp.makeDoc(record.text);
    const reference = nlp.makeDoc(record.text);
    setEntities(predicted, record, fault);
    reference.userData.rel = goldRelations(setEntities(reference, record, fault), record, fault);
    yield new Example(predicted, reference);
  }
}

type Fault = (message: string, hint?: string) => TsnlpError;

function parseRecord(line: string, fault: Fault): RelationRecord {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw fault(`not valid JSON (${(error as Error).message}).`);
  }
  const { text, entities, relations } = (record ?? {}) as Partial<Record<keyof RelationRecord, unknown>>;
  if (typeof text !== "string") throw fault('no "text" string.');
  const isTriple = (item: unknown) =>
    Array.isArray(item) && item.length === 3 && Number.isInteger(item[0]) && Number.isInteger(item[1]) && typeof item[2] === "string" && item[2] !== "";
  if (!Array.isArray(entities) || !entities.every(isTriple)) throw fault('"entities" must be a list of [start_char, end_char, "LABEL"].');
  const rels = relations ?? [];
  if (!Array.isArray(rels) || !rels.every(isTriple)) throw fault('"relations" must be a list of [head_index, child_index, "LABEL"].');
  return { text, entities, relations: rels } as RelationRecord;
}

/** Put the record's entities on the doc; returns them in the record's order. */
function setEntities(doc: Doc, record: RelationRecord, fault: Fault): Span[] {
  const spans = record.entities.map(([start, end, label]) => {
    const span = doc.charSpan(start, end, { label });
    if (span === null) {
      throw fault(
        `the entity [${start}, ${end}, "${label}"] ("${record.text.slice(start, end)}") does not start and end on token boundaries.`,
        "Fix the character offsets, or check how the tokenizer splits the text (tsnlp's tokenizer is spaCy's).",
      );
    }
    return span;
  });
  try {
    doc.ents = spans;
  } catch (error) {
    if (error instanceof TsnlpError) throw fault(error.message, error.hint);
    throw error;
  }
  return spans;
}

function goldRelations(entities: readonly Span[], record: RelationRecord, fault: Fault): Relations {
  const relations: Relations = {};
  for (const [head, child, label] of record.relations) {
    const from = entities[head];
    const to = entities[child];
    if (!from || !to || head === child) {
      throw fault(`the relation [${head}, ${child}, "${label}"] needs two different entity indices between 0 and ${entities.length - 1}.`);
    }
    const key = relationKey(from, to);
    relations[key] = { ...relations[key], [label]: 1 };
  }
  return relations;
}
