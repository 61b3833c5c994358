import { strict as assert } from "node:assert";
import { arcLevels, renderDeps } from "../../src/render/dep.js";
import { parseDeps } from "../../src/render/dep-parse.js";
import { Doc } from "../../src/tokens/doc.js";
import { Vocab } from "../../src/tokens/vocab.js";

function doc(vocab = new Vocab()): Doc {
  return new Doc(vocab, {
    words: ["I", "like", "green", "eggs", ".", "<b>"],
    spaces: [true, true, true, false, true, false],
    heads: [1, 1, 3, 1, 1, 1],
    deps: ["nsubj", "ROOT", "amod", "dobj", "punct", "dep"],
    pos: ["PRON", "VERB", "ADJ", "NOUN", "PUNCT", "X"],
    tags: ["PRP", "VBP", "JJ", "NNS", ".", "XX"],
  });
}

/** The numbers in an SVG path, in order (displaCy writes 70 and 215.0 where tsnlp writes 70 and 215). */
const numbers = (path: string) => path.match(/-?\d+(\.\d+)?/g)!.map(Number);
const attributes = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!);

// What spaCy 3.5.4's displacy.render(doc, style="dep", options={"compact": ...}) draws for doc()
// (run with spaCy 3.8.16, whose dependency renderer computes the same geometry).
const SPACY = {
  false: {
    size: [925, 399.5],
    wordX: [50, 225, 400, 575, 750],
    arcs: [
      "M70,264.5 C70,177.0 215.0,177.0 215.0,264.5",
      "M420,264.5 C420,177.0 565.0,177.0 565.0,264.5",
      "M245,264.5 C245,89.5 570.0,89.5 570.0,264.5",
      "M245,264.5 C245,2.0 750.0,2.0 750.0,264.5",
    ],
    heads: [
      "M70,266.5 L62,254.5 78,254.5",
      "M420,266.5 L412,254.5 428,254.5",
      "M570.0,266.5 L578.0,254.5 562.0,254.5",
      "M750.0,266.5 L758.0,254.5 742.0,254.5",
    ],
    wordY: 309.5,
  },
  true: {
    size: [800, 362.0],
    wordX: [50, 200, 350, 500, 650],
    arcs: [
      "M62,227.0 62,202.0 194.0,202.0 194.0,227.0",
      "M362,227.0 362,202.0 494.0,202.0 494.0,227.0",
      "M212,227.0 212,177.0 497.0,177.0 497.0,227.0",
      "M212,227.0 212,152.0 650.0,152.0 650.0,227.0",
    ],
    heads: [
      "M62,229.0 L58,221.0 66,221.0",
      "M362,229.0 L358,221.0 366,221.0",
      "M497.0,229.0 L501.0,221.0 493.0,221.0",
      "M650.0,229.0 L654.0,221.0 646.0,221.0",
    ],
    wordY: 272.0,
  },
};

describe("dependency parse drawings", () => {
  it("reads words and arcs as displaCy does, a word and its trailing punctuation as one", () => {
    const parse = parseDeps(doc());
    assert.deepEqual(
      parse.words.map((word) => [word.text, word.tag]),
      [
        ["I", "PRON"],
        ["like", "VERB"],
        ["green", "ADJ"],
        ["eggs.", "NOUN"],
        ["<b>", "X"],
      ],
    );
    assert.deepEqual(parse.arcs, [
      { start: 0, end: 1, label: "nsubj", dir: "left" },
      { start: 2, end: 3, label: "amod", dir: "left" },
      { start: 1, end: 3, label: "dobj", dir: "right" },
      { start: 1, end: 4, label: "dep", dir: "right" },
    ]);
    const plain = parseDeps(doc(), { collapsePunct: false, fineGrained: true });
    assert.equal(plain.words.length, 6);
    assert.deepEqual(plain.words[4], { text: ".", tag: ".", lemma: null });
    assert.deepEqual(plain.arcs[3], { start: 1, end: 4, label: "punct", dir: "right" });
  });

  it("stacks arcs in levels, shorter arcs lower", () => {
    const levels = arcLevels(parseDeps(doc()).arcs);
    assert.deepEqual(Object.fromEntries(levels), { "0 1 nsubj": 1, "2 3 amod": 1, "1 3 dobj": 2, "1 4 dep": 3 });
  });

  for (const compact of [false, true]) {
    it(`draws spaCy's geometry${compact ? " in compact mode" : ""}, escaping the text`, () => {
      const html = renderDeps([doc()], { compact, page: false, idPrefix: "t" });
      const want = SPACY[String(compact) as "false" | "true"];
      assert.deepEqual([Number(attributes(html, / width="([^"]*)"/g)[0]), Number(attributes(html, / height="([^"]*)"/g)[0])], want.size);
      assert.deepEqual(attributes(html, /<tspan class="displacy-word" fill="currentColor" x="([^"]*)">/g).map(Number), want.wordX);
      assert.deepEqual(attributes(html, /<tspan class="displacy-word"[^>]*>([^<]*)</g), ["I", "like", "green", "eggs.", "&lt;b&gt;"]);
      assert.deepEqual(attributes(html, / y="([^"]*)">\n/g).map(Number), [want.wordY, want.wordY, want.wordY, want.wordY, want.wordY]);
      assert.deepEqual(attributes(html, /class="displacy-arc"[^>]* d="([^"]*)"/g).map(numbers), want.arcs.map(numbers));
      assert.deepEqual(attributes(html, /class="displacy-arrowhead" d="([^"]*)"/g).map(numbers), want.heads.map(numbers));
      assert.deepEqual(attributes(html, /class="displacy-label"[^>]*>([^<]*)</g), ["nsubj", "amod", "dobj", "dep"]);
      assert.ok(!html.includes("<html"), "page: false gives the SVG alone");
      // Each arc's label follows its own path.
      assert.deepEqual(attributes(html, /xlink:href="#([^"]*)"/g), ["arrow-t-0-0", "arrow-t-0-1", "arrow-t-0-2", "arrow-t-0-3"]);
    });
  }

  it("escapes labels and tags, draws one SVG per sentence on request, and writes a page with a title", () => {
    const vocab = new Vocab();
    const two = new Doc(vocab, {
      words: ["Run", "!", "Go", "<i>", "stop"],
      heads: [0, 0, 2, 2, 2],
      deps: ["ROOT", "punct", "ROOT", "cc<", "conj"],
      pos: ["VERB", "PUNCT", "VERB", "CCONJ", "VERB"],
    });
    const page = renderDeps([two], { splitSentences: true, title: "a <title>", idPrefix: "p" });
    assert.ok(page.startsWith("<!DOCTYPE html>"));
    assert.equal((page.match(/<svg /g) ?? []).length, 2);
    assert.equal((page.match(/<figure /g) ?? []).length, 2);
    assert.ok(page.includes(">cc&lt;</textPath>"));
    assert.ok(page.includes(">&lt;i&gt;</tspan>"));
    assert.equal((page.match(/<h2 style="margin: 0">a &lt;title&gt;<\/h2>/g) ?? []).length, 1);
    assert.ok(page.includes('id="p-1"'), "the second sentence has its own id");
    const whole = renderDeps([two], { page: false, idPrefix: "w" });
    assert.equal((whole.match(/<svg /g) ?? []).length, 1);
    // Without a prefix, ids differ between drawings.
    const ids = (html: string) => attributes(html, /<svg [^>]* id="([^"]*)"/g);
    assert.notDeepEqual(ids(renderDeps([two], { page: false })), ids(renderDeps([two], { page: false })));
  });
});
