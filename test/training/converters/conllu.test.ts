import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Doc } from "../../../src/tokens/doc.js";
import { convertText } from "../../../src/training/convert.js";
import { isTsnlpError } from "../../../src/util/errors.js";
import { needShared, SHARED } from "../../helpers/shared.js";
import { conversionError, convertFixture, ents } from "./helpers.js";

describe("conllu converter", () => {
  describe("sample.conllu, one sentence per doc", () => {
    let docs: Doc[] = [];
    let first: Doc | undefined;
    let second: Doc | undefined;
    before(() => {
      docs = convertFixture("sample.conllu", { converter: "conllu" });
      [first, second] = docs;
    });

    it("gives one doc per sentence and leaves out empty nodes", () => {
      assert.equal(docs.length, 3);
      assert.deepEqual(first!.words, ["I", "did", "n't", "go", "."]);
    });

    it("splits a multiword token with no space inside and its own SpaceAfter at the end", () => {
      assert.deepEqual(first!.spaces, [true, false, true, false, true]);
      assert.equal(first!.text, "I didn't go. ");
    });

    it("reads XPOS as tag (UPOS where XPOS is _), UPOS as pos, FEATS, LEMMA and DEPREL", () => {
      assert.deepEqual(first!.tags, ["PRP", "VBD", "RB", "VB", "."]);
      assert.deepEqual(second!.tags, ["NOUN", "VBD"]);
      assert.deepEqual(first!.pos, ["PRON", "AUX", "PART", "VERB", "PUNCT"]);
      assert.deepEqual(first!.lemmas, ["I", "do", "not", "go", "."]);
      assert.equal(first!.token(0).morph, "Case=Nom|Number=Sing|Person=1|PronType=Prs");
      assert.equal(first!.token(4).morph, "");
      assert.ok(first!.hasAnnotation("MORPH"), "FEATS '_' is an empty analysis, as in spaCy");
      assert.deepEqual(first!.deps, ["nsubj", "aux", "advmod", "ROOT", "punct"]);
    });

    it("turns 1-based heads into doc indices, a root being its own head", () => {
      assert.deepEqual(Array.from(first!.heads), [3, 3, 3, 3, 3]);
      assert.deepEqual(Array.from(second!.heads), [1, 1]);
    });
  });

  it("groups --n-sents sentences per doc with a space between sentences", () => {
    const docs = convertFixture("sample.conllu", { converter: "conllu", nSents: 2 });
    assert.equal(docs.length, 2);
    assert.equal(docs[0]!.text, "I didn't go. Rain fell");
    assert.deepEqual(
      docs[0]!.sents.map((sent) => sent.text),
      ["I didn't go.", "Rain fell"],
    );
    assert.deepEqual(Array.from(docs[0]!.heads.slice(5)), [6, 6]);
    const all = convertFixture("sample.conllu", { converter: "conllu", nSents: 0 });
    assert.equal(all.length, 1);
    assert.equal(all[0]!.text, "I didn't go. Rain fell Stop. ");
    assert.equal(all[0]!.sents.length, 3);
  });

  describe("--merge-subtokens", () => {
    let doc: Doc | undefined;
    before(() => {
      [doc] = convertFixture("sample.conllu", { converter: "conllu", mergeSubtokens: true });
    });

    it("keeps the multiword token whole, with the space of its last word", () => {
      assert.deepEqual(doc!.words, ["I", "didn't", "go", "."]);
      assert.equal(doc!.text, "I didn't go. ");
    });

    it("joins tags with _ and lemmas with a space, unites the features, and takes pos, dep and head from the span's root", () => {
      const token = doc!.token(1);
      assert.equal(token.tag, "VBD_RB");
      assert.equal(token.lemma, "do not");
      assert.equal(token.morph, "Mood=Ind|Number=Sing|Person=1|Polarity=Neg|Tense=Past|VerbForm=Fin");
      assert.equal(token.pos, "AUX");
      assert.equal(token.dep, "aux");
      assert.deepEqual(Array.from(doc!.heads), [2, 2, 2, 2]);
    });
  });

  it("--morphology appends the file's FEATS to each tag that has features", () => {
    const [doc] = convertFixture("sample.conllu", { converter: "conllu", morphology: true });
    assert.equal(doc!.tags[0], "PRP__Case=Nom|Number=Sing|Person=1|PronType=Prs");
    assert.equal(doc!.tags[4], ".");
    const [merged] = convertFixture("sample.conllu", { converter: "conllu", morphology: true, mergeSubtokens: true });
    assert.equal(merged!.tags[1], "VBD_RB__Mood=Ind|Number=Sing|Person=1|Polarity=Neg|Tense=Past|VerbForm=Fin");
  });

  describe("entities in MISC", () => {
    it("reads NE= tags, with O for every other token", () => {
      const [doc, today] = convertFixture("entities.conllu", { converter: "conllu" });
      assert.deepEqual(ents(doc!), ["Alice/PER", "New York/LOC"]);
      assert.equal(doc!.token(1).entIob, "O");
      assert.deepEqual(ents(today!), ["Today/DATE"]);
    });

    it("renames labels with the NER map and drops those mapped to ''", () => {
      const [doc] = convertFixture("entities.conllu", { converter: "conllu", nerMap: { LOC: "GPE", PER: "" } });
      assert.deepEqual(ents(doc!), ["New York/GPE"]);
    });

    it("gives a merged multiword token the entity of its root", () => {
      const [, today] = convertFixture("entities.conllu", { converter: "conllu", mergeSubtokens: true });
      assert.deepEqual(today!.words, ["Today's", "news", "matters"]);
      assert.deepEqual(ents(today!), ["Today's/DATE"]);
    });

    it("sets no entity annotation when no line has one", () => {
      const [doc] = convertFixture("sample.conllu", { converter: "conllu" });
      assert.equal(doc!.hasAnnotation("ENT_IOB"), false);
    });
  });

  describe("malformed input: the file and the line", () => {
    it("a line without 10 columns", () => {
      const error = conversionError("bad_columns.conllu", { converter: "conllu" }, 4);
      assert.match(error.message, /9 tab-separated columns; CoNLL-U lines have 10/);
    });

    it("a HEAD that is not a number", () => {
      const error = conversionError("bad_head.conllu", { converter: "conllu" }, 4);
      assert.match(error.message, /HEAD 'two' is not a number/);
    });

    it("a HEAD outside the sentence", () => {
      const error = conversionError("head_out_of_range.conllu", { converter: "conllu" }, 5);
      assert.match(error.message, /HEAD 7 is outside the sentence, which has 2 words/);
    });

    it("word IDs out of order (a missing blank line) and a bad UPOS", () => {
      const text = "1\tA\ta\tX\t_\t_\t0\troot\t_\t_\n1\tB\tb\tX\t_\t_\t0\troot\t_\t_\n";
      assert.throws(
        () => convertText(text, { converter: "conllu", file: "t.conllu" }),
        (error) => isTsnlpError(error) && error.line === 2 && /Word ID 1 where 2/.test(error.message),
      );
      const upos = "1\tA\ta\tNOPE\t_\t_\t0\troot\t_\t_\n";
      assert.throws(
        () => convertText(upos, { converter: "conllu", file: "t.conllu" }),
        (error) => isTsnlpError(error) && error.line === 1 && /'NOPE' is not a Universal Dependencies/.test(error.message),
      );
    });

    it("overlapping multiword tokens", () => {
      const text = "1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_\n";
      assert.throws(
        () => convertText(text, { converter: "conllu", file: "t.conllu" }),
        (error) => isTsnlpError(error) && error.line === 3 && /2-3 overlaps 1-2/.test(error.message),
      );
    });

    it("FEATS that are not Field=Value", () => {
      const text = "1\tA\ta\tX\t_\tPlural\t0\troot\t_\t_\n";
      assert.throws(
        () => convertText(text, { converter: "conllu", file: "t.conllu" }),
        (error) => isTsnlpError(error) && error.line === 1 && /FEATS column/.test(error.message),
      );
    });
  });

  describe("UD English-EWT dev against spaCy 3.5.4 (spacy convert --converter conllu --n-sents 10)", () => {
    it("gives exactly spaCy's docs: every field of every token", function () {
      const fixtures = needShared(this, "the EWT parity test");
      this.timeout(60000);
      const text = readFileSync(join(SHARED, "data/ud_en_ewt/en_ewt-ud-dev.conllu"), "utf8");
      const docs = convertText(text, { converter: "conllu", nSents: 10 });
      const gold = readFileSync(join(fixtures, "golden/en_ewt-ud-dev.spacy.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { text: string; tokens: Array<Record<string, unknown>> });
      assert.equal(docs.length, 201);
      assert.equal(gold.length, 201);
      let tokens = 0;
      gold.forEach((expected, d) => {
        const doc = docs[d]!;
        assert.equal(doc.text, expected.text, `text of doc ${d}`);
        assert.equal(doc.length, expected.tokens.length, `tokens of doc ${d}`);
        expected.tokens.forEach((want, i) => {
          const token = doc.token(i);
          const got = {
            text: token.text,
            ws: token.whitespace,
            tag: token.tag,
            pos: token.pos,
            lemma: token.lemma,
            morph: token.morph,
            head: doc.heads[i],
            dep: token.dep,
            ent_iob: token.entIob,
            ent_type: token.entType,
            sent_start: token.isSentStart,
          };
          assert.deepEqual(Object.keys(want).sort(), Object.keys(got).sort());
          assert.deepEqual(got, want, `doc ${d}, token ${i}`);
          tokens++;
        });
      });
      assert.equal(tokens, 25147);
    });
  });
});
