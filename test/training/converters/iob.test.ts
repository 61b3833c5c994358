import assert from "node:assert/strict";
import { convertText } from "../../../src/training/convert.js";
import { conversionError, convertFixture, ents } from "./helpers.js";

describe("iob converter", () => {
  it("reads word|entity lines, IOB1, IOB2 and BILUO alike, one sentence per line", () => {
    const docs = convertFixture("sample.iob", { converter: "iob", nSents: 0 });
    assert.equal(docs.length, 1);
    const doc = docs[0]!;
    assert.deepEqual(ents(doc), ["London/GPE", "New York City/GPE", "Ada Lovelace/PER", "Paris/GPE"]);
    assert.deepEqual(
      doc.sents.map((sent) => sent.start),
      [0, 8, 13],
    );
    assert.equal(doc.hasUnknownSpaces, true);
    assert.equal(doc.hasAnnotation("TAG"), false, "no tag field, no tags (spaCy would write '-')");
  });

  it("groups --n-sents sentences per doc, blank lines not counting", () => {
    const docs = convertFixture("sample.iob", { converter: "iob", nSents: 2 });
    assert.deepEqual(
      docs.map((doc) => doc.length),
      [13, 4],
    );
  });

  it("reads the tag from word|tag|entity", () => {
    const [doc] = convertFixture("tagged.iob", { converter: "iob" });
    assert.deepEqual(doc!.tags, ["PRP", "VBP", "NNP", "."]);
    assert.deepEqual(ents(doc!), ["London/GPE"]);
  });

  it("does not run an entity on into the next sentence", () => {
    const [doc] = convertText("a|O Bob|B-PER\nSmith|I-PER went|O\n", { converter: "iob", nSents: 0 });
    assert.deepEqual(ents(doc!), ["Bob/PER", "Smith/PER"]);
  });

  it("refuses a tag that is not an entity tag, naming the line", () => {
    const error = conversionError("bad_tag.iob", { converter: "iob" }, 2);
    assert.match(error.message, /'X-PER' \(token 'Lovelace\|X-PER'\) is not an entity tag/);
  });

  it("refuses tokens with different numbers of fields", () => {
    assert.throws(
      () => convertText("ok|O\nI|PRP|O like|O\n", { converter: "iob", file: "x.iob" }),
      (error: Error & { line?: number }) => error.line === 2 && /'like\|O' has 2 fields where the line's first token has 3/.test(error.message),
    );
  });
});
