import { strict as assert } from "node:assert";
import { renderSpans, spanSlices } from "../../src/render/spans.js";
import { Doc } from "../../src/tokens/doc.js";
import { Vocab } from "../../src/tokens/vocab.js";

function bankDoc(): Doc {
  const doc = new Doc(new Vocab(), { words: ["Welcome", "to", "the", "Bank", "of", "China", "."], spaces: [true, true, true, true, true, false, false] });
  doc.spans.set("sc", [doc.span(2, 6, { label: "ORG" }), doc.span(5, 6, { label: "GPE" })]);
  return doc;
}

/** Each token's wrapper: its text and its bars as [label, slot]. */
function tokensWithBars(html: string): Array<{ text: string; bars: Array<[string, number]>; labels: string[] }> {
  const chunks = html.split('<span style="font-weight: bold; display: inline-block;').slice(1);
  return chunks.map((chunk) => ({
    text: /^[^>]*>\s*([^<]*?)\s*</.exec(chunk)![1]!,
    bars: [...chunk.matchAll(/data-label="([^"]*)" data-slot="(\d+)"/g)].map((m) => [m[1]!, Number(m[2])] as [string, number]),
    labels: [...chunk.matchAll(/<span class="span-label"[^>]*>\s*([\s\S]*?)\s*<\/span>/g)].map((m) => m[1]!),
  }));
}

describe("renderSpans", () => {
  it("draws a bar under every token of a span, stacked where spans overlap, with the label where each starts", () => {
    const html = renderSpans([bankDoc()], "sc");
    assert.deepEqual(tokensWithBars(html), [
      { text: "the", bars: [["ORG", 1]], labels: ["ORG"] },
      { text: "Bank", bars: [["ORG", 1]], labels: [] },
      { text: "of", bars: [["ORG", 1]], labels: [] },
      {
        text: "China",
        bars: [
          ["ORG", 1],
          ["GPE", 2],
        ],
        labels: ["GPE"],
      },
    ]);
    // The stacked token is taller: top offset 40 + label offset 20 + one step of 17.
    assert.ok(html.includes('height: 77px;">\n    China'));
    assert.ok(html.includes('height: 60px;">\n    the'));
    // Tokens outside spans stay plain text, with their own spacing.
    assert.ok(html.includes('<div class="spans" style="line-height: 2.5; direction: ltr">Welcome to '));
    assert.ok(html.includes("\n</span>.</div>"));
  });

  it("gives each span the slot under the last span over its first token (spaCy's stacking)", () => {
    const doc = new Doc(new Vocab(), { words: ["0", "1", "2", "3", "4", "5", "6", "7"] });
    doc.spans.set("sc", [
      doc.span(0, 8, { label: "A" }),
      doc.span(0, 2, { label: "B" }),
      doc.span(1, 8, { label: "C" }),
      doc.span(4, 5, { label: "D" }),
      doc.span(4, 5, { label: "AA" }),
    ]);
    const slots = spanSlices(doc, "sc").map((slices) => slices.map((slice) => `${slice.label}${slice.slot}${slice.isStart ? "*" : ""}`));
    // What spaCy's SpanRenderer assigns to these spans.
    assert.deepEqual(slots, [
      ["A1*", "B2*"],
      ["A1", "B2", "C3*"],
      ["A1", "C3"],
      ["A1", "C3"],
      ["A1", "C3", "AA4*", "D5*"],
      ["A1", "C3"],
      ["A1", "C3"],
      ["A1", "C3"],
    ]);
  });

  it("escapes token text, labels and titles", () => {
    const doc = new Doc(new Vocab(), { words: ["a<b", "&", '"c"'] });
    doc.spans.set("sc", [doc.span(0, 2, { label: "<X>" })]);
    const html = renderSpans([doc], "sc", { title: "run <1>" });
    assert.ok(html.includes("a&lt;b"));
    assert.ok(html.includes("&amp;"));
    assert.ok(html.includes("&quot;c&quot;"));
    assert.ok(html.includes("&lt;X&gt;"));
    assert.ok(html.includes("run &lt;1&gt;"));
    assert.ok(!/<X>|a<b|run <1>/.test(html));
  });

  it("reads the chosen span group, shows plain text where it is missing, and colours by label", () => {
    const doc = bankDoc();
    doc.spans.set("other", [doc.span(0, 1, { label: "GREETING" })]);
    const other = renderSpans([doc], "other", { colors: { greeting: "#abcdef" }, page: false });
    assert.deepEqual(
      tokensWithBars(other).map((token) => token.text),
      ["Welcome"],
    );
    assert.ok(other.includes("background: #abcdef"));
    const none = renderSpans([doc], "missing", { page: false });
    assert.equal(tokensWithBars(none).length, 0);
    assert.ok(none.includes("Welcome to the Bank of China."));
  });

  it("is a self-contained page with a figure per doc", () => {
    const html = renderSpans([bankDoc(), bankDoc()]);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.equal((html.match(/<figure /g) ?? []).length, 2);
    assert.ok(!/<link|<script|<style/.test(html));
  });
});
