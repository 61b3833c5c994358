import assert from "node:assert/strict";
import { Doc, type DocInit } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import type { ExampleDict } from "../../src/tokens/example-dict.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { TsnlpError } from "../../src/util/errors.js";

const vocab = new Vocab();
const make = (words: string[], init: Omit<DocInit, "words"> = {}) => new Doc(vocab, { words, ...init });
const cities = ["I", "like", "New", "York", "and", "Berlin", "."];

describe("tokens/example fromDict and toDict", () => {
  describe("keys", () => {
    it("reads every token annotation", () => {
      const words = ["Sarah", "'s", "sister", "flew"];
      const eg = Example.fromDict(make(words), {
        words,
        spaces: [false, true, true, false],
        tags: ["NNP", "POS", "NN", "VBD"],
        pos: ["PROPN", "PART", "NOUN", "VERB"],
        morphs: ["NounType=prop|Number=sing", "Poss=yes", "Number=sing", "Tense=past|VerbForm=fin"],
        lemmas: ["Sarah", "'s", "sister", "fly"],
        heads: [2, 0, 3, 3],
        deps: ["poss", "case", "nsubj", "ROOT"],
      });
      const y = eg.reference;
      assert.equal(y.text, "Sarah's sister flew");
      assert.deepEqual(y.tags, ["NNP", "POS", "NN", "VBD"]);
      assert.deepEqual(y.pos, ["PROPN", "PART", "NOUN", "VERB"]);
      assert.deepEqual(
        y.tokens.map((t) => t.morph),
        ["NounType=prop|Number=sing", "Poss=yes", "Number=sing", "Tense=past|VerbForm=fin"],
      );
      assert.deepEqual(y.lemmas, ["Sarah", "'s", "sister", "fly"]);
      assert.deepEqual(Array.from(y.heads), [2, 0, 3, 3]);
      assert.deepEqual(y.deps, ["poss", "case", "nsubj", "ROOT"]);
      assert.equal(y.vocab, vocab);
    });

    it("takes the predicted tokens when no words are given", () => {
      const predicted = make(["I", "like", "stuff"], { spaces: [true, true, false] });
      const eg = Example.fromDict(predicted, { TAGS: ["NOUN", "VERB", "NOUN"] });
      assert.deepEqual(eg.reference.words, predicted.words);
      assert.equal(eg.reference.text, predicted.text);
      assert.deepEqual(eg.getAligned("TAG"), ["NOUN", "VERB", "NOUN"]);
    });

    it("aligns tags given for another tokenization (spaCy's test_Example_from_dict_with_tags)", () => {
      for (const words of [["ice", "cream"], ["icecream"], ["i", "ce", "cream"]]) {
        const eg = Example.fromDict(make(words), { words: ["icecream"], tags: ["NN"] });
        assert.deepEqual(
          eg.getAligned("TAG"),
          words.map(() => "NN"),
        );
      }
    });

    it("guesses spaces from the text, else puts one after every word", () => {
      const words = ["Hello", ",", "world", "!"];
      const predicted = make(words, { spaces: [false, true, false, false] });
      assert.deepEqual(Example.fromDict(predicted, { words, text: "Hello, world!" }).reference.spaces, [false, true, false, false]);
      assert.deepEqual(Example.fromDict(predicted, { words }).reference.spaces, [true, true, true, true]);
    });

    it("reads sentence starts the way spaCy does (spaCy's test_Example_from_dict_with_sent_start)", () => {
      const words = ["This", "is", "one", "sentence", "this", "is", "another"];
      const eg = Example.fromDict(make(words), { words, sent_starts: [1, false, 0, null, true, -1, -5.7] });
      assert.deepEqual(
        eg.reference.tokens.map((t) => t.sentStart),
        [true, false, null, null, true, false, false],
      );
      assert.equal(eg.reference.sents.length, 2);
    });

    it("lets a labelled parse decide sentence starts, and ignores heads without labels (spaCy's test_Example_missing_deps)", () => {
      const words = ["I", "like", "London", "and", "Berlin", "."];
      const heads = [1, 1, 1, 2, 2, 1];
      const deps = ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"];
      const headsOnly = Example.fromDict(make(words), { words, heads });
      assert.deepEqual(Array.from(headsOnly.reference.heads), [0, 1, 2, 3, 4, 5]);
      assert.ok(!headsOnly.reference.hasAnnotation("DEP"));
      const parsed = Example.fromDict(make(words), { words, heads, deps, sent_starts: [1, 0, 0, 1, 0, 0] });
      assert.deepEqual(Array.from(parsed.reference.heads), heads);
      assert.deepEqual(Array.from(parsed.reference.sentStarts), [1, -1, -1, -1, -1, -1]);
      const labelsOnly = Example.fromDict(make(words), { words, deps });
      assert.deepEqual(labelsOnly.reference.deps, deps);
      assert.deepEqual(Array.from(labelsOnly.reference.heads), [0, 1, 2, 3, 4, 5]);
    });

    it("reads entity offsets (spaCy's test_Example_from_dict_with_entities)", () => {
      const eg = Example.fromDict(make(cities), {
        words: cities,
        entities: [
          [7, 15, "LOC"],
          [20, 26, "LOC"],
        ],
      });
      assert.deepEqual(eg.reference.entTags, ["O", "O", "B-LOC", "I-LOC", "O", "B-LOC", "O"]);
      assert.deepEqual(eg.getAligned("ENT_IOB"), [2, 2, 3, 1, 2, 3, 2]);
    });

    it("reads BILUO tags, IOB tags and the 'ner' alias", () => {
      const biluo = Example.fromDict(make(cities), { words: cities, entities: ["O", "O", "B-LOC", "L-LOC", "-", "U-LOC", "O"] });
      assert.deepEqual(biluo.reference.entTags, ["O", "O", "B-LOC", "I-LOC", "", "B-LOC", "O"]);
      const iob = Example.fromDict(make(cities), { words: cities, ner: ["O", "O", "B-LOC", "I-LOC", null, "B-LOC", "O"] });
      assert.deepEqual(iob.reference.entTags, biluo.reference.entTags);
      // spaCy's test_gold_ner_missing_tags
      const missing = Example.fromDict(make(cities), { entities: [null, "O", "O", "B-LOC", "L-LOC", "O", "U-GPE"] });
      assert.deepEqual(missing.getAligned("ENT_IOB"), [0, 2, 2, 3, 1, 2, 3]);
    });

    it("tells empty entities (all outside) from none (unknown)", () => {
      const empty = Example.fromDict(make(cities), { words: cities, entities: [] });
      assert.ok(empty.reference.hasAnnotation("ENT_IOB"));
      assert.ok(empty.reference.entTags.every((tag) => tag === "O"));
      assert.ok(!Example.fromDict(make(cities), { words: cities, entities: null }).reference.hasAnnotation("ENT_IOB"));
      assert.ok(!Example.fromDict(make(cities), { words: cities }).reference.hasAnnotation("ENT_IOB"));
    });

    it("reads span groups, overlapping or not (spaCy's test_Example_from_dict_with_spans)", () => {
      const eg = Example.fromDict(make(cities), {
        words: cities,
        spans: {
          cities: [
            [7, 15, "LOC"],
            [11, 15, "LOC"],
            [20, 26, "LOC"],
          ],
          people: [[0, 1, "PERSON", "Q1"]],
        },
      });
      assert.equal(eg.reference.ents.length, 0);
      assert.deepEqual(
        eg.reference.spans.get("cities")!.spans.map((span) => [span.text, span.label]),
        [
          ["New York", "LOC"],
          ["York", "LOC"],
          ["Berlin", "LOC"],
        ],
      );
      const [person] = eg.reference.spans.get("people")!.spans;
      assert.deepEqual([person!.text, person!.label, person!.kbId], ["I", "PERSON", "Q1"]);
    });

    it("reads cats and ignores links", () => {
      const eg = Example.fromDict(make(["This", "is", "a", "sentence"]), {
        cats: { cat1: 1.0, cat2: 0.0, cat3: 0.5, cat4: true } as unknown as Record<string, number>,
        links: { "7,15": { Q60: 1.0 } },
      });
      assert.deepEqual(eg.reference.cats, { cat1: 1, cat2: 0, cat3: 0.5, cat4: 1 });
    });

    it("reads the nested layout, and skips text, ids and brackets", () => {
      const eg = Example.fromDict(make(["a", "b"]), {
        ids: [1, 2],
        token_annotation: { ORTH: ["a", "b"], SPACY: [true, false], TAG: ["X", "Y"], brackets: [] },
        doc_annotation: { cats: { A: 1 }, entities: ["U-L", "O"] },
      });
      assert.deepEqual(eg.reference.tags, ["X", "Y"]);
      assert.deepEqual(eg.reference.entTags, ["B-L", "O"]);
      assert.deepEqual(eg.reference.cats, { A: 1 });
    });

    it("counts entity and span offsets in code points, as Python does", () => {
      const words = ["Eat", "🍕", "in", "New", "York"];
      const eg = Example.fromDict(make(words), {
        words,
        entities: [[9, 17, "GPE"]],
        spans: { food: [[4, 5, "FOOD"]] },
      });
      assert.deepEqual(
        eg.reference.ents.map((ent) => [ent.text, ent.startChar]),
        [["New York", 10]],
      );
      assert.equal(eg.reference.spans.get("food")!.spans[0]!.text, "🍕");
      assert.deepEqual(eg.toDict().doc_annotation.spans, { food: [[4, 5, "FOOD", ""]] });
      assert.deepEqual(eg.getAlignedNer(), ["O", "O", "O", "B-GPE", "L-GPE"]);
    });
  });

  describe("errors", () => {
    const catchError = (run: () => unknown): TsnlpError => {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof TsnlpError, String(error));
        return error;
      }
      assert.fail("no error");
    };

    it("names an unknown key and suggests the right one", () => {
      const error = catchError(() => Example.fromDict(make(["ice", "cream"]), { words: ["ice", "cream"], weirdannots: ["something", "such"] }));
      assert.equal(error.code, "E_EXAMPLE_KEY");
      assert.match(error.message, /'weirdannots'/);
      assert.match(catchError(() => Example.fromDict(make(["a"]), { lemma: ["a"] })).message, /Did you mean .*'lemmas'/);
      assert.match(catchError(() => Example.fromDict(make(["a"]), { entites: [] })).message, /Did you mean 'entities'/);
      assert.match(
        catchError(() => Example.fromDict(make(["a"]), { doc_annotation: { catz: { A: 1 } } })).message,
        /'catz' is not a doc annotation. Did you mean 'cats'/,
      );
      // spaCy refuses "raw" too (it is read only as "text").
      assert.equal(catchError(() => Example.fromDict(make(["a"]), { raw: "a" })).code, "E_EXAMPLE_KEY");
    });

    it("says which column has the wrong length", () => {
      const error = catchError(() => Example.fromDict(make(["a", "b", "c"]), { tags: ["X", "Y"] }));
      assert.equal(error.code, "E_EXAMPLE_LENGTH");
      assert.match(error.message, /'tags' has 2 values for 3 words/);
      assert.match(catchError(() => Example.fromDict(make(["a", "b"]), { words: ["a", "b"], spaces: [true] })).message, /'spaces' has 1 values for 2 words/);
      assert.match(catchError(() => Example.fromDict(make(["a", "b"]), { entities: ["O"] })).message, /'entities' has 1 tags for 2 words/);
    });

    it("checks the values of each column", () => {
      assert.match(catchError(() => Example.fromDict(make(["a", "b"]), { tags: ["X", 3] as unknown as string[] })).message, /Value 1 of 'tags' is 3/);
      assert.match(catchError(() => Example.fromDict(make(["a", "b"]), { heads: [0, 5], deps: ["x", "y"] })).message, /Value 1 of 'heads' is 5, .*from 0 to 1/);
      assert.match(catchError(() => Example.fromDict(make(["a", "b"]), { entities: ["O", "LOC"] })).message, /Entity tag 1 is "LOC"/);
      assert.match(catchError(() => Example.fromDict(make(["a"]), { tags: "X" as unknown as string[] })).message, /'tags' must be a list/);
      assert.match(catchError(() => Example.fromDict(make(["a"]), { cats: { A: "yes" } as unknown as Record<string, number> })).message, /category 'A'/);
      assert.equal(catchError(() => Example.fromDict(make(["a"]), "a" as unknown as ExampleDict)).code, "E_EXAMPLE_DICT");
    });

    it("refuses words that spell another text", () => {
      const error = catchError(() => Example.fromDict(make(["I", "like", "it"]), { words: ["I", "love", "it"] }));
      assert.equal(error.code, "E_ALIGN_TEXT");
      assert.match(error.message, /'like'.*'love'/);
    });

    it("refuses overlapping entities (spaCy's test_Example_from_dict_with_entities_overlapping)", () => {
      const error = catchError(() =>
        Example.fromDict(make(cities), {
          words: cities,
          entities: [
            [7, 15, "LOC"],
            [11, 15, "LOC"],
          ],
        }),
      );
      assert.equal(error.code, "E_OVERLAPPING_ENTS");
    });

    it("marks misaligned entities unknown with a warning, or refuses them when asked", () => {
      const warnings: string[] = [];
      const entities: Array<[number, number, string]> = [
        [0, 4, "LOC"],
        [21, 27, "LOC"],
      ];
      const eg = Example.fromDict(make(cities), { words: cities, entities }, { onWarning: (message) => warnings.push(message) });
      assert.equal(eg.reference.ents.length, 0);
      assert.deepEqual(eg.reference.entTags, ["", "", "O", "O", "O", "", "O"]);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /\[0, 4\) 'I li' \(LOC\), \[21, 27\) 'erlin ' \(LOC\)/);
      const error = catchError(() => Example.fromDict(make(cities), { words: cities, entities }, { misalignedEntities: "error" }));
      assert.equal(error.code, "E_MISALIGNED_ENTITY");
      assert.ok(error.hint);
    });

    it("refuses entity offsets outside the text or of the wrong shape", () => {
      assert.match(catchError(() => Example.fromDict(make(cities), { entities: [[7, 99, "LOC"]] })).message, /Entity 0 is \[7,99,"LOC"\]/);
      assert.equal(
        catchError(() => Example.fromDict(make(cities), { entities: [[7, 15]] as unknown as Array<[number, number, string]> })).code,
        "E_EXAMPLE_DICT",
      );
      assert.equal(catchError(() => Example.fromDict(make(cities), { entities: "LOC" as unknown as string[] })).code, "E_EXAMPLE_DICT");
      assert.equal(catchError(() => Example.fromDict(make(cities), { entities: [{}] as unknown as string[] })).code, "E_EXAMPLE_DICT");
    });

    it("refuses spans of the wrong shape (spaCy's test_Example_from_dict_with_spans_invalid) or off token boundaries", () => {
      const invalid: unknown[] = [[[0, 1, "PERSON"]], { cities: [7, 15, "LOC"] }, { cities: [7, 11] }, { cities: [[7]] }];
      for (const spans of invalid) {
        assert.equal(catchError(() => Example.fromDict(make(cities), { spans: spans as ExampleDict["spans"] })).code, "E_EXAMPLE_DICT", JSON.stringify(spans));
      }
      const error = catchError(() => Example.fromDict(make(cities), { spans: { cities: [[7, 14, "LOC"]] } }));
      assert.equal(error.code, "E_MISALIGNED_SPAN");
      assert.match(error.message, /\[7, 14\) 'LOC'/);
    });

    it("refuses ill-formed BILUO sequences", () => {
      assert.equal(catchError(() => Example.fromDict(make(["a", "b"]), { entities: ["O", "L-X"] })).code, "E_BAD_BILUO_SEQUENCE");
    });
  });

  describe("toDict", () => {
    it("writes spaCy's layout", () => {
      const eg = Example.fromDict(make(["I", "like", "New", "York"]), {
        tags: ["PRP", "VBP", "NNP", "NNP"],
        entities: ["O", "O", "B-GPE", "L-GPE"],
        spans: { sc: [[7, 15, "GPE"]] },
        cats: { GEO: 1 },
      });
      const dict = eg.toDict();
      assert.deepEqual(Object.keys(dict.token_annotation), ["ORTH", "SPACY", "TAG", "LEMMA", "POS", "MORPH", "HEAD", "DEP", "SENT_START"]);
      assert.deepEqual(dict.doc_annotation, { cats: { GEO: 1 }, entities: ["O", "O", "B-GPE", "L-GPE"], spans: { sc: [[7, 15, "GPE", ""]] } });
      assert.deepEqual(dict.token_annotation.TAG, ["PRP", "VBP", "NNP", "NNP"]);
      assert.deepEqual(dict.token_annotation.HEAD, [0, 1, 2, 3]);
      assert.deepEqual(JSON.parse(JSON.stringify(eg)), dict);
    });

    it("round-trips through fromDict, unknown annotation included", () => {
      const words = ["Sarah", "'s", "sister", "flew", "to", "Silicon", "Valley", ".", "She", "🛬", "."];
      const predicted = make(["Sarah's", "sister", "flew", "to", "Silicon", "Valley", ".", "She", "🛬", "."], {
        spaces: [true, true, true, true, true, false, true, true, false, false],
      });
      const original = Example.fromDict(predicted, {
        words,
        spaces: [false, true, true, true, true, false, true, true, true, false, false],
        tags: ["NNP", "POS", "NN", "VBD", "IN", "NNP", "NNP", ".", "PRP", "NN", "."],
        pos: ["PROPN", "PART", "NOUN", "VERB", "ADP", "PROPN", "PROPN", "PUNCT", "PRON", "", "PUNCT"],
        morphs: ["Number=Sing", "Poss=Yes", "", "_", "", "", "", "", "", "", ""],
        lemmas: ["Sarah", "'s", "sister", "fly", "to", "Silicon", "Valley", ".", "she", "", "."],
        heads: [2, 0, 3, 3, 3, 6, 4, 3, 8, null, 8],
        deps: ["poss", "case", "nsubj", "ROOT", "prep", "compound", "pobj", "punct", "ROOT", null, "punct"],
        entities: ["U-PERSON", "O", "O", "O", "O", "B-LOC", "L-LOC", "O", "-", "-", "O"],
        spans: {
          sc: [
            [0, 7, "PERSON", "Q1"],
            [43, 44, "PLANE"],
          ],
        },
        cats: { TRAVEL: 1, BAKING: 0 },
      });
      const again = Example.fromDict(predicted, JSON.parse(JSON.stringify(original.toDict())) as ExampleDict);
      const [a, b] = [original.reference, again.reference];
      assert.equal(b.text, a.text);
      for (const column of ["tags", "pos", "morphs", "lemmas", "deps", "entTags", "entTypes"] as const) assert.deepEqual(b[column], a[column], column);
      assert.deepEqual(Array.from(b.heads), Array.from(a.heads));
      assert.deepEqual(Array.from(b.sentStarts), Array.from(a.sentStarts));
      assert.deepEqual(Array.from(b.entIob), Array.from(a.entIob));
      assert.deepEqual(b.cats, a.cats);
      assert.deepEqual(
        b.spans.get("sc")!.spans.map((span) => [span.text, span.label, span.kbId]),
        [
          ["Sarah's", "PERSON", "Q1"],
          ["🛬", "PLANE", ""],
        ],
      );
      assert.deepEqual(again.toDict(), original.toDict());
      assert.deepEqual(again.getAlignedNer(), original.getAlignedNer());
    });

    it("keeps sentence starts without a parse (which spaCy's round trip drops)", () => {
      const words = ["One", ".", "Two", "."];
      const eg = Example.fromDict(make(words), { sent_starts: [true, false, true, false] });
      const again = Example.fromDict(make(words), eg.toDict() as unknown as ExampleDict);
      assert.deepEqual(Array.from(again.reference.sentStarts), [1, -1, 1, -1]);
    });
  });
});
