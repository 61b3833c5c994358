import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trainingCurveSvg, writeTrainingCurve } from "../../src/training/curve.js";
import type { TrainingInfo } from "../../src/training/loggers/types.js";

function rows(): TrainingInfo[] {
  return [0, 200, 400, 600].map((step, i) => ({
    epoch: i,
    step,
    score: 0.2 + 0.2 * i,
    otherScores: { tag_acc: 0.5 + 0.1 * i, ents_f: i === 2 ? null : 0.1 * i, speed: 5000, ents_per_type: {} },
    losses: { tok2vec: 100 / (i + 1), tagger: 400 / (i + 1) },
    checkpoints: [],
    seconds: i,
    words: 1000 * i,
  }));
}

const OPTIONS = { trainableNames: ["tok2vec", "tagger"], scoreColumns: ["tag_acc", "ents_f", "speed"], title: "tagger & <ner>" };

/** Tags open and close in order, and attribute values are quoted: enough to catch broken markup. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  const stack: string[] = [];
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, , selfClosing] = match;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the element that is open`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, [], "every element is closed");
  const stray = body.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, "");
  assert.ok(!/[<>]/.test(stray), "no stray angle brackets in text");
  assert.ok(!/&(?!amp;|lt;|gt;|quot;|apos;)/.test(stray), "every ampersand is an entity");
}

/** The points of one series' line(s), by its data-name. */
function seriesPoints(svg: string, name: string): Array<[number, number]>[] {
  const group = new RegExp(`<g class="series" data-name="${name}"[^>]*>([\\s\\S]*?)</g>`).exec(svg);
  assert.ok(group, `series ${name} is drawn`);
  return [...group[1]!.matchAll(/<polyline[^>]*points="([^"]*)"/g)].map((line) =>
    line[1]!.split(" ").map((pair) => pair.split(",").map(Number) as [number, number]),
  );
}

describe("training curve", () => {
  it("is well-formed SVG with the title escaped", () => {
    const svg = trainingCurveSvg(rows(), OPTIONS);
    assert.match(svg, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assertWellFormed(svg);
    assert.ok(svg.includes("tagger &amp; &lt;ner&gt;"));
    assert.ok(!svg.includes("<ner>"));
  });

  it("draws a loss line per component and a line for the score and each score column except speed", () => {
    const svg = trainingCurveSvg(rows(), OPTIONS);
    const names = [...svg.matchAll(/<g class="series" data-name="([^"]*)"/g)].map((match) => match[1]);
    assert.deepEqual(names, ["loss tok2vec", "loss tagger", "score", "tag_acc", "ents_f"]);
    for (const name of ["loss tok2vec", "loss tagger", "score", "tag_acc", "ents_f"]) assert.ok(svg.includes(`>${name}</text>`), `legend names ${name}`);
    const [loss] = seriesPoints(svg, "loss tagger");
    assert.equal(loss!.length, 4);
    // Falling loss: each point lower on the page (larger y) than the one before; steps left to right.
    for (let i = 1; i < 4; i++) {
      assert.ok(loss![i]![0] > loss![i - 1]![0]);
      assert.ok(loss![i]![1] > loss![i - 1]![1]);
    }
  });

  it("breaks a line where a score is missing instead of drawing it at zero", () => {
    const svg = trainingCurveSvg(rows(), OPTIONS);
    const segments = seriesPoints(svg, "ents_f");
    // Values at steps 0 and 200, none at 400, one at 600: one segment of two points, the last point alone.
    assert.equal(segments.length, 1);
    assert.equal(segments[0]!.length, 2);
    const circles = /<g class="series" data-name="ents_f"[^>]*>([\s\S]*?)<\/g>/.exec(svg)![1]!.match(/<circle/g);
    assert.equal(circles?.length, 3);
  });

  it("labels the axes with ticks", () => {
    const svg = trainingCurveSvg(rows(), OPTIONS);
    assert.equal((svg.match(/>step<\/text>/g) ?? []).length, 2);
    assert.ok(svg.includes(">loss</text>"));
    assert.ok(svg.includes(">score (%)</text>"));
    for (const tick of ["0", "200", "400", "600"]) assert.ok(svg.includes(`text-anchor="middle" fill="#444">${tick}</text>`), `x tick ${tick}`);
    assert.ok(svg.includes(`text-anchor="end" fill="#444">100</text>`), "the score axis reaches 100");
  });

  it("shows each point's value on hover", () => {
    const svg = trainingCurveSvg(rows(), OPTIONS);
    assert.ok(svg.includes("<title>score at step 600: 80</title>"));
    assert.ok(svg.includes("<title>loss tagger at step 200: 200</title>"));
  });

  it("still draws axes for a single evaluation or none", () => {
    assertWellFormed(trainingCurveSvg(rows().slice(0, 1), OPTIONS));
    const empty = trainingCurveSvg([], OPTIONS);
    assertWellFormed(empty);
    assert.ok(empty.includes("no evaluations yet"));
  });

  describe("writeTrainingCurve", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), "tsnlp-curve-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("replaces the file whole and leaves no temporary file behind", () => {
      const path = join(dir, "out", "training-curve.svg");
      writeTrainingCurve(rows().slice(0, 2), path, OPTIONS);
      const first = readFileSync(path, "utf8");
      writeTrainingCurve(rows(), path, OPTIONS);
      const second = readFileSync(path, "utf8");
      assert.notEqual(first, second);
      assert.equal(second, trainingCurveSvg(rows(), OPTIONS));
      assert.deepEqual(readdirSync(join(dir, "out")), ["training-curve.svg"]);
    });

    it("on failure leaves the target as it was and no temporary file", () => {
      const path = join(dir, "curve.svg");
      mkdirSync(path);
      writeFileSync(join(path, "keep"), "x");
      assert.throws(() => writeTrainingCurve(rows(), path, OPTIONS));
      assert.deepEqual(readdirSync(dir), ["curve.svg"]);
      assert.deepEqual(readdirSync(path), ["keep"]);
    });
  });
});
