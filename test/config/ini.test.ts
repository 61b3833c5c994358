import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseIni, writeIni } from "../../src/config/ini.js";
import { Interp, valuesEqual } from "../../src/config/tree.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { fixtureConfigs, needShared } from "../helpers/shared.js";

describe("config/ini", () => {
  it("reads sections, both delimiters, comments, JSON values and plain strings", () => {
    const { tree } = parseIni(
      [
        "# a comment",
        "; another",
        "[nlp]",
        'lang = "en"',
        "pipeline: [\"tok2vec\", \"tagger\"]",
        "batch_size = 1000",
        "dropout = 0.1",
        "flag = true",
        "nothing = null",
        "plain = corpus/train.spacy",
        'tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}',
        "[nlp.sub]",
        "L2 = 0.01",
      ].join("\n"),
    );
    assert.deepEqual(tree, {
      nlp: {
        lang: "en",
        pipeline: ["tok2vec", "tagger"],
        batch_size: 1000,
        dropout: 0.1,
        flag: true,
        nothing: null,
        plain: "corpus/train.spacy",
        tokenizer: { "@tokenizers": "spacy.Tokenizer.v1" },
        sub: { L2: 0.01 },
      },
    });
  });

  it("joins indented continuation lines into one value", () => {
    const { tree } = parseIni('[a]\nrows = [\n    5000,\n    1000\n  ]\nnext = 1\n');
    assert.deepEqual(tree, { a: { rows: [5000, 1000], next: 1 } });
  });

  it("keeps references raw until interpolation", () => {
    const { tree } = parseIni("[a]\nx = ${b.c}\ny = \"pre ${b.c} post\"\n[b]\nc = 1");
    assert.ok((tree.a as Record<string, unknown>).x instanceof Interp);
    assert.equal(((tree.a as Record<string, unknown>).y as Interp).raw, '"pre ${b.c} post"');
  });

  it("rejects a child section whose parent is not declared, naming both and the line", () => {
    assert.throws(
      () => parseIni("[nlp]\nlang = \"en\"\n\n[components.tagger]\nfactory = \"tagger\"\n", "x.cfg"),
      (error: TsnlpError) => {
        assert.equal(error.code, "E_CONFIG_MISSING_PARENT");
        assert.match(error.message, /components -> tagger\s+Section 'components' is not defined/);
        assert.equal(error.line, 4);
        assert.equal(error.file, "x.cfg");
        return true;
      },
    );
  });

  it("reports syntax errors with their line number", () => {
    const cases: Array<[string, number, RegExp]> = [
      ["[a]\nno delimiter here\n", 2, /Expected 'key = value'/],
      ["x = 1\n[a]\n", 1, /before any \[section\]/],
      ["[a]\nx = 1\nx = 2\n", 3, /appears twice/],
      ["[a]\n[a]\n", 2, /declared twice/],
      ["[a\nx = 1\n", 1, /Malformed section header/],
    ];
    for (const [text, line, message] of cases) {
      assert.throws(
        () => parseIni(text),
        (error: TsnlpError) => error.code === "E_CONFIG_SYNTAX" && error.line === line && message.test(error.message),
        text,
      );
    }
  });

  it("writes spaCy's classic style: sections in spaCy's order, children after parents, inline no-argument blocks", () => {
    const { tree } = parseIni(
      [
        "[training]",
        "dropout = 0.1",
        "[training.optimizer]",
        '@optimizers = "Adam.v1"',
        "learn_rate = 0.001",
        "[nlp]",
        'pipeline = ["a", "b"]',
        "[nlp.tokenizer]",
        '@tokenizers = "spacy.Tokenizer.v1"',
        "[paths]",
        "train = null",
        "[zzz]",
        "[components]",
        "[components.b]",
        "[components.a-x]",
        "[components.a]",
        "[components.a.model]",
      ].join("\n"),
    );
    const text = writeIni(tree);
    const headers = text.split("\n").filter((line) => line.startsWith("["));
    assert.deepEqual(headers, ["[paths]", "[nlp]", "[components]", "[components.a]", "[components.a.model]", "[components.a-x]", "[components.b]", "[training]", "[training.optimizer]", "[zzz]"]);
    assert.match(text, /pipeline = \["a","b"\]/);
    assert.match(text, /tokenizer = \{"@tokenizers":"spacy.Tokenizer.v1"\}/);
  });

  it("keeps positional (*) blocks in their order and escapes literal dollars", () => {
    const tree = { a: { "*": { second: { "@layers": "x.v1" }, first: { "@layers": "y.v1" } }, price: "$5" } };
    const text = writeIni(tree);
    assert.ok(text.indexOf("[a.*.second]") < text.indexOf("[a.*.first]"));
    assert.match(text, /price = "\$\$5"/);
    assert.ok(valuesEqual(parseIni(text).tree, { a: { "*": { second: { "@layers": "x.v1" }, first: { "@layers": "y.v1" } }, price: new Interp('"$$5"') } }));
  });

  describe("every config spaCy wrote (../shared/fixtures/spacy)", () => {
    for (const file of fixtureConfigs("init-config", "fill-config", "project-configs", "errors").filter((f) => !f.endsWith("missing_parent_section.cfg"))) {
      it(`round-trips ${basename(file)}`, function () {
        needShared(this);
        const { tree } = parseIni(readFileSync(file, "utf8"), file);
        const again = parseIni(writeIni(tree)).tree;
        assert.ok(valuesEqual(again, tree));
      });
    }
    it("has fixtures to check", function () {
      needShared(this);
      assert.ok(fixtureConfigs("init-config", "fill-config", "project-configs", "errors").length >= 25);
    });
  });
});
