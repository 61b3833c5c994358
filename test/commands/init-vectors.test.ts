import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "mocha";
import { implementBuiltins } from "../../src/implementations.js";
import { loadPipeline } from "../../src/language/disk.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";

const VECTORS = ["6 2", "apple 1 0", "pear 0.9 0.1", "car 0 1", "bus 0.1 0.9", "red -1 0", "blue -0.9 -0.2", ""].join("\n");

describe("tsnlp init vectors", function () {
  this.timeout(30_000);
  let dir: string;

  before(() => {
    implementBuiltins();
    dir = mkdtempSync(join(tmpdir(), "tsnlp-init-vectors-cli-"));
    writeFileSync(join(dir, "toy.vec"), VECTORS);
    writeFileSync(join(dir, "toy.txt.gz"), gzipSync(VECTORS.split("\n").slice(1).join("\n")));
    writeFileSync(join(dir, "bad.vec"), "2 2\napple 1 0\npear 0.9\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a pipeline folder that loads with its vectors, printing spaCy's messages", () => {
    const out = join(dir, "out");
    const result = tsnlp(["init", "vectors", "en", join(dir, "toy.vec"), out, "--name", "toy.vectors"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /ℹ Creating blank nlp object for language 'en'/);
    assert.match(result.stdout, /✔ Successfully converted 6 vectors/);
    assert.match(
      result.stdout,
      /✔ Saved nlp object with vectors to output directory\. You can now use the path to it in your config as the 'vectors' setting in \[initialize\]\./,
    );
    assert.ok(result.stdout.includes(resolve(out)));
    assert.deepEqual(readdirSync(join(out, "vocab")).sort(), ["strings.json", "vectors", "vectors.cfg", "vectors.key2row", "vectors.keys"]);
    const nlp = loadPipeline(out);
    assert.deepEqual(nlp.vocab.vectors.shape, [6, 2]);
    assert.equal(nlp.vocab.vectors.name, "toy.vectors");
    assert.deepEqual(Array.from(nlp.vocab.getVector("bus")), [Math.fround(0.1), Math.fround(0.9)]);
    assert.equal(JSON.parse(readFileSync(join(out, "meta.json"), "utf8")).vectors.keys, 6);
  });

  it("--prune keeps the first rows and maps the others to their nearest kept vector; --truncate, --attr and gzipped GloVe", () => {
    const out = join(dir, "pruned");
    const result = tsnlp(["init", "vectors", "en", join(dir, "toy.vec"), out, "--prune", "3"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /Successfully converted 3 vectors/);
    const nlp = loadPipeline(out);
    assert.deepEqual(nlp.vocab.vectors.shape, [3, 2]);
    assert.equal(nlp.vocab.vectors.nKeys, 6);
    assert.equal(nlp.vocab.vectors.name, "en_pipeline.vectors");
    // bus is nearest to car; red and blue point away from apple and pear, so car (at about 90 degrees) is their nearest.
    assert.deepEqual(
      ["bus", "red", "blue"].map((word) => nlp.vocab.vectors.rowOf(word)),
      [2, 2, 2],
    );
    const truncated = join(dir, "truncated");
    const gz = tsnlp(["init", "vectors", "en", join(dir, "toy.txt.gz"), truncated, "--truncate", "2", "--attr", "LOWER"]);
    assert.equal(gz.status, 0, gz.output);
    const small = loadPipeline(truncated);
    assert.deepEqual([...small.vocab.vectors.keys()], ["apple", "pear"]);
    assert.equal(small.vocab.vectors.attr, "LOWER");
    assert.deepEqual(Array.from(small.makeDoc("APPLE").token(0).vector), [1, 0]);
  });

  it("fails with a clear message and exit code 1 on a malformed file, a missing file and bad options", () => {
    const bad = tsnlp(["init", "vectors", "en", join(dir, "bad.vec"), join(dir, "never")]);
    assertUserError(bad);
    assert.match(bad.stderr, /Line 3 of .*bad\.vec has 1 values after the word, but the vectors are 2 wide/);
    assert.match(bad.stderr, /in .*bad\.vec:3/);
    const missing = tsnlp(["init", "vectors", "en", join(dir, "nope.vec"), join(dir, "never")]);
    assertUserError(missing);
    assert.match(missing.stderr, /nope\.vec: it does not exist/);
    const mode = tsnlp(["init", "vectors", "en", join(dir, "toy.vec"), join(dir, "never"), "--mode", "floret"]);
    assertUserError(mode);
    assert.match(mode.stderr, /Unsupported vectors mode 'floret'\. floret vectors are not supported/);
    const attr = tsnlp(["init", "vectors", "en", join(dir, "toy.vec"), join(dir, "never"), "--attr", "SHAPE"]);
    assertUserError(attr);
    assert.match(attr.stderr, /--attr must be ORTH or LOWER/);
    assert.throws(() => readdirSync(join(dir, "never")));
  });
});
