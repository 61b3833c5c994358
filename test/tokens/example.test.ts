import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Doc, type DocInit } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { docToBiluoTags } from "../../src/tokens/iob-utils.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { needShared } from "../helpers/shared.js";

const vocab = new Vocab();
const make = (words: string[], init: Omit<DocInit, "words"> = {}) => new Doc(vocab, { words, ...init });

describe("tokens/example", () => {
  describe("construction", () => {
    it("pairs two docs over the same text", () => {
      const predicted = make(["I", "like", "stuff"]);
      const reference = make(["I", "like", "stuff"], { tags: ["NOUN", "VERB", "NOUN"] });
      const eg = new Example(predicted, reference);
      assert.equal(eg.predicted, predicted);
      assert.equal(eg.reference, reference);
      assert.equal(eg.text, "I like stuff ");
      assert.equal(eg.length, 3);
      assert.deepEqual(eg.getAligned("TAG"), ["NOUN", "VERB", "NOUN"]);
    });

    it("refuses docs whose texts differ beyond whitespace and case, saying where", () => {
      assert.throws(() => new Example(make(["She", "left"]), make(["He", "left"])), { code: "E_ALIGN_TEXT", message: /predicted token 0 'She' has 's'/ });
      assert.doesNotThrow(() => new Example(make(["New", "York"]), make(["new york"], { spaces: [false] })));
    });

    it("computes the alignment once, and again when a doc is replaced", () => {
      const eg = new Example(make(["a", "b"]), make(["ab"]));
      const first = eg.alignment;
      assert.equal(eg.alignment, first);
      assert.deepEqual(first.y2x.toLists(), [[0, 1]]);
      eg.predicted = make(["ab"]);
      assert.notEqual(eg.alignment, first);
      assert.deepEqual(eg.alignment.y2x.toLists(), [[0]]);
      assert.throws(() => {
        eg.reference = make(["abc"]);
      }, /differ/);
    });
  });

  describe("getAligned", () => {
    it("transfers values through one-to-one, split and merged tokens (spaCy's test_aligned_tags)", () => {
      const predicted = make(["Apply", "some", "sunscreen", "unless", "you", "can", "not"]);
      const reference = make(["Apply", "some", "sun", "screen", "unless", "you", "cannot"], { tags: ["VERB", "DET", "NOUN", "NOUN", "SCONJ", "PRON", "VERB"] });
      assert.deepEqual(new Example(predicted, reference).getAligned("TAG"), ["VERB", "DET", "NOUN", "SCONJ", "PRON", "VERB", "VERB"]);
    });

    it("gives null where a token spans reference tokens that disagree (spaCy's test_aligned_tags_multi)", () => {
      const predicted = make(["Applysome", "sunscreen", "unless", "you", "can", "not"]);
      const reference = make(["Apply", "somesun", "screen", "unless", "you", "cannot"], { tags: ["VERB", "DET", "NOUN", "SCONJ", "PRON", "VERB"] });
      assert.deepEqual(new Example(predicted, reference).getAligned("TAG"), [null, null, "SCONJ", "PRON", "VERB", "VERB"]);
    });

    it("gives null for whitespace with no counterpart, and aligns whitespace tokens that have one", () => {
      const eg = new Example(make([" ", "a"], { spaces: [false, false] }), make(["a"], { deps: ["ROOT"], heads: [0] }));
      assert.deepEqual(eg.getAligned("DEP"), [null, "ROOT"]);
      const words = ["a", " ", "b"];
      const tags = ["A", "SPACE", "B"];
      assert.deepEqual(new Example(make(words), make(words, { tags })).getAligned("TAG"), tags);
    });

    it("reads ORTH, NORM, LEMMA, MORPH, ENT_IOB and SENT_START", () => {
      const reference = make(["Sarah", "'s", "cats"], {
        lemmas: ["Sarah", "'s", "cat"],
        morphs: ["Number=Sing", "", "_"],
        ents: ["U-PERSON", "O", ""],
        sentStarts: [true, false, null],
      });
      const eg = new Example(make(["Sarah's", "cats"], { spaces: [true, false] }), reference);
      assert.deepEqual(eg.getAligned("ORTH"), [null, "cats"]);
      assert.deepEqual(eg.getAligned("lemma"), [null, "cat"]);
      assert.deepEqual(eg.getAligned("MORPH"), [null, "_"]);
      assert.deepEqual(eg.getAligned("ENT_IOB"), [null, 0]);
      assert.deepEqual(eg.getAligned("SENT_START"), [null, 0]);
      assert.deepEqual(eg.getAligned("NORM"), [null, "cats"]);
    });

    it("refuses attributes that do not transfer token by token", () => {
      const eg = new Example(make(["a"]), make(["a"]));
      assert.throws(() => eg.getAligned("HEAD"), { code: "E_NOT_ALIGNABLE", message: /getAlignedParse/ });
      assert.throws(() => eg.getAligned("TAGG"), { code: "E_UNKNOWN_ATTR", message: /Did you mean 'TAG'/ });
    });
  });

  describe("getAlignedParse", () => {
    it("gives split tokens the label and head of their reference token; a head that was split is unknown", () => {
      const reference = make(["New York", "'s", "mayor", "spoke"], {
        spaces: [false, true, true, false],
        heads: [2, 0, 3, 3],
        deps: ["poss", "case", "nsubj", "ROOT"],
      });
      const predicted = make(["New", "York", "'s", "mayor", "spoke"], { spaces: [true, false, true, true, false] });
      const parse = new Example(predicted, reference).getAlignedParse();
      assert.deepEqual(parse.heads, [3, 3, null, 4, 4]);
      assert.deepEqual(parse.deps, ["poss", "poss", "case", "nsubj", "ROOT"]);
    });

    it("gives a merged token neither head nor label", () => {
      const reference = make(["I", "do", "n't", "know"], { spaces: [true, false, true, false], heads: [3, 3, 3, 3], deps: ["nsubj", "aux", "neg", "ROOT"] });
      const predicted = make(["I", "don't", "know"], { spaces: [true, true, false] });
      const parse = new Example(predicted, reference).getAlignedParse();
      assert.deepEqual(parse.heads, [2, null, 2]);
      assert.deepEqual(parse.deps, ["nsubj", null, "ROOT"]);
    });

    it("leaves everything unknown when no token is one-to-one (spaCy's test_projectivize, last case)", () => {
      const predicted = make(["Double-Jointed"], { spaces: [false], deps: ["ROOT"], heads: [0] });
      const reference = make(["Double", "-", "Jointed"], { deps: ["amod", "punct", "ROOT"], heads: [2, 2, 2] });
      assert.deepEqual(new Example(predicted, reference).getAlignedParse(), { heads: [null], deps: [null] });
    });

    it("applies a projectivize function to annotated tokens only", () => {
      const words = ["He", "pretty", "quickly", "walks", "away"];
      const reference = make(words, { heads: [3, 2, 3, 3, 4], deps: ["dep", "dep", "dep", "ROOT", ""] });
      const eg = new Example(make(words), reference);
      assert.deepEqual(eg.getAlignedParse().heads, [3, 2, 3, 3, 4]);
      const lift = (heads: number[], deps: string[]): [number[], string[]] => [
        heads.map((head, i) => (i === 1 || i === 4 ? 3 : head)),
        deps.map((dep) => `${dep}||x`),
      ];
      const projective = eg.getAlignedParse({ projectivize: lift });
      // Token 4 has neither head nor label: both stay unknown.
      assert.deepEqual(projective.heads, [3, 3, 3, 3, 4]);
      assert.deepEqual(projective.deps, ["dep||x", "dep||x", "dep||x", "ROOT||x", ""]);
    });
  });

  describe("getAlignedNer", () => {
    // spaCy's test_gold_biluo_one_to_many / many_to_one / misaligned, with "-" for spaCy's None.
    const prefix = "Mr and Mrs Smith flew to ";
    const loc: [number, number, string] = [prefix.length, prefix.length + "San Francisco Valley".length, "LOC"];

    it("transfers an entity onto a token that merges its tokens", () => {
      const predicted = make(["Mr and ", "Mrs Smith", "flew to", "San Francisco Valley", "."], { spaces: [true, true, true, false, false] });
      let eg = Example.fromDict(predicted, { words: ["Mr and Mrs Smith", "flew", "to", "San", "Francisco", "Valley", "."], entities: [loc] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "O", "O", "U-LOC", "O"]);
      const mrsSmith: [number, number, string] = ["Mr and ".length, "Mr and Mrs Smith".length, "PERSON"];
      eg = Example.fromDict(predicted, { words: ["Mr and", "Mrs", "Smith", "flew", "to", "San", "Francisco", "Valley", "."], entities: [mrsSmith, loc] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "U-PERSON", "O", "U-LOC", "O"]);
      // "Mrs" alone is a PERSON, but the predicted token is "Mrs Smith": unknown.
      const mrs: [number, number, string] = ["Mr and ".length, "Mr and Mrs".length, "PERSON"];
      eg = Example.fromDict(predicted, { words: ["Mr and", "Mrs", "Smith", "flew", "to", "San", "Francisco", "Valley", "."], entities: [mrs, loc] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "-", "O", "U-LOC", "O"]);
    });

    it("transfers an entity onto tokens that split its token", () => {
      const predicted = make(["Mr and", "Mrs", "Smith", "flew", "to", "San", "Francisco", "Valley", "."], {
        spaces: [true, true, true, true, true, true, true, false, false],
      });
      let eg = Example.fromDict(predicted, { words: ["Mr and Mrs Smith", "flew to", "San Francisco Valley", "."], entities: [loc] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "O", "O", "O", "O", "B-LOC", "I-LOC", "L-LOC", "O"]);
      const person: [number, number, string] = ["Mr and ".length, "Mr and Mrs Smith".length, "PERSON"];
      eg = Example.fromDict(predicted, { words: ["Mr and", "Mrs Smith", "flew to", "San Francisco Valley", "."], entities: [person, loc] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "B-PERSON", "L-PERSON", "O", "O", "B-LOC", "I-LOC", "L-LOC", "O"]);
    });

    it("gives '-' where the tokenizations cross an entity boundary", () => {
      const predicted = make(["Mr and Mrs", "Smith", "flew", "to", "San Francisco", "Valley", "."], { spaces: [true, true, true, true, true, false, false] });
      let eg = Example.fromDict(predicted, { words: ["Mr", "and Mrs Smith", "flew to", "San", "Francisco Valley", "."], entities: [loc] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "O", "O", "O", "B-LOC", "L-LOC", "O"]);
      const person: [number, number, string] = ["Mr and ".length, "Mr and Mrs Smith".length, "PERSON"];
      eg = Example.fromDict(predicted, { words: ["Mr and", "Mrs Smith", "flew to", "San", "Francisco Valley", "."], entities: [person, loc] });
      assert.deepEqual(eg.getAlignedNer(), ["-", "-", "O", "O", "B-LOC", "L-LOC", "O"]);
    });

    it("handles extra whitespace tokens (spaCy's test_gold_biluo_additional_whitespace)", () => {
      const predicted = make(["I", "flew", " ", "to", "San Francisco", "Valley", "."], { spaces: [true, true, false, true, true, false, false] });
      const eg = Example.fromDict(predicted, {
        words: ["I", "flew", " ", "to", "San Francisco Valley", "."],
        spaces: [true, true, false, true, false, false],
        entities: [["I flew  to ".length, "I flew  to San Francisco Valley".length, "LOC"]],
      });
      assert.deepEqual(eg.getAlignedNer(), ["O", "O", "O", "O", "B-LOC", "L-LOC", "O"]);
    });

    it("handles a token split inside an entity (spaCy's test_gold_biluo_4791)", () => {
      const words = ["I", "'ll", "return", "the", "A", "54", "amount"];
      const spaces = [false, true, true, true, false, true, false];
      const merged = make(["I", "'ll", "return", "the", "A54", "amount"], { spaces: [false, true, true, true, true, false] });
      assert.deepEqual(Example.fromDict(merged, { words, spaces, entities: [[16, 19, "MONEY"]] }).getAlignedNer(), ["O", "O", "O", "O", "U-MONEY", "O"]);
      const same = make(["I", "'ll", "return", "the", "$", "54", "amount"], { spaces });
      const money = ["I", "'ll", "return", "the", "$", "54", "amount"];
      assert.deepEqual(Example.fromDict(same, { words: money, spaces, entities: [[16, 19, "MONEY"]] }).getAlignedNer(), [
        "O",
        "O",
        "O",
        "O",
        "B-MONEY",
        "L-MONEY",
        "O",
      ]);
    });

    it("makes unaligned whitespace outside (spaCy's test_goldparse_startswith_space / endswith_space)", () => {
      let eg = Example.fromDict(make([" ", "a"], { spaces: [false, false] }), { words: ["a"], entities: ["U-DATE"] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "U-DATE"]);
      eg = Example.fromDict(make(["a", "\n"], { spaces: [false, false] }), { words: ["a"], entities: ["U-DATE"] });
      assert.deepEqual(eg.getAlignedNer(), ["U-DATE", "O"]);
    });

    it("is all '-' without entity annotation, and keeps unknown tokens unknown", () => {
      const words = ["a", "b", "c", "d"];
      const predicted = make(words, { spaces: [true, true, false, true] });
      assert.deepEqual(Example.fromDict(predicted, { words }).getAlignedNer(), ["-", "-", "-", "-"]);
      assert.deepEqual(Example.fromDict(predicted, { words, entities: ["U-LOC", null, null, null] }).getAlignedNer(), ["U-LOC", "-", "-", "-"]);
    });

    it("equals the reference's own tags when the tokenizations agree", () => {
      const words = ["Sarah", "'s", "sister", "flew", "to", "Silicon", "Valley", "via", "London", "."];
      const reference = make(words, { ents: ["B-PERSON", "I-PERSON", "O", "O", "-", "B-LOC", "I-LOC", "O", "B-GPE", "O"] });
      const eg = new Example(make(words), reference);
      assert.deepEqual(eg.getAlignedNer(), docToBiluoTags(reference, { missing: "-" }));
      assert.deepEqual(
        eg.getAlignedEntsAndNer().ents.map((ent) => [ent.text, ent.label]),
        [
          ["Sarah 's", "PERSON"],
          ["Silicon Valley", "LOC"],
          ["London", "GPE"],
        ],
      );
    });
  });

  describe("aligned spans", () => {
    it("maps reference spans to predicted tokens (spaCy's test_aligned_spans_y2x)", () => {
      const predicted = make(["Mr and Mrs Smith", "flew", "to", "San Francisco Valley", "."], { spaces: [true, true, true, false, false] });
      const prefix = "Mr and Mrs Smith flew to ";
      const eg = Example.fromDict(predicted, {
        words: ["Mr", "and", "Mrs", "Smith", "flew", "to", "San", "Francisco", "Valley", "."],
        entities: [
          [0, "Mr and Mrs Smith".length, "PERSON"],
          [prefix.length, prefix.length + "San Francisco Valley".length, "LOC"],
        ],
      });
      const ents = eg.reference.ents;
      assert.deepEqual(
        ents.map((ent) => [ent.start, ent.end]),
        [
          [0, 4],
          [6, 9],
        ],
      );
      assert.deepEqual(
        eg.getAlignedSpansY2X(ents).map((ent) => [ent.start, ent.end, ent.label]),
        [
          [0, 1, "PERSON"],
          [3, 4, "LOC"],
        ],
      );
    });

    it("maps predicted spans to reference tokens (spaCy's test_aligned_spans_x2y)", () => {
      const predicted = make(["Mr", "and", "Mrs", "Smith", "flew", "to", "San", "Francisco", "Valley"], {
        spaces: [true, true, true, true, true, true, true, true, false],
      });
      predicted.ents = [predicted.span(0, 4, { label: "PERSON" }), predicted.span(6, 9, { label: "LOC" })];
      const eg = Example.fromDict(predicted, {
        words: ["Mr and Mrs", "Smith", "flew", "to", "San Francisco", "Valley"],
        spaces: [true, true, true, true, true, false],
      });
      assert.deepEqual(
        eg.getAlignedSpansX2Y(predicted.ents).map((ent) => [ent.start, ent.end, ent.label, ent.doc === eg.reference]),
        [
          [0, 2, "PERSON", true],
          [4, 6, "LOC", true],
        ],
      );
    });

    it("drops overlapping spans unless allowed (spaCy's test_aligned_spans_y2x_overlap)", () => {
      const words = ["I", "flew", "to", "San", "Francisco", "Valley"];
      const spaces = [true, true, true, true, true, false];
      const reference = make(words, { spaces });
      reference.spans.set("overlap_ents", [reference.span(3, 5, { label: "CITY" }), reference.span(3, 6, { label: "VALLEY" })]);
      const eg = new Example(make(words, { spaces }), reference);
      const gold = reference.spans.get("overlap_ents")!;
      const bounds = (spans: Array<{ start: number; end: number }>) => spans.map((span) => [span.start, span.end]);
      assert.deepEqual(bounds(eg.getAlignedSpansY2X(gold)), [[3, 5]]);
      assert.deepEqual(bounds(eg.getAlignedSpansY2X(gold, true)), [
        [3, 5],
        [3, 6],
      ]);
    });

    it("drops a span whose aligned tokens cover more text", () => {
      const eg = new Example(make(["Mrs Smith"], { spaces: [false] }), make(["Mrs", "Smith"], { spaces: [true, false] }));
      assert.deepEqual(eg.getAlignedSpansY2X([eg.reference.span(0, 1, { label: "PERSON" })]), []);
    });

    it("finds predicted entities that match the reference", () => {
      const words = ["I", "like", "New", "York", "and", "Berlin"];
      const predicted = make(words, { ents: ["O", "O", "B-GPE", "L-GPE", "O", "U-LOC"] });
      const reference = make(words, { ents: ["O", "O", "B-GPE", "L-GPE", "O", "U-GPE"] });
      const eg = new Example(predicted, reference);
      assert.deepEqual(
        eg.getMatchingEnts().map((ent) => ent.text),
        ["New York"],
      );
      assert.deepEqual(
        eg.getMatchingEnts(false).map((ent) => ent.text),
        ["New York", "Berlin"],
      );
    });
  });

  describe("sentences", () => {
    it("puts each reference sentence start on the first predicted token of the sentence", () => {
      const reference = make(["One", "sentence", ".", "one", "more"], { sentStarts: [true, false, false, true, false] });
      const eg = new Example(make(["One", "sentence.", "one", "more"], { spaces: [true, true, true, true] }), reference);
      assert.deepEqual(eg.getAlignedSentStarts(), [true, false, true, false]);
      assert.deepEqual(new Example(make(["a", "b"]), make(["a", "b"])).getAlignedSentStarts(), [null, null]);
      // A one-token reference always has its one sentence, as in spaCy.
      assert.deepEqual(new Example(make(["a", "b"]), make(["ab"])).getAlignedSentStarts(), [true, false]);
    });

    it("does not make a sentence start where a head is unknown (spaCy's test_Example_missing_heads)", () => {
      const words = ["I", "like", "London", "and", "Berlin", "."];
      const eg = Example.fromDict(make(words), { words, heads: [1, 1, 1, null, 2, 1], deps: ["nsubj", "ROOT", "dobj", null, "conj", "punct"] });
      assert.deepEqual(
        eg.reference.tokens.map((token) => token.hasHead),
        [true, true, true, false, true, true],
      );
      assert.deepEqual(eg.getAlignedSentStarts(), [true, false, false, false, false, false]);
    });

    it("splits into sentences whatever the predicted tokenization (spaCy's test_split_sentences)", () => {
      let eg = Example.fromDict(make(["I", "flew", "to", "San Francisco Valley", "had", "loads of fun"]), {
        words: ["I", "flew", "to", "San", "Francisco", "Valley", "had", "loads", "of", "fun"],
        sent_starts: [true, false, false, false, false, false, true, false, false, false],
      });
      assert.equal(eg.text, "I flew to San Francisco Valley had loads of fun ");
      let split = eg.splitSents();
      assert.deepEqual(
        split.map((part) => part.text),
        ["I flew to San Francisco Valley ", "had loads of fun "],
      );
      eg = Example.fromDict(make(["I", "flew", "to", "San", "Francisco", "Valley", "had", "loads", "of fun"]), {
        words: ["I", "flew", "to", "San Francisco", "Valley", "had", "loads of", "fun"],
        sent_starts: [true, false, false, false, false, true, false, false],
      });
      split = eg.splitSents();
      assert.deepEqual(
        split.map((part) => part.text),
        ["I flew to San Francisco Valley ", "had loads of fun "],
      );
      assert.deepEqual(split[1]!.reference.words, ["had", "loads of", "fun"]);
      assert.deepEqual(split[1]!.predicted.words, ["had", "loads", "of fun"]);
    });

    it("carries annotations into each sentence, cutting what crosses the edge (spaCy's test_split_sents)", () => {
      const words = ["Hi", "there", "everyone", "It", "is", "just", "me"];
      const eg = Example.fromDict(make(words, { spaces: [true, true, true, true, true, true, false] }), {
        ids: [1, 2, 3, 4, 5, 6, 7],
        words,
        spaces: [true, true, true, true, true, true, false],
        tags: ["INTJ", "ADV", "PRON", "PRON", "AUX", "ADV", "PRON"],
        sent_starts: [1, 0, 0, 1, 0, 0, 0],
        entities: ["O", "B-X", "I-X", "L-X", "O", "O", "U-Y"],
      });
      assert.equal(eg.text, "Hi there everyone It is just me");
      const [first, second] = eg.splitSents();
      assert.equal(first!.text, "Hi there everyone ");
      assert.equal(second!.text, "It is just me");
      assert.deepEqual(first!.toDict().token_annotation.ORTH, ["Hi", "there", "everyone"]);
      assert.deepEqual(first!.toDict().token_annotation.TAG, ["INTJ", "ADV", "PRON"]);
      assert.deepEqual(first!.toDict().token_annotation.SENT_START, [1, 0, 0]);
      assert.deepEqual(second!.toDict().token_annotation.TAG, ["PRON", "AUX", "ADV", "PRON"]);
      // The entity "there everyone It" crosses the boundary: unknown on both sides.
      assert.deepEqual(first!.reference.entTags, ["O", "", ""]);
      assert.deepEqual(second!.reference.entTags, ["", "O", "O", "B-Y"]);
    });

    it("rewires heads that leave the sentence, as spaCy's Span.as_doc does", () => {
      const words = ["A", "b", ".", "C", "d", "."];
      const reference = make(words, {
        heads: [1, 1, 1, 4, 1, 4],
        deps: ["det", "ROOT", "punct", "det", "conj", "punct"],
        sentStarts: [true, false, false, true, false, false],
      });
      // The parse makes one sentence; split on explicit starts instead.
      reference.sentStarts.set([1, -1, -1, 1, -1, -1]);
      const [, second] = new Example(make(words), reference).splitSents();
      assert.deepEqual(Array.from(second!.reference.heads), [1, 1, 1]);
      assert.deepEqual(second!.reference.deps, ["det", "dep", "punct"]);
    });

    it("is [this] without sentence boundaries", () => {
      const eg = new Example(make(["a", "b"]), make(["a", "b"]));
      assert.deepEqual(eg.splitSents(), [eg]);
    });
  });

  it("aligns spaCy's tokenization of EWT with the treebank's (shared fixtures)", function () {
    const fixtures = needShared(this);
    const golden = join(fixtures, "golden");
    const goldDocs = readFileSync(join(golden, "en_ewt-ud-dev.spacy.jsonl"), "utf8").trim().split("\n").slice(0, 20);
    const sentences = readFileSync(join(golden, "tokenizer_en_ewt_dev.jsonl"), "utf8").trim().split("\n");
    interface GoldToken {
      text: string;
      ws: string;
      tag: string;
      head: number;
      dep: string;
      sent_start: boolean;
    }
    let sentence = 0;
    let checked = 0;
    for (const line of goldDocs) {
      const gold = JSON.parse(line) as { text: string; tokens: GoldToken[] };
      const reference = make(
        gold.tokens.map((t) => t.text),
        {
          spaces: gold.tokens.map((t) => t.ws !== ""),
          tags: gold.tokens.map((t) => t.tag),
          heads: gold.tokens.map((t) => t.head),
          deps: gold.tokens.map((t) => t.dep),
        },
      );
      const sentStarts = gold.tokens.filter((t) => t.sent_start).length;
      const words: string[] = [];
      const spaces: boolean[] = [];
      for (let k = 0; k < sentStarts; k++) {
        const tokenized = JSON.parse(sentences[sentence++]!) as { tokens: string[]; spaces: boolean[] };
        words.push(...tokenized.tokens);
        spaces.push(...tokenized.spaces.slice(0, -1), true);
      }
      const eg = new Example(make(words, { spaces }), reference);
      const { x2y, y2x } = eg.alignment;
      const tags = eg.getAligned("TAG");
      for (let i = 0; i < words.length; i++) {
        const ys = Array.from(x2y.get(i));
        for (const j of ys) assert.ok(y2x.get(j).includes(i));
        if (ys.length === 1 && reference.words[ys[0]!] === words[i]) {
          assert.equal(tags[i], reference.tags[ys[0]!]);
          checked++;
        }
      }
      const starts = eg.getAlignedSentStarts().filter((start) => start === true).length;
      assert.equal(starts, sentStarts);
      assert.equal(eg.splitSents().length, sentStarts);
    }
    assert.ok(checked > 2000, `only ${checked} tokens checked`);
  });
});
