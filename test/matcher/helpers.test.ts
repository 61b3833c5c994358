import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compilePythonRegex, levenshtein, levenshteinCompare } from "../../src/matcher/index.js";
import { parseJsonl, readJsonlFile, srslyJson, srslyJsonl } from "../../src/matcher/json-files.js";
import type { TsnlpError } from "../../src/util/errors.js";

describe("matcher helpers", () => {
  it("levenshtein counts code points, and the default limit rounds halves to even as Python does", () => {
    // Values from spaCy's levenshtein and levenshtein_compare.
    assert.equal(levenshtein("kitten", "sitting"), 3);
    assert.equal(levenshtein("", "abc"), 3);
    assert.equal(levenshtein("naïve", "naive"), 1);
    assert.equal(levenshtein("😀a", "a"), 1);
    assert.equal(levenshteinCompare("Gogle", "Google", -1), true);
    assert.equal(levenshteinCompare("abcde", "abxyz", -1), false);
    assert.equal(levenshteinCompare("abcdefgxyz", "abcdefghij", -1), true);
    // 15 * 0.3 = 4.5 rounds to 4: five edits are too many.
    assert.equal(levenshteinCompare("abcdefghijVWXYZ", "abcdefghijklmno", -1), false);
    assert.equal(levenshteinCompare("abcdefghijkwxyz", "abcdefghijklmno", -1), true);
    assert.equal(levenshteinCompare("abcdefghijklmnopqSTUVWXYZ", "abcdefghijklmnopqrstuvwxy", -1), true);
    assert.equal(levenshteinCompare("ab", "xy", 1), false);
    assert.equal(levenshteinCompare("ab", "xb", 1), true);
  });

  it("translates Python regex syntax: inline flags, named groups, \\A and \\Z", () => {
    assert.ok(compilePythonRegex("(?i)^hello").test("HELLO there"));
    assert.ok(!compilePythonRegex("^hello").test("HELLO"));
    assert.ok(compilePythonRegex("(?P<word>ab)(?P=word)").test("xabab"));
    assert.ok(compilePythonRegex("\\Aab\\Z").test("ab"));
    assert.ok(!compilePythonRegex("\\Aab\\Z").test("ab\n"));
    assert.ok(compilePythonRegex("^\\-\\d+$").test("-12"), "escapes Python allows outside classes still compile");
    assert.ok(compilePythonRegex("^\\p{Lu}").test("Élan"), "Unicode property classes work");
    // Python's \w and \d cover every script unless (?a) asks for ASCII; "]" first in a class is a literal.
    assert.ok(compilePythonRegex("^\\w+$").test("café"));
    assert.ok(compilePythonRegex("^\\w+$").test("日本2"));
    assert.ok(compilePythonRegex("^[\\w-]+$").test("naïve-ish"));
    assert.ok(!compilePythonRegex("(?a)^\\w+$").test("café"));
    assert.ok(compilePythonRegex("^\\d$").test("٣"));
    assert.ok(!compilePythonRegex("^\\W$").test("é"));
    assert.ok(compilePythonRegex("^[]a]+$").test("]a]"));
    assert.ok(compilePythonRegex("^[^]a]+$").test("bc"));
    assert.throws(() => compilePythonRegex("(?x) a b"), /verbose/);
    assert.throws(() => compilePythonRegex("(a"), SyntaxError);
  });

  it("writes JSON and JSONL byte for byte as srsly does", () => {
    // srsly.json_dumps(...) and srsly.json_dumps(..., indent=2) give these strings.
    assert.equal(srslyJson(["\x7f", "a/b", "é😀", "\x01", "<&>", 1.5, "tab\t"]), '["\x7f","a/b","\\u00e9\\ud83d\\ude00","\\u0001","<&>",1.5,"tab\\t"]');
    assert.equal(srslyJson({ a: [], b: {}, c: [1, { d: 2 }] }, 2), '{\n  "a":[\n\n  ],\n  "b":{\n\n  },\n  "c":[\n    1,\n    {\n      "d":2\n    }\n  ]\n}');
    assert.equal(srslyJsonl([{ label: "PER", pattern: "Zoë / Ann" }, { n: null }]), '{"label":"PER","pattern":"Zo\\u00eb / Ann"}\n{"n":null}\n');
  });

  it("reads JSONL, skipping blank lines, and names the file and line of a bad one", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-jsonl-"));
    const path = join(dir, "data.jsonl");
    writeFileSync(path, '\uFEFF{"a": 1}\n\n  [2, 3]  \r\n"four"\n');
    assert.deepEqual(readJsonlFile(path), [{ a: 1 }, [2, 3], "four"]);
    assert.deepEqual(
      parseJsonl('1\n\n"x"\n', "mem.jsonl").map(({ line }) => line),
      [1, 3],
    );
    assert.throws(
      () => parseJsonl('1\n\n{"x":\n', "mem.jsonl"),
      (error: TsnlpError) =>
        error.code === "E_JSONL_LINE" && error.file === "mem.jsonl" && error.line === 3 && /Line 3 of the JSONL file mem\.jsonl/.test(error.message),
    );
  });
});
