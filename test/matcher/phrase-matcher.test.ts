import { strict as assert } from "node:assert";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { PhraseMatcher } from "../../src/matcher/index.js";
import { Doc } from "../../src/tokens/doc.js";
import type { TsnlpError } from "../../src/util/errors.js";

const vocab = createVocab("en");
const tokenizer = createTokenizer(vocab, "en");
const nlp = (text: string) => tokenizer.call(text);
const TEXT = "The New York Times reported that new york city and New York State voted ; NEW YORK agreed";

describe("PhraseMatcher", () => {
  it("matches phrases on ORTH, overlapping and under several keys, as spaCy does", () => {
    const matcher = new PhraseMatcher(vocab);
    matcher.add("NY", [nlp("New York"), nlp("New York Times")]);
    matcher.add("CITY", [nlp("New York"), nlp("new york city")]);
    matcher.add("NYS", [nlp("York State")]);
    // What spaCy's PhraseMatcher gives for the same phrases and text.
    assert.deepEqual(matcher.call(nlp(TEXT)), [
      ["NY", 1, 3],
      ["CITY", 1, 3],
      ["NY", 1, 4],
      ["CITY", 6, 9],
      ["NY", 10, 12],
      ["CITY", 10, 12],
      ["NYS", 11, 13],
    ]);
    matcher.remove("NY");
    assert.deepEqual(matcher.call(nlp(TEXT)), [
      ["CITY", 1, 3],
      ["CITY", 6, 9],
      ["CITY", 10, 12],
      ["NYS", 11, 13],
    ]);
    assert.deepEqual(matcher.keys, ["CITY", "NYS"]);
    assert.throws(
      () => matcher.remove("NY"),
      (error: TsnlpError) => error.code === "E_MATCH_KEY",
    );
  });

  it("matches on LOWER, and within a span with the doc's offsets (as spaCy gives them)", () => {
    const matcher = new PhraseMatcher(vocab, { attr: "LOWER" });
    matcher.add("NY", [nlp("new york"), nlp("NEW YORK CITY")]);
    const doc = nlp(TEXT);
    assert.deepEqual(matcher.call(doc), [
      ["NY", 1, 3],
      ["NY", 6, 8],
      ["NY", 6, 9],
      ["NY", 10, 12],
      ["NY", 15, 17],
    ]);
    assert.deepEqual(matcher.call(doc.span(5, 12)), [
      ["NY", 6, 8],
      ["NY", 6, 9],
      ["NY", 10, 12],
    ]);
    assert.deepEqual(
      matcher.spans(doc.span(5, 12)).map((span) => span.text),
      ["new york", "new york city", "New York"],
    );
  });

  it("matches on SHAPE, and accepts attributes by spaCy id or lower-case name", () => {
    const matcher = new PhraseMatcher(vocab, { attr: "shape" });
    assert.equal(matcher.attr, "SHAPE");
    matcher.add("SHAPE", [nlp("Xxx Xxxx")]);
    assert.deepEqual(matcher.call(nlp(TEXT)), [
      ["SHAPE", 1, 3],
      ["SHAPE", 10, 12],
    ]);
    assert.equal(new PhraseMatcher(vocab, { attr: 66 }).attr, "LOWER");
    assert.equal(new PhraseMatcher(vocab, { attr: null }).attr, "ORTH");
  });

  it("matches on POS when the phrase docs are tagged, and refuses untagged ones", () => {
    const matcher = new PhraseMatcher(vocab, { attr: "POS" });
    const phrase = new Doc(vocab, { words: ["big", "dog"], pos: ["ADJ", "NOUN"] });
    matcher.add("ADJ_NOUN", [phrase]);
    const doc = new Doc(vocab, { words: ["a", "small", "cat", "sat"], pos: ["DET", "ADJ", "NOUN", "VERB"] });
    assert.deepEqual(matcher.call(doc), [["ADJ_NOUN", 1, 3]]);
    assert.throws(
      () => matcher.add("X", [nlp("big dog")]),
      (error: TsnlpError) => error.code === "E_MATCH_MISSING_ANNOTATION" && /Phrase 0 for 'X' has no POS annotation/.test(error.message),
    );
  });

  it("skips empty phrases, accepts value sequences and refuses bad input", () => {
    const matcher = new PhraseMatcher(vocab, { attr: "LENGTH" });
    matcher.add("LEN", [new Doc(vocab, { words: [] }), [3, 4]]);
    assert.deepEqual(matcher.call(nlp("the word is here")), [["LEN", 0, 2]]);
    assert.throws(
      () => new PhraseMatcher(vocab, { attr: "LOWR" }),
      (error: TsnlpError) => error.code === "E_PHRASE_MATCHER_ATTR" && /Did you mean 'LOWER'/.test(error.message),
    );
    assert.throws(
      () => matcher.add("X", nlp("a") as never),
      (error: TsnlpError) => error.code === "E_PHRASE_PATTERN",
    );
    assert.throws(() => matcher.add("X", ["a" as never]), /Phrase 0 for 'X' is not a Doc/);
  });

  it("prunes removed phrases without losing phrases that share their prefix", () => {
    const matcher = new PhraseMatcher(vocab);
    matcher.add("LONG", [nlp("a b c")]);
    matcher.add("SHORT", [nlp("a b")]);
    matcher.remove("LONG");
    assert.deepEqual(matcher.call(nlp("a b c")), [["SHORT", 0, 2]]);
    matcher.remove("SHORT");
    assert.deepEqual(matcher.call(nlp("a b c")), []);
    assert.equal(matcher.size, 0);
  });

  it("calls on_match callbacks", () => {
    const matcher = new PhraseMatcher(vocab);
    const seen: number[] = [];
    matcher.add("A", [nlp("a")], { onMatch: (_m, _doc, i) => seen.push(i) });
    matcher.call(nlp("a b a"));
    assert.deepEqual(seen, [0, 1]);
  });

  it("costs about the same with 20000 phrases as with a few (a trie, not a scan)", () => {
    const doc = new Doc(vocab, { words: Array.from({ length: 20000 }, (_, i) => `t${i % 997}`) });
    const few = new PhraseMatcher(vocab);
    few.add("P", [new Doc(vocab, { words: ["t1", "t2"] })]);
    const many = new PhraseMatcher(vocab);
    many.add(
      "P",
      Array.from({ length: 20000 }, (_, i) => new Doc(vocab, { words: [`t${i % 997}`, `t${(i * 7) % 997}`, `x${i}`] })),
    );
    many.add("Q", [new Doc(vocab, { words: ["t1", "t2"] })]);
    const time = (matcher: PhraseMatcher) => {
      const started = performance.now();
      for (let round = 0; round < 3; round++) matcher.call(doc);
      return (performance.now() - started) / 3;
    };
    time(few);
    const base = time(few);
    const large = time(many);
    assert.ok(large < base * 10 + 50, `20000 phrases: ${large.toFixed(1)} ms, 1 phrase: ${base.toFixed(1)} ms`);
    assert.equal(many.call(doc).filter(([key]) => key === "Q").length, few.call(doc).length);
  });
});
