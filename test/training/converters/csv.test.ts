import assert from "node:assert/strict";
import { readDelimited, UnclosedQuoteError } from "../../../src/training/converters/csv.js";

describe("delimited table reader", () => {
  it("reads plain, quoted, doubled-quote and multi-line fields, with each record's first line", () => {
    const records = readDelimited('a,b\n"x, y","say ""hi"""\n"two\nlines",z\n\nlast,\n', ",");
    assert.deepEqual(records, [
      { fields: ["a", "b"], line: 1 },
      { fields: ["x, y", 'say "hi"'], line: 2 },
      { fields: ["two\nlines", "z"], line: 3 },
      { fields: ["last", ""], line: 6 },
    ]);
  });

  it("handles \\r\\n and a missing final line break", () => {
    assert.deepEqual(readDelimited("a\tb\r\nc\td", "\t"), [
      { fields: ["a", "b"], line: 1 },
      { fields: ["c", "d"], line: 2 },
    ]);
  });

  it("keeps quotes inside unquoted fields and text after a closing quote, as Python's csv does", () => {
    assert.deepEqual(readDelimited('5" tall,"ab"c\n', ",")[0]!.fields, ['5" tall', "abc"]);
  });

  it("reports a quote that is never closed with the line it opens on", () => {
    assert.throws(
      () => readDelimited('ok,1\n"open,2\nmore,3\n', ","),
      (error) => error instanceof UnclosedQuoteError && error.line === 2,
    );
  });
});
