import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { convertText } from "../../../src/training/convert.js";
import { readLabelList } from "../../../src/training/converters/index.js";
import { needShared, SHARED } from "../../helpers/shared.js";
import { conversionError, convertFixture, fixture } from "./helpers.js";

describe("table converter", () => {
  it("converts BANKING77 rows to one-hot categories over every label of the list", () => {
    const labels = readLabelList(fixture("banking77_categories.json"));
    assert.equal(labels.length, 77);
    const docs = convertFixture("banking77_train_head.csv", { converter: "table", table: { labels } });
    assert.equal(docs.length, 16);
    const doc = docs[4]!;
    assert.equal(doc.text, "How do I know if I will get my card, or if it is lost?");
    assert.equal(Object.keys(doc.cats).length, 77);
    assert.equal(doc.cats.card_arrival, 1);
    assert.equal(
      Object.values(doc.cats).reduce((a, b) => a + b, 0),
      1,
    );
    assert.equal(docs[15]!.cats.country_support, 1);
  });

  it("without a label list, uses the labels the file has (the other of two columns by default)", () => {
    const docs = convertFixture("two_columns.csv", { converter: "table" });
    assert.deepEqual(docs[0]!.cats, { card_arrival: 1, lost_or_stolen_card: 0 });
  });

  it("converts GoEmotions: no header, multi-label ids mapped through labels.txt, quoted TSV fields", () => {
    const labels = readLabelList(fixture("goemotions_labels.txt"));
    assert.equal(labels.length, 28);
    const docs = convertFixture("goemotions_train_head.tsv", { converter: "table", table: { header: false, multiLabel: true, labels } });
    assert.equal(docs.length, 9);
    assert.equal(Object.keys(docs[0]!.cats).length, 28);
    assert.equal(docs[0]!.cats.neutral, 1);
    assert.equal(docs[6]!.text, 'Three words, no subtlety. "Dude. Stop. Seriously." ');
    const positive = (i: number) =>
      Object.entries(docs[i]!.cats)
        .filter(([, value]) => value === 1)
        .map(([label]) => label);
    assert.deepEqual(positive(7), ["anger", "annoyance"]);
    assert.deepEqual(positive(8), ["confusion", "disappointment", "neutral"]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks, and reports rows by their first line", () => {
    const docs = convertFixture("multiline.csv", { converter: "table", table: { labelColumn: "label" } });
    assert.equal(docs.length, 3);
    assert.equal(docs[0]!.text, 'Line one,\nline two with "quotes"');
    assert.deepEqual(docs[1]!.cats, { neg: 1, pos: 0 });
    assert.equal(docs[2]!.length, 0);
  });

  it("a missing label column names the column and lists the header", () => {
    const error = conversionError("no_label_column.csv", { converter: "table", table: { textColumn: "sentence", labelColumn: "label" } }, 1);
    assert.match(error.message, /There is no label column 'label'\. The header has: 1 'sentence', 2 'intent', 3 'source'\./);
    const unnamed = conversionError("no_label_column.csv", { converter: "table" }, 1);
    assert.match(unnamed.message, /There is no text column 'text'/);
    const which = conversionError("no_label_column.csv", { converter: "table", table: { textColumn: "sentence" } }, 1);
    assert.match(which.message, /Which column holds the labels\? The header has: 1 'sentence', 2 'intent', 3 'source'/);
  });

  it("an unknown label, a short row and an unclosed quote, each with its line", () => {
    const labels = ["a", "b"];
    const cases: Array<[string, number, RegExp]> = [
      ["text,label\nfine,a\nodd,c\n", 3, /'c' is not one of the 2 labels/],
      ["text,label\nfine,a\nshort\n", 3, /This row has 1 column; the text is in column 1 and the labels in column 2/],
      ['text,label\nfine,a\n"open,b\nmore,a\n', 3, /A quoted field that starts on line 3 is never closed/],
      ["text,label\nfine,a\nempty,\n", 3, /This row has no label/],
    ];
    for (const [text, line, message] of cases) {
      assert.throws(
        () => convertText(text, { converter: "table", extension: "csv", file: "t.csv", table: { labels } }),
        (error: Error & { line?: number }) => error.line === line && message.test(error.message),
        text,
      );
    }
  });

  it("suggests --multilabel when an exclusive cell holds several labels", () => {
    assert.throws(
      () => convertText("x\t2,3\n", { converter: "table", extension: "tsv", table: { header: false, labels: ["a", "b", "c", "d"] } }),
      (error: Error & { hint?: string }) => /--multilabel/.test(error.hint ?? ""),
    );
  });

  it("converts all of BANKING77 train.csv (10,003 texts, 77 labels)", function () {
    needShared(this, "BANKING77");
    this.timeout(60000);
    const dir = join(SHARED, "data/textcat_banking77");
    const docs = convertText(readFileSync(join(dir, "train.csv"), "utf8"), {
      converter: "table",
      extension: "csv",
      table: { labels: readLabelList(join(dir, "categories.json")) },
    });
    assert.equal(docs.length, 10003);
    assert.ok(docs.every((doc) => Object.keys(doc.cats).length === 77 && Object.values(doc.cats).filter((value) => value === 1).length === 1));
  });

  it("converts all of GoEmotions train.tsv (43,410 texts, 28 labels, about 16% with several)", function () {
    needShared(this, "GoEmotions");
    this.timeout(120000);
    const dir = join(SHARED, "data/textcat_goemotions/original");
    const docs = convertText(readFileSync(join(dir, "train.tsv"), "utf8"), {
      converter: "table",
      extension: "tsv",
      table: { header: false, multiLabel: true, labels: readLabelList(join(dir, "labels.txt")) },
    });
    assert.equal(docs.length, 43410);
    const several = docs.filter((doc) => Object.values(doc.cats).filter((value) => value === 1).length >= 2).length / docs.length;
    assert.ok(several > 0.14 && several < 0.18, `share with 2+ labels: ${several}`);
    assert.ok(docs.every((doc) => Object.keys(doc.cats).length === 28));
  });
});
