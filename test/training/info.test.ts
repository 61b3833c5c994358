import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { before, describe, it } from "mocha";
import { tsnlpVersion } from "../../src/language/meta.js";
import { info, infoMarkdown, installedBackends, stringToList } from "../../src/training/info.js";
import { pythonFixed, pythonFloat, pythonRepr, pythonRound, pythonStr, wasabiTable } from "../../src/training/info-format.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { type TinyPipelineFixture, tinyPipelineFixture } from "../commands/pipeline-commands-fixture.js";

describe("Python-style formatting for spaCy's command output", () => {
  it("prints floats as Python's repr, round and %.Nf do", () => {
    // What Python prints for repr(x), f"{x:.Nf}" and round(x, n) of these values.
    assert.deepEqual([1, 0.5, 1e-5, 1e16, 0.0001, 123456789012345.6, 3.3333333333333335, -2].map(pythonFloat), [
      "1.0",
      "0.5",
      "1e-05",
      "1e+16",
      "0.0001",
      "123456789012345.6",
      "3.3333333333333335",
      "-2.0",
    ]);
    assert.deepEqual(
      [
        [0.25, 1],
        [2.25, 1],
        [0.125, 2],
        [0.375, 2],
        [-0.25, 1],
        [1234.55, 1],
        [2.5, 0],
      ].map(([x, n]) => pythonFixed(x!, n!)),
      ["0.2", "2.2", "0.12", "0.38", "-0.2", "1234.5", "2"],
    );
    assert.equal(pythonRound(2.675, 2), 2.67);
    assert.equal(pythonRound(0.30000000000000004, 3), 0.3);
  });

  it("prints values as Python's str() and a table as wasabi does", () => {
    assert.equal(pythonStr("en"), "en");
    assert.equal(pythonRepr(["tok2vec", "tagger"]), "['tok2vec', 'tagger']");
    assert.equal(pythonStr({ width: 0, name: null, ok: true, it: "it's" }), "{'width': 0, 'name': None, 'ok': True, 'it': 'it\\'s'}");
    assert.deepEqual(
      wasabiTable([
        ["lang", "en"],
        ["a key longer than thirty characters", "x"],
      ]),
      ["lang                             en", "a key longer than thirty characters   x"],
    );
    assert.deepEqual(stringToList("[labels, 'sources']"), ["labels", "sources"]);
    assert.deepEqual(stringToList(""), []);
  });
});

describe("info (tsnlp info)", function () {
  this.timeout(30_000);
  let fx: TinyPipelineFixture;
  before(async () => {
    fx = await tinyPipelineFixture();
  });

  it("without a pipeline: tsnlp's version, Node.js, the installed backends and the one in use", async () => {
    const result = await info();
    assert.equal(result.title, "Info about tsnlp");
    assert.equal(result.data["tsnlp version"], tsnlpVersion());
    assert.equal(result.data["Node.js version"], process.versions.node);
    assert.equal(result.raw["node.js_version"], process.versions.node);
    const backends = installedBackends().map((b) => b.name);
    assert.ok(backends.includes("@tensorflow/tfjs-backend-wasm") && backends.includes("@tensorflow/tfjs-backend-cpu"), backends.join());
    assert.match(String(result.data["TensorFlow.js backends"]), /wasm \(@tensorflow\/tfjs-backend-wasm 4\.\d+\.\d+\)/);
    assert.match(String(result.data["Default backend"]), /^(wasm|cpu|tensorflow) \(/);
    assert.ok(result.lines.some((line) => line.startsWith("tsnlp version") && line.endsWith(tsnlpVersion())));
  });

  it("with a pipeline: its meta without scores (and without labels when they are excluded), and where it was read from", async () => {
    const result = await info(fx.model, { exclude: ["labels"] });
    assert.equal(result.title, `Info about pipeline '${fx.model}'`);
    assert.deepEqual(result.data.pipeline, ["tok2vec", "tagger"]);
    assert.equal(result.data.source, resolve(fx.model));
    const folder = mkdtempSync(join(fx.dir, "meta-"));
    writeFileSync(join(folder, "meta.json"), JSON.stringify({ name: "scored", performance: { tag_acc: 0.9 }, accuracy: {}, speed: {}, vectors: { width: 0 } }));
    assert.deepEqual((await info(folder)).data, { name: "scored", vectors: { width: 0 }, source: resolve(folder) });
    assert.ok(result.lines.some((line) => /^pipeline\s+\['tok2vec', 'tagger'\]$/.test(line)));
    assert.ok(!result.lines.some((line) => line.startsWith("labels")));
    const withLabels = await info(fx.model, { exclude: [] });
    assert.ok(withLabels.lines.some((line) => /^labels\s+\{'tagger': \['\.', 'DT'/.test(line)));
  });

  it("--markdown: a titled list with bold keys, leaving out values that are paths on this machine", async () => {
    const result = await info(fx.model, { markdown: true, exclude: ["labels"] });
    const text = result.lines.join("\n");
    assert.ok(text.startsWith(`\n## Info about pipeline '${fx.model}'\n\n- **lang:** en\n`), text);
    assert.match(text, /- \*\*pipeline:\*\* \['tok2vec', 'tagger'\]/);
    assert.doesNotMatch(text, /\*\*source:\*\*/);
    assert.equal(infoMarkdown({ a: 1 }), "\n- **a:** 1\n");
  });

  it("says clearly when the folder has no meta.json", async () => {
    const empty = mkdtempSync(join(fx.dir, "no-meta-"));
    await assert.rejects(info(empty), (e: TsnlpError) => e.code === "E_INFO_NO_META" && e.message.includes(join(empty, "meta.json")));
    writeFileSync(join(empty, "meta.json"), "{ not json");
    await assert.rejects(info(empty), (e: TsnlpError) => e.code === "E_INFO_BAD_META");
  });
});
