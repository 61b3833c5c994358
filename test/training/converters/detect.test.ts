import assert from "node:assert/strict";
import { detectConverter } from "../../../src/training/converters/index.js";

describe("converter detection", () => {
  const conllu = "# text = Hi\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n";
  const ner = "I O\nlike O\nLondon B-GPE\n";
  const iob = "I|O like|O London|B-GPE\n";

  it("goes by extension where it is clear", () => {
    assert.equal(detectConverter("conllu", "")?.converter, "conllu");
    assert.equal(detectConverter("jsonl", "")?.converter, "jsonl");
    assert.equal(detectConverter("csv", "")?.converter, "table");
  });

  it("looks at the content of .conll, .tsv, .iob and extension-less input", () => {
    assert.equal(detectConverter("conll", conllu)?.converter, "conllu");
    assert.equal(detectConverter("conll", ner)?.converter, "ner");
    assert.equal(detectConverter("tsv", "I\tO\nlike\tB-X\n")?.converter, "ner");
    assert.equal(detectConverter("tsv", "Hello there\t27\tabc\n")?.converter, "table");
    assert.equal(detectConverter("iob", ner)?.converter, "ner");
    assert.equal(detectConverter("", iob)?.converter, "iob");
    assert.equal(detectConverter("", conllu)?.converter, "conllu");
    assert.equal(detectConverter("", '{"text": "hi"}\n')?.converter, "jsonl");
  });

  it("says when it cannot tell", () => {
    assert.equal(detectConverter("md", "# Title\nSome prose.\n"), null);
    assert.equal(detectConverter("", "just words\n"), null);
  });
});
