import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { availableStyles, writeDisplacyPages } from "../../src/render/pages.js";
import { Doc } from "../../src/tokens/doc.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { TsnlpError } from "../../src/util/errors.js";

function docs(count: number): Doc[] {
  const vocab = new Vocab();
  return Array.from({ length: count }, (_, i) => {
    const doc = new Doc(vocab, { words: [`Doc${i}`, "in", "Paris"], ents: ["O", "O", "U-GPE"] });
    doc.spans.set("sc", [doc.span(2, 3, { label: "CITY" })]);
    doc.spans.set("custom", [doc.span(0, 1, { label: "NAME" })]);
    return doc;
  });
}

describe("writeDisplacyPages", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-displacy-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes entities.html and spans.html, each with the first `limit` docs", () => {
    const written = writeDisplacyPages(dir, docs(5), { style: ["ent", "span"], limit: 3 });
    assert.deepEqual(written, [join(dir, "entities.html"), join(dir, "spans.html")]);
    assert.deepEqual(readdirSync(dir).sort(), ["entities.html", "spans.html"]);
    const entities = readFileSync(join(dir, "entities.html"), "utf8");
    assert.equal((entities.match(/<figure /g) ?? []).length, 3);
    assert.ok(entities.includes("Doc2") && !entities.includes("Doc3"));
    assert.ok(entities.includes(">GPE<"));
    const spans = readFileSync(join(dir, "spans.html"), "utf8");
    assert.ok(spans.includes("CITY") && !spans.includes("NAME"));
  });

  it("shows the span group named by spansKey, and a title above the first doc", () => {
    writeDisplacyPages(dir, docs(2), { style: "span", spansKey: "custom", title: "my-model" });
    const spans = readFileSync(join(dir, "spans.html"), "utf8");
    assert.ok(spans.includes("NAME") && !spans.includes("CITY"));
    assert.equal((spans.match(/<h2 style="margin: 0">my-model<\/h2>/g) ?? []).length, 1);
  });

  it("writes every style that has a renderer when none is named, and takes 25 docs by default", () => {
    assert.deepEqual(availableStyles(), ["ent", "dep", "span"]);
    writeDisplacyPages(dir, docs(30));
    assert.deepEqual(readdirSync(dir).sort(), ["entities.html", "parses.html", "spans.html"]);
    assert.equal((readFileSync(join(dir, "entities.html"), "utf8").match(/<figure /g) ?? []).length, 25);
  });

  it('writes dependency trees for the "dep" style, and rejects unknown styles', () => {
    assert.deepEqual(writeDisplacyPages(dir, docs(1), { style: "dep" }), [join(dir, "parses.html")]);
    assert.match(readFileSync(join(dir, "parses.html"), "utf8"), /<svg/);
    rmSync(join(dir, "parses.html"));
    assert.throws(
      () => writeDisplacyPages(dir, docs(1), { style: "tree" as "dep" }),
      (error: unknown) => error instanceof TsnlpError && error.code === "E_DISPLACY_STYLE" && /ent, dep, span|ent, span, dep/.test(error.hint ?? ""),
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});
