import { strict as assert } from "node:assert";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { Matcher, type MatchTriple } from "../../src/matcher/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Span } from "../../src/tokens/span.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { MATCHER_CASES, type MatcherCase } from "./spacy-cases.js";

const vocab = createVocab("en");
const tokenizer = createTokenizer(vocab, "en");
const nlp = (text: string) => tokenizer.call(text);

function caseDoc(c: MatcherCase): Doc {
  const doc = c.text !== undefined ? nlp(c.text) : new Doc(vocab, c.doc!);
  if (c.entSpans) doc.ents = c.entSpans.map(([start, end, label, id]) => new Span(doc, start, end, { label, id }));
  return doc;
}

describe("Matcher", () => {
  describe("gives spaCy's matches, in spaCy's order", () => {
    for (const c of MATCHER_CASES) {
      it(c.name, () => {
        const doc = caseDoc(c);
        assert.deepEqual(doc.words, c.words, "the tokenizer splits the text as spaCy's does");
        const matcher = new Matcher(vocab);
        for (const [key, patterns, greedy] of c.rules) matcher.add(key, patterns, { greedy });
        assert.deepEqual(matcher.call(doc), c.matches);
      });
    }
  });

  it("adds patterns under an existing key and removes a key with all its patterns", () => {
    const doc = nlp("red apple and green pear");
    const matcher = new Matcher(vocab);
    matcher.add("FRUIT", [[{ LOWER: "apple" }]]);
    matcher.add("FRUIT", [[{ LOWER: "pear" }]]);
    matcher.add("COLOR", [[{ LOWER: { IN: ["red", "green"] } }]]);
    assert.equal(matcher.size, 2);
    assert.deepEqual(matcher.get("FRUIT")?.patterns, [[{ LOWER: "apple" }], [{ LOWER: "pear" }]]);
    assert.deepEqual(matcher.call(doc), [
      ["COLOR", 0, 1],
      ["FRUIT", 1, 2],
      ["COLOR", 3, 4],
      ["FRUIT", 4, 5],
    ]);
    matcher.remove("FRUIT");
    assert.equal(matcher.has("FRUIT"), false);
    assert.deepEqual(matcher.call(doc), [
      ["COLOR", 0, 1],
      ["COLOR", 3, 4],
    ]);
    assert.throws(
      () => matcher.remove("FRUIT"),
      (error: TsnlpError) => error.code === "E_MATCH_KEY" && /no rule 'FRUIT'/.test(error.message),
    );
  });

  it("matches within a span with offsets relative to it, and makes labelled spans", () => {
    const doc = nlp("The New York Times reported that new york city and New York State voted ; NEW YORK agreed");
    const matcher = new Matcher(vocab);
    matcher.add("NY", [[{ LOWER: "new" }, { LOWER: "york" }]]);
    // spaCy: matcher(doc[5:12]) gives (NY, 1, 3) and (NY, 5, 7).
    assert.deepEqual(matcher.call(doc.span(5, 12)), [
      ["NY", 1, 3],
      ["NY", 5, 7],
    ]);
    const spans = matcher.spans(doc.span(5, 12));
    assert.deepEqual(
      spans.map((span) => [span.text, span.label, span.start]),
      [
        ["new york", "NY", 6],
        ["New York", "NY", 10],
      ],
    );
  });

  it("calls on_match callbacks with the final (filtered) matches", () => {
    const doc = nlp("b b b");
    const matcher = new Matcher(vocab);
    const seen: Array<[number, MatchTriple[]]> = [];
    matcher.add("B", [[{ ORTH: "b", OP: "+" }]], {
      greedy: "LONGEST",
      onMatch: (m, d, i, matches) => {
        assert.equal(m, matcher);
        assert.equal(d, doc);
        seen.push([i, matches]);
      },
    });
    const result = matcher.call(doc);
    assert.deepEqual(result, [["B", 0, 3]]);
    assert.deepEqual(seen, [[0, result]]);
  });

  it("refuses patterns on annotation the doc lacks, unless allowMissing", () => {
    const matcher = new Matcher(vocab);
    matcher.add("NOUN", [[{ POS: "NOUN" }]]);
    const doc = nlp("dogs bark");
    assert.throws(
      () => matcher.call(doc),
      (error: TsnlpError) => error.code === "E_MATCH_MISSING_ANNOTATION" && /POS/.test(error.message) && /morphologizer/.test(error.hint ?? ""),
    );
    assert.deepEqual(matcher.call(doc, { allowMissing: true }), []);
    const tagged = new Doc(vocab, { words: ["dogs", "bark"], pos: ["NOUN", "VERB"] });
    assert.deepEqual(matcher.call(tagged), [["NOUN", 0, 1]]);
  });

  it("uses a custom fuzzy comparison when given one", () => {
    const calls: Array<[string, string, number]> = [];
    const matcher = new Matcher(vocab, {
      fuzzyCompare: (input, pattern, fuzzy) => {
        calls.push([input, pattern, fuzzy]);
        return input.length === pattern.length;
      },
    });
    matcher.add("F", [[{ LOWER: { FUZZY3: "abc" } }]]);
    assert.deepEqual(matcher.call(nlp("xyz abcd abc")), [
      ["F", 0, 1],
      ["F", 2, 3],
    ]);
    // The exact value matches without asking the comparison.
    assert.deepEqual(calls, [
      ["xyz", "abc", 3],
      ["abcd", "abc", 3],
    ]);
  });

  it("evaluates a predicate shared by many patterns once per token", () => {
    let evaluations = 0;
    const matcher = new Matcher(vocab, {
      fuzzyCompare: () => {
        evaluations++;
        return false;
      },
    });
    for (let i = 0; i < 20; i++) matcher.add(`K${i}`, [[{ LOWER: { FUZZY: "zzz" } }, { ORTH: `w${i}` }]]);
    matcher.call(nlp("a b c d e"));
    assert.equal(evaluations, 5);
  });

  it("returns nothing for an empty doc or a matcher without patterns", () => {
    const matcher = new Matcher(vocab);
    assert.deepEqual(matcher.call(nlp("some words")), []);
    matcher.add("A", [[{}]]);
    assert.deepEqual(matcher.call(new Doc(vocab, { words: [] })), []);
  });

  it("refuses bad keys, pattern lists and greedy values", () => {
    const matcher = new Matcher(vocab);
    assert.throws(() => matcher.add("", [[{}]]), /non-empty string/);
    assert.throws(
      () => matcher.add("A", { ORTH: "a" } as never),
      (error: TsnlpError) => error.code === "E_MATCH_PATTERN" && /list of patterns/.test(error.message),
    );
    assert.throws(
      () => matcher.add("A", [[{}]], { greedy: "SHORTEST" as never }),
      (error: TsnlpError) => error.code === "E_MATCH_GREEDY" && /"FIRST", "LONGEST"/.test(error.hint ?? ""),
    );
    assert.throws(() => matcher.add("A", [[{ ORTH: "a" }], [{ ORHT: "b" }]]), /pattern 1, token 0/);
    assert.equal(matcher.has("A"), false, "a rule is added only when all its patterns are valid");
  });

  it("stays fast with many patterns over a long doc", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i % 500}`);
    const doc = new Doc(vocab, { words });
    const matcher = new Matcher(vocab);
    for (let i = 0; i < 2000; i++) matcher.add(`K${i}`, [[{ ORTH: `w${i}` }, { ORTH: `w${i + 1}`, OP: "?" }]]);
    const started = performance.now();
    const matches = matcher.call(doc);
    const elapsed = performance.now() - started;
    // Each of w0..w498 starts a two-token match and a one-token match at each of its 6 places.
    assert.equal(matches.length, 500 * 6 + 499 * 6);
    assert.ok(elapsed < 2000, `matching took ${elapsed.toFixed(0)} ms`);
  });
});
