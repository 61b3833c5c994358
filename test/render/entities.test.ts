import { strict as assert } from "node:assert";
import { renderEntities } from "../../src/render/entities.js";
import { Doc } from "../../src/tokens/doc.js";
import { Vocab } from "../../src/tokens/vocab.js";

function doc(vocab = new Vocab()): Doc {
  // "<Apple> & Co. hired Ann in\nNew York"
  return new Doc(vocab, {
    words: ["<Apple>", "&", "Co.", "hired", "Ann", "in", "\n", "New", "York"],
    spaces: [true, true, true, true, true, false, false, true, false],
    ents: ["B-ORG", "I-ORG", "L-ORG", "O", "U-PERSON", "O", "O", "B-GPE", "L-GPE"],
  });
}

/** The entity marks in order: [escaped text, escaped label, background]. */
function marks(html: string): Array<[string, string, string]> {
  return [...html.matchAll(/<mark class="entity" style="background: ([^;]*);[^>]*>\s*([\s\S]*?)\s*<span[^>]*>([\s\S]*?)<\/span>\s*<\/mark>/g)].map((m) => [
    m[2]!,
    m[3]!,
    m[1]!,
  ]);
}

describe("renderEntities", () => {
  it("highlights each entity with its label and displaCy's colour, escaping the text", () => {
    const html = renderEntities([doc()]);
    assert.deepEqual(marks(html), [
      ["&lt;Apple&gt; &amp; Co.", "ORG", "#7aecec"],
      ["Ann", "PERSON", "#aa9cfc"],
      ["New York", "GPE", "#feca74"],
    ]);
    assert.ok(!html.includes("<Apple>"));
  });

  it("keeps the text between entities, with line breaks, in order", () => {
    const html = renderEntities([doc()], { page: false });
    const plain = html
      .replace(/<mark[^>]*>\s*([\s\S]*?)\s*<span[^>]*>[\s\S]*?<\/span>\s*<\/mark>/g, "[$1]")
      .replace(/<div[^>]*>|<\/div>/g, "")
      .replace(/\n/g, "");
    assert.equal(plain, "[&lt;Apple&gt; &amp; Co.] hired [Ann] in<br>[New York]");
  });

  it("is a self-contained page with one figure per doc and inline styles only", () => {
    const html = renderEntities([doc(), doc()]);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.equal((html.match(/<figure /g) ?? []).length, 2);
    assert.ok(!/<link|<script|<style/.test(html));
    assert.ok(html.includes('<div class="entities" style="line-height: 2.5; direction: ltr">'));
  });

  it("uses custom colours (any case), shows only the chosen labels, and escapes labels, titles and KB links", () => {
    const vocab = new Vocab();
    const d = new Doc(vocab, { words: ["Ann", "met", "Bob"], ents: ["U-PERSON", "O", "U-X<Y"] });
    d.userData.title = "model <best>";
    const html = renderEntities([d], { colors: { person: "#123456" }, kbUrlTemplate: "https://kb/{}" });
    assert.deepEqual(marks(html), [
      ["Ann", "PERSON", "#123456"],
      ["Bob", "X&lt;Y", "#ddd"],
    ]);
    assert.ok(html.includes('<h2 style="margin: 0">model &lt;best&gt;</h2>'));
    const onlyPeople = renderEntities([d], { ents: ["person"], page: false });
    assert.equal(marks(onlyPeople).length, 1);
    assert.ok(onlyPeople.includes("met Bob </div>"), "the unchosen label shows as plain text");
  });

  it("links an entity's KB id through the template", () => {
    const vocab = new Vocab();
    const d = new Doc(vocab, { words: ["Ann", "sings"] });
    d.ents = [d.span(0, 1, { label: "PERSON", kbId: "Q42" })];
    const html = renderEntities([d], { kbUrlTemplate: "https://www.wikidata.org/wiki/{}" });
    assert.ok(html.includes('href="https://www.wikidata.org/wiki/Q42">Q42</a>'));
  });

  it("writes right-to-left for a right-to-left language", () => {
    const d = new Doc(new Vocab({ lang: "he" }), { words: ["שלום"], ents: ["U-GPE"] });
    const html = renderEntities([d]);
    assert.match(html, /<html lang="he">/);
    assert.ok(html.includes("direction: rtl"));
    assert.ok(html.includes("margin-right: 0.5rem"));
  });
});
