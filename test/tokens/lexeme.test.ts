import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createVocab } from "../../src/lang/create.js";
import { Vocab } from "../../src/tokens/index.js";
import { needShared } from "../helpers/shared.js";

const FLAGS: Record<string, string> = {
  is_alpha: "isAlpha", is_digit: "isDigit", is_punct: "isPunct", is_space: "isSpace", is_stop: "isStop", like_num: "likeNum", like_url: "likeUrl",
  like_email: "likeEmail", is_upper: "isUpper", is_title: "isTitle", is_lower: "isLower", is_ascii: "isAscii", is_currency: "isCurrency",
  is_quote: "isQuote", is_bracket: "isBracket",
};

describe("Lexeme attributes", () => {
  it("follow Python's string predicates on code points", () => {
    const vocab = new Vocab();
    const emoji = vocab.get("😀x");
    assert.equal(emoji.length, 2);
    assert.equal(emoji.prefix, "😀");
    assert.equal(vocab.get("Ǆemo").isTitle, true, "a titlecase letter starts a title");
    assert.equal(vocab.get("ǅ").isUpper, false, "titlecase is not uppercase");
    assert.equal(vocab.get("²").isDigit, true, "superscript two is a digit to Python");
    assert.equal(vocab.get("½").isDigit, false);
    assert.equal(vocab.get("\u001f").isSpace, true);
    assert.equal(vocab.get("x".repeat(100)).shape, "LONG");
    assert.equal(vocab.get("1/2").likeNum, true);
    assert.equal(vocab.get("example.org").likeUrl, true);
    assert.equal(vocab.get("me@example.org").likeEmail, true);
    assert.equal(vocab.get("€").norm, "$");
  });

  it("English adds number words and stop words", () => {
    const vocab = createVocab("en");
    assert.equal(vocab.get("twenty").likeNum, true);
    assert.equal(vocab.get("The").isStop, true);
    assert.equal(new Vocab().get("twenty").likeNum, false);
  });

  it("match every English lexeme spaCy 3.5.4 described, hashes included", function () {
    const golden = JSON.parse(readFileSync(join(needShared(this), "golden/strings_and_lexemes.json"), "utf8"));
    const vocab = createVocab("en");
    assert.ok(golden.lexemes.length >= 25);
    for (const expected of golden.lexemes) {
      const lexeme = vocab.get(expected.text) as unknown as Record<string, unknown>;
      const where = `lexeme ${JSON.stringify(expected.text)}`;
      for (const key of ["lower", "norm", "prefix", "suffix", "shape"]) assert.equal(lexeme[key], expected[key], `${where}: ${key}`);
      for (const [flag, property] of Object.entries(FLAGS)) assert.equal(lexeme[property], expected[flag], `${where}: ${flag}`);
      for (const key of ["orth", "norm", "shape", "prefix", "suffix"]) {
        const text = key === "orth" ? expected.text : expected[key];
        assert.equal(vocab.strings.add(text).toString(), expected[`${key}_hash`], `${where}: ${key}_hash`);
      }
    }
  });
});
