import assert from "node:assert/strict";
import { convertText } from "../../../src/training/convert.js";
import { conversionError, convertFixture, ents } from "./helpers.js";

describe("jsonl converter", () => {
  it("tokenizes each text and sets categories, entities and span groups", () => {
    const docs = convertFixture("sample.jsonl", { converter: "jsonl" });
    assert.equal(docs.length, 3, "the blank line is skipped");
    const [first, emoji, spans] = docs;
    assert.equal(first!.text, "I like London and New York.");
    assert.deepEqual(ents(first!), ["London/GPE", "New York/GPE"]);
    assert.equal(first!.token(0).entIob, "O");
    assert.deepEqual(first!.cats, { TRAVEL: 1, FOOD: 0 });
    assert.deepEqual(spans!.cats, { TRAVEL: 0, FOOD: 1 });
    assert.deepEqual(
      spans!.spans.get("sc")!.spans.map((span) => `${span.text}/${span.label}`),
      ["Spans/A", "Spans may/B"],
    );
    assert.equal(spans!.hasAnnotation("ENT_IOB"), false, "no entities field, no entity annotation");
    assert.ok(emoji);
  });

  it("counts offsets in code points, as Python does", () => {
    const [, emoji] = convertFixture("sample.jsonl", { converter: "jsonl" });
    assert.deepEqual(ents(emoji!), ["Paris/GPE"]);
  });

  it("puts a spans list under --spans-key, and takes {key: list} as it is", () => {
    const [doc] = convertText('{"text": "a b c", "spans": [[0, 1, "X"]]}\n', { converter: "jsonl", spansKey: "mine" });
    assert.equal(doc!.spans.get("mine")!.length, 1);
    const [keyed] = convertText('{"text": "a b c", "spans": {"k1": [[2, 5, "Y"]]}}\n', { converter: "jsonl" });
    assert.equal(keyed!.spans.get("k1")!.spans[0]!.text, "b c");
  });

  it("refuses an entity off token boundaries, naming the line and the tokens", () => {
    const error = conversionError("misaligned.jsonl", { converter: "jsonl" }, 2);
    assert.match(error.message, /The entity \[7, 10\) 'GPE' does not start and end on token boundaries: "Lon" cuts through the tokens "London"/);
    assert.match(error.hint ?? "", /--misaligned/);
  });

  it("--misaligned expand, contract or skip", () => {
    const expanded = convertFixture("misaligned.jsonl", { converter: "jsonl", misaligned: "expand" });
    assert.deepEqual(expanded.map(ents), [["London/GPE"], ["London/GPE"]]);
    const warnings: string[] = [];
    const skipped = convertFixture("misaligned.jsonl", { converter: "jsonl", misaligned: "skip", log: (_, message) => warnings.push(message) });
    assert.deepEqual(skipped.map(ents), [["London/GPE"], []]);
    assert.match(warnings.join("\n"), /1 entity or span was off token boundaries and left out/);
    const contracted = convertFixture("misaligned.jsonl", { converter: "jsonl", misaligned: "contract" });
    assert.deepEqual(contracted.map(ents), [["London/GPE"], []]);
  });

  it("refuses an entity outside its text, even with --misaligned skip", () => {
    const error = conversionError("outside.jsonl", { converter: "jsonl", misaligned: "skip" }, 1);
    assert.match(error.message, /\[7, 30\) 'GPE' lies outside the text, which has 13 characters/);
  });

  it("refuses a line that is not JSON", () => {
    const error = conversionError("not_json.jsonl", { converter: "jsonl" }, 2);
    assert.match(error.message, /This line is not valid JSON/);
  });

  it("refuses overlapping entities, missing text and bad categories, each with its line", () => {
    const cases: Array<[string, RegExp]> = [
      ['{"text": "New York", "entities": [[0, 8, "GPE"], [4, 8, "GPE"]]}', /overlap/],
      ['{"txt": "New York"}', /no "text" field/],
      ['{"text": "a", "cats": {"A": "yes"}}', /score of category 'A' is "yes", not a number/],
      ['{"text": "a", "entities": [[0, 1]]}', /is not \[start, end, label\]/],
    ];
    for (const [line, message] of cases) {
      assert.throws(
        () => convertText(`{"text": "fine"}\n${line}\n`, { converter: "jsonl", file: "in.jsonl" }),
        (error: Error & { line?: number; file?: string }) => error.line === 2 && error.file === "in.jsonl" && message.test(error.message),
        line,
      );
    }
  });

  it("renames and drops entity labels with the NER map", () => {
    const [doc] = convertText('{"text": "Bob met Ann", "entities": [[0, 3, "PER"], [8, 11, "X"]]}', { converter: "jsonl", nerMap: { PER: "PERSON", X: "" } });
    assert.deepEqual(ents(doc!), ["Bob/PERSON"]);
  });

  it("tokenizes with the language given", () => {
    const [xx] = convertText('{"text": "I don\'t know"}', { converter: "jsonl" });
    const [en] = convertText('{"text": "I don\'t know"}', { converter: "jsonl", lang: "en" });
    assert.deepEqual(xx!.words, ["I", "don't", "know"]);
    assert.deepEqual(en!.words, ["I", "do", "n't", "know"]);
  });
});
