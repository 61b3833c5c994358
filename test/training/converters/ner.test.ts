import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { convertText } from "../../../src/training/convert.js";
import { needShared, SHARED } from "../../helpers/shared.js";
import { conversionError, convertFixture, ents } from "./helpers.js";

function collect(): { messages: string[]; log: (level: string, message: string) => void } {
  const messages: string[] = [];
  return { messages, log: (level, message) => messages.push(`${level}: ${message}`) };
}

describe("ner converter", () => {
  it("splits documents at every -DOCSTART- line (CoNLL-2003's four columns too) and takes the tag from column 2", () => {
    const { messages, log } = collect();
    const docs = convertFixture("conll2003.conll", { converter: "ner", nSents: 10, log });
    assert.equal(docs.length, 2);
    assert.deepEqual(docs[0]!.words, ["EU", "rejects", "German", "call", ".", "Peter", "Blackburn"]);
    assert.deepEqual(docs[0]!.tags, ["NNP", "VBZ", "JJ", "NN", ".", "NNP", "NNP"]);
    assert.deepEqual(ents(docs[0]!), ["EU/ORG", "German/MISC", "Peter Blackburn/PER"]);
    assert.deepEqual(
      docs[0]!.sents.map((sent) => sent.text),
      ["EU rejects German call .", "Peter Blackburn"],
    );
    assert.deepEqual(ents(docs[1]!), ["BRUSSELS/LOC"]);
    assert.ok(messages.some((message) => /Document delimiters found, automatic document segmentation with `--n-sents` disabled/.test(message)));
  });

  it("reads WNUT-17 (token<TAB>tag, tab-only lines between sentences) and groups --n-sents sentences", () => {
    const docs = convertFixture("wnut17_train_head.conll", { converter: "ner", nSents: 2 });
    assert.equal(docs.length, 2);
    assert.equal(docs[0]!.sents.length, 2);
    assert.deepEqual(docs.flatMap(ents), ["Empire State Building/location", "ESB/location", "AHFA/group", "Pxleyes/corporation"]);
    assert.equal(docs[0]!.hasAnnotation("TAG"), false);
  });

  it("--seg-sents splits a file without blank lines at sentence-final punctuation", () => {
    const { messages, log } = collect();
    const docs = convertFixture("unsegmented.tsv", { converter: "ner", nSents: 0, segSents: true, log });
    assert.equal(docs.length, 1);
    assert.deepEqual(
      docs[0]!.sents.map((sent) => sent.text),
      ["I love New York .", 'It rocks ! "', "Yes"],
    );
    assert.deepEqual(ents(docs[0]!), ["New York/LOC"]);
    assert.ok(messages.some((message) => /No document delimiters found/.test(message)));
  });

  it("without --seg-sents, a file without blank lines is one sentence, with spaCy's warning", () => {
    const { messages, log } = collect();
    const docs = convertFixture("unsegmented.tsv", { converter: "ner", nSents: 10, log });
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.sents.length, 1);
    assert.ok(messages.some((message) => /No sentence boundaries found to use with option `--n-sents 10`/.test(message)));
  });

  it("renames entity labels with the NER map", () => {
    const docs = convertText("Bob B-PER\nsmiles O\n", { converter: "ner", nerMap: { PER: "PERSON" } });
    assert.deepEqual(ents(docs[0]!), ["Bob/PERSON"]);
  });

  it("refuses a tag that is not an entity tag, naming the line", () => {
    const error = conversionError("bad_tag.conll", { converter: "ner" }, 6);
    assert.match(error.message, /'X-FOO' \(last column\) is not an entity tag/);
  });

  it("refuses a line with another number of columns than the first", () => {
    const error = conversionError("ragged.conll", { converter: "ner" }, 3);
    assert.match(error.message, /This line has 3 columns; the first line of the file has 2/);
  });

  it("converts all of WNUT-17 train: 3,394 sentences and 1,975 entities", function () {
    needShared(this, "WNUT-17");
    const text = readFileSync(join(SHARED, "data/ner_wnut17/wnut17train.conll"), "utf8");
    const docs = convertText(text, { converter: "ner", nSents: 10 });
    assert.equal(
      docs.reduce((sum, doc) => sum + doc.sents.length, 0),
      3394,
    );
    assert.equal(
      docs.reduce((sum, doc) => sum + doc.ents.length, 0),
      1975,
    );
    assert.equal(docs.length, 340);
  });
});
