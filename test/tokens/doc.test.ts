import { strict as assert } from "node:assert";
import { Doc, StringStore, Vocab, normalizeFeats } from "../../src/tokens/index.js";

const vocab = new Vocab({ lang: "en" });

function parsed(): Doc {
  // "She ate the pizza . It was good ." as two sentences.
  return new Doc(vocab, {
    words: ["She", "ate", "the", "pizza", ".", "It", "was", "good", "."],
    spaces: [true, true, true, false, true, true, true, false, false],
    heads: [1, 1, 3, 1, 1, 6, 6, 6, 6],
    deps: ["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "ROOT", "acomp", "punct"],
    tags: ["PRP", "VBD", "DT", "NN", ".", "PRP", "VBD", "JJ", "."],
    pos: ["PRON", "VERB", "DET", "NOUN", "PUNCT", "PRON", "AUX", "ADJ", "PUNCT"],
    morphs: ["Person=3|Case=Nom", "", "", "Number=Sing", "_", "", "", "", ""],
  });
}

describe("Doc", () => {
  it("rebuilds the text from words and spaces, with token offsets", () => {
    const doc = new Doc(vocab, { words: ["Hello", ",", "world", "!"], spaces: [false, true, false, false] });
    assert.equal(doc.text, "Hello, world!");
    assert.deepEqual(Array.from(doc.idx), [0, 5, 7, 12]);
    assert.equal(doc.token(2).whitespace, "");
    assert.equal(doc.token(-1).text, "!");
    assert.equal(new Doc(vocab, { words: ["a", "b"] }).text, "a b ");
  });

  it("refuses empty words and columns of the wrong length", () => {
    assert.throws(() => new Doc(vocab, { words: ["a", ""] }), /Word 1 is the empty string/);
    assert.throws(() => new Doc(vocab, { words: ["a", "b"], tags: ["X"] }), /tags has 1 values for 2 words/);
    assert.throws(() => new Doc(vocab, { words: ["a"], heads: [3], deps: ["x"] }), /head of token 0 \('a'\) is 3/);
  });

  it("shares lexemes and exposes lexical attributes through tokens", () => {
    const doc = new Doc(vocab, { words: ["Apple", "apple", "3.14"] });
    assert.equal(doc.lexemes[0], vocab.get("Apple"));
    assert.equal(doc.token(0).isTitle, true);
    assert.equal(doc.token(1).norm, "apple");
    assert.equal(doc.token(2).likeNum, true);
    doc.token(1).norm = "APPLE";
    assert.equal(doc.token(1).norm, "APPLE");
    assert.equal(vocab.get("apple").norm, "apple", "a token's norm does not change the lexeme");
    doc.norms[1] = "";
    assert.equal(doc.token(1).norm, "apple", "an empty norm (0 in a .spacy file) falls back to the lexeme's, as in spaCy");
    assert.equal(doc.toArray(["NORM"]).data[1], vocab.strings.add("apple"));
  });

  it("reads entities from IOB and BILUO tags, an I with nothing before it beginning one", () => {
    const doc = new Doc(vocab, { words: ["New", "York", "is", "in", "the", "US", "."], ents: ["B-GPE", "I-GPE", "O", "I-LOC", "-", "U-GPE", "O"] });
    assert.deepEqual(
      doc.ents.map((ent) => [ent.text, ent.label]),
      [["New York", "GPE"], ["in", "LOC"], ["US", "GPE"]],
    );
    assert.deepEqual(doc.entTags, ["B-GPE", "I-GPE", "O", "I-LOC", "", "B-GPE", "O"]);
    assert.equal(doc.token(4).entIob, "");
    assert.throws(() => doc.setEntTags(["X-GPE", "O", "O", "O", "O", "O", "O"]), /'X-GPE' \(token 0, 'New'\) is not an entity tag/);
  });

  it("sets entities with spaCy's defaults for the other tokens", () => {
    const doc = new Doc(vocab, { words: ["a", "b", "c", "d"] });
    doc.ents = [doc.span(1, 3, { label: "X" })];
    assert.deepEqual(doc.entTags, ["O", "B-X", "I-X", "O"]);
    doc.setEnts([doc.span(0, 1, { label: "Y" })], { default: "unmodified" });
    assert.deepEqual(doc.entTags, ["B-Y", "B-X", "I-X", "O"]);
    doc.setEnts([], { default: "missing", outside: [doc.span(3, 4)] });
    assert.deepEqual(doc.entTags, ["", "", "", "O"]);
    assert.throws(() => doc.setEnts([doc.span(0, 2, { label: "A" }), doc.span(1, 3, { label: "B" })]), /Entities overlap at token 1/);
  });

  it("finds spans by character offsets in each alignment mode", () => {
    const doc = new Doc(vocab, { words: ["San", "Francisco", "rocks"] });
    assert.equal(doc.charSpan(0, 13, { label: "GPE" })?.text, "San Francisco");
    assert.equal(doc.charSpan(0, 13, { label: "GPE" })?.label, "GPE");
    assert.equal(doc.charSpan(1, 13), null);
    assert.equal(doc.charSpan(1, 13, { alignmentMode: "contract" })?.text, "Francisco");
    assert.equal(doc.charSpan(1, 6, { alignmentMode: "expand" })?.text, "San Francisco");
    assert.equal(doc.charSpan(0, 5, { alignmentMode: "contract" })?.text, "San");
  });

  it("derives sentences from a parse, and from sentence starts", () => {
    const doc = parsed();
    assert.deepEqual(
      doc.sents.map((sent) => sent.text),
      ["She ate the pizza.", "It was good."],
    );
    assert.equal(doc.token(5).sentStart, true);
    assert.equal(doc.token(6).sentStart, false);
    const marked = new Doc(vocab, { words: ["a", "b", "c"], sentStarts: [true, false, true] });
    assert.deepEqual(
      marked.sents.map((sent) => sent.length),
      [2, 1],
    );
    assert.throws(() => new Doc(vocab, { words: ["a", "b"] }).sents, /no sentence boundaries/);
  });

  it("navigates the tree", () => {
    const doc = parsed();
    const ate = doc.token(1);
    assert.deepEqual(
      ate.children.map((t) => t.text),
      ["She", "pizza", "."],
    );
    assert.deepEqual(
      doc.token(3).subtree.map((t) => t.text),
      ["the", "pizza"],
    );
    assert.deepEqual(
      doc.token(2).ancestors.map((t) => t.text),
      ["pizza", "ate"],
    );
    assert.equal(doc.token(3).leftEdge.text, "the");
    assert.equal(ate.head.i, 1);
  });

  it("normalises morphological features and keeps 'none' apart from 'unknown'", () => {
    const doc = parsed();
    assert.equal(doc.token(0).morph, "Case=Nom|Person=3");
    assert.deepEqual(doc.token(0).morphFeatures, { Case: "Nom", Person: "3" });
    assert.equal(doc.morphs[4], "_");
    assert.equal(doc.morphs[1], "");
    assert.equal(normalizeFeats("PronType=Prs,Art|Case=Acc"), "Case=Acc|PronType=Art,Prs");
    assert.throws(() => normalizeFeats("Case"), /'Case' in the morphological features 'Case' is not of the form Field=Value/);
  });

  it("gives spaCy's 64-bit values in toArray and reads them back", () => {
    const doc = parsed();
    doc.ents = [doc.span(0, 1, { label: "PERSON" })];
    const attrs = ["ORTH", "POS", "HEAD", "DEP", "MORPH", "ENT_IOB", "SENT_START", "IS_PUNCT", "SPACY", "TAG", "ENT_TYPE"];
    const array = doc.toArray(attrs);
    assert.equal(array.rows, 9);
    assert.equal(array.cols, attrs.length);
    const row = (i: number) => Array.from(array.data.subarray(i * attrs.length, (i + 1) * attrs.length));
    assert.equal(row(0)[0], new StringStore().add("She"));
    assert.equal(row(0)[1], 95n, "PRON is symbol 95");
    assert.equal(row(0)[2], 1n, "head one to the right");
    assert.equal(row(2)[2], 1n);
    assert.equal(row(4)[2], 2n ** 64n - 3n, "head three to the left, as two's complement");
    assert.equal(row(4)[4], 456n, "'_' (no features) is a symbol");
    assert.equal(row(1)[4], 0n, "no morph annotation is 0");
    assert.equal(row(0)[5], 3n);
    assert.equal(row(1)[5], 2n);
    assert.equal(row(1)[6], 2n ** 64n - 1n, "-1: not a sentence start");
    assert.equal(row(4)[7], 1n);
    assert.equal(row(3)[8], 0n);

    const copy = new Doc(vocab, { words: doc.words, spaces: doc.spaces });
    copy.fromArray(attrs, array);
    assert.deepEqual(copy.toJSON(), doc.toJSON());
    assert.deepEqual(copy.entTags, doc.entTags);
    assert.throws(() => copy.fromArray(["ORTH"], array), /the doc has 9 tokens and 1 attributes were named/);
    assert.throws(() => doc.toArray(["ORTHO"]), /'ORTHO' is not a token attribute. Did you mean 'ORTH'/);
  });

  it("round-trips through spaCy's JSON form, counting offsets in code points", () => {
    const doc = new Doc(vocab, { words: ["I", "❤️", "🍕", "in", "Roma"], spaces: [true, true, true, true, false], sentStarts: [true, false, false, false, false] });
    doc.ents = [doc.span(4, 5, { label: "GPE" })];
    doc.cats = { FOOD: 1, SPORT: 0 };
    doc.spans.set("sc", [doc.span(1, 3, { label: "EMOJI" }), doc.span(2, 3, { label: "FOOD", kbId: "Q177" })]);
    const json = doc.toJSON();
    assert.equal(doc.text.length, 15, "UTF-16 units");
    assert.deepEqual(json.ents, [{ start: 10, end: 14, label: "GPE" }], "code points");
    const back = Doc.fromJSON(vocab, JSON.parse(JSON.stringify(json)));
    assert.equal(back.text, doc.text);
    assert.deepEqual(back.words, doc.words);
    assert.deepEqual(back.toJSON(), json);
    assert.equal(back.spans.get("sc")?.at(1)?.kbId, "Q177");
    assert.throws(() => Doc.fromJSON(vocab, { text: "ab", tokens: [{ id: 0, start: 0, end: 3 }] }), /Token 0 has offsets \[0, 3\) outside the text/);
    assert.throws(
      () => Doc.fromJSON(vocab, { text: "ab cd", tokens: [{ id: 0, start: 0, end: 2 }, { id: 1, start: 3, end: 5 }], ents: [{ start: 1, end: 5, label: "X" }] }),
      /entity \[1, 5\) 'X' does not start and end on token boundaries/,
    );
  });

  it("keeps span groups, which may overlap, apart from entities", () => {
    const doc = new Doc(vocab, { words: ["a", "b", "c"] });
    const group = doc.spans.set("sc", [doc.span(0, 2, { label: "X" }), doc.span(1, 3, { label: "Y" })], { note: 1 });
    assert.equal(group.length, 2);
    assert.deepEqual(doc.spans.keys(), ["sc"]);
    assert.deepEqual(group.attrs, { note: 1 });
    const other = new Doc(vocab, { words: ["a"] });
    assert.throws(() => doc.spans.set("x", [other.span(0, 1)]), /belongs to another doc/);
    assert.throws(() => doc.span(2, 5), /does not fit a doc of 3 tokens/);
  });
});

describe("Doc.copy", () => {
  it("copies every annotation, and the copy is independent", () => {
    const vocab = new Vocab({ lang: "en" });
    const doc = new Doc(vocab, { words: ["Ada", "Lovelace", "wrote", "notes"], tags: ["NNP", "NNP", "VBD", "NNS"], heads: [1, 2, 2, 2], deps: ["compound", "nsubj", "ROOT", "dobj"], ents: ["B-PERSON", "L-PERSON", "O", "O"] });
    doc.cats = { BIO: 1 };
    doc.spans.set("sc", [doc.span(0, 2, { label: "PERSON" })], { scores: [0.9] });
    doc.userData.note = { kept: true };
    doc.tensor = { data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), width: 2 };
    const copy = doc.copy();
    assert.deepEqual(copy.toJSON(), doc.toJSON());
    assert.deepEqual(copy.spans.get("sc")!.attrs, { scores: [0.9] });
    assert.equal(copy.spans.get("sc")!.at(0)!.doc, copy);
    assert.deepEqual([...copy.tensor!.data], [1, 2, 3, 4, 5, 6, 7, 8]);
    copy.tags[0] = "NN";
    copy.cats.BIO = 0;
    (copy.userData.note as { kept: boolean }).kept = false;
    copy.tensor!.data[0] = 9;
    assert.equal(doc.tags[0], "NNP");
    assert.equal(doc.cats.BIO, 1);
    assert.deepEqual(doc.userData.note, { kept: true });
    assert.equal(doc.tensor.data[0], 1);
  });
});
