import assert from "node:assert/strict";
import { docsToJson } from "../../../src/training/converters/index.js";
import { convertFixture } from "./helpers.js";

describe("docsToJson (spaCy's v2 JSON training format)", () => {
  it("writes a CoNLL-U doc with raw text, relative heads and every annotation it has", () => {
    const docs = convertFixture("sample.conllu", { converter: "conllu", nSents: 2 });
    const json = docsToJson(docs);
    assert.equal(json.id, 0);
    assert.equal(json.paragraphs.length, 2);
    const para = json.paragraphs[0]!;
    assert.equal(para.raw, "I didn't go. Rain fell");
    assert.equal(para.sentences.length, 2);
    assert.deepEqual(para.sentences[0]!.tokens[1], {
      id: 1,
      orth: "did",
      space: "",
      tag: "VBD",
      pos: "AUX",
      morph: "Mood=Ind|Number=Sing|Person=1|Tense=Past|VerbForm=Fin",
      lemma: "do",
      head: 2,
      dep: "aux",
    });
    assert.equal(para.sentences[1]!.tokens[0]!.id, 5, "ids count through the doc");
    assert.deepEqual(para.entities, []);
    assert.deepEqual(para.cats, []);
  });

  it("writes entities as code point offsets and BILUO tags, raw null where spaces are unknown", () => {
    const [iob] = convertFixture("sample.iob", { converter: "iob", nSents: 0 });
    const para = docsToJson([iob!]).paragraphs[0]!;
    assert.equal(para.raw, null);
    assert.deepEqual(
      para.sentences[0]!.tokens.map((token) => token.ner),
      ["O", "O", "U-GPE", "O", "B-GPE", "I-GPE", "L-GPE", "O"],
    );
    const [, emoji] = convertFixture("sample.jsonl", { converter: "jsonl" });
    const jsonl = docsToJson([emoji!]).paragraphs[0]!;
    assert.deepEqual(jsonl.entities, [[13, 18, "GPE"]]);
    assert.equal(jsonl.sentences.length, 1, "a doc without sentence boundaries is one sentence");
  });

  it("lists categories as label/value pairs", () => {
    const [doc] = convertFixture("sample.jsonl", { converter: "jsonl" });
    assert.deepEqual(docsToJson([doc!]).paragraphs[0]!.cats, [
      { label: "TRAVEL", value: 1 },
      { label: "FOOD", value: 0 },
    ]);
  });
});
