import assert from "node:assert/strict";
import { parseIni } from "../../src/config/ini.js";
import { interpolate } from "../../src/config/interpolate.js";
import type { TsnlpError } from "../../src/util/errors.js";

function resolve(text: string) {
  const { tree, source } = parseIni(text, "test.cfg");
  return interpolate(tree, source);
}

describe("config/interpolate", () => {
  it("keeps the type of a whole-value reference", () => {
    const tree = resolve("[a]\nwidth = 96\nflag = false\nrows = [1, 2]\nnone = null\n[b]\nw = ${a.width}\nf = ${a.flag}\nr = ${a.rows}\nn = ${a.none}");
    assert.deepEqual(tree.b, { w: 96, f: false, r: [1, 2], n: null });
  });

  it("substitutes inside strings, quoted or not", () => {
    const tree = resolve('[paths]\nroot = "corpus"\nn = 3\n[x]\na = "${paths.root}/train.spacy"\nb = ${paths.root}/dev.spacy\nc = "run-${paths.n}"');
    assert.deepEqual(tree.x, { a: "corpus/train.spacy", b: "corpus/dev.spacy", c: "run-3" });
  });

  it("copies a whole section", () => {
    const tree = resolve("[base]\nx = 1\ny = \"z\"\n[copy]\nall = ${base}");
    assert.deepEqual(tree.copy, { all: { x: 1, y: "z" } });
  });

  it("follows chains of references and accepts the older ${section:key} form", () => {
    const tree = resolve("[system]\nseed = 7\n[training]\nseed = ${system:seed}\n[other]\nseed = ${training.seed}");
    assert.equal((tree.other as Record<string, unknown>).seed, 7);
  });

  it("reads $$ as a literal dollar", () => {
    const tree = resolve('[a]\nprice = "$$5"\nplain = costs $$10\nmixed = "$${not.a.ref}"');
    assert.deepEqual(tree.a, { price: "$5", plain: "costs $10", mixed: "${not.a.ref}" });
  });

  it("inserts references into JSON lists and objects", () => {
    const tree = resolve('[a]\nw = 4\nname = "x"\n[b]\nrows = [${a.w}, 2]\nobj = {"k": ${a.name}}');
    assert.deepEqual(tree.b, { rows: [4, 2], obj: { k: "x" } });
  });

  it("names the option, its section and the missing key, and suggests the nearest key", () => {
    assert.throws(
      () => resolve("[enc]\nwidth = 96\ndepth = 4\n\n[tagger]\nwidth = ${enc.widht}\n"),
      (error: TsnlpError) => {
        assert.equal(error.code, "E_CONFIG_INTERPOLATION");
        assert.match(error.message, /option 'width' in section 'tagger'/);
        assert.match(error.message, /section 'enc' has no key 'widht'/);
        assert.match(error.message, /Did you mean 'width'\?/);
        assert.equal(error.line, 6);
        return true;
      },
    );
  });

  it("reports a missing section and circular references", () => {
    assert.throws(() => resolve("[a]\nx = ${nope.y}"), /has no section 'nope'/);
    assert.throws(() => resolve("[a]\nx = ${a.y}\ny = ${a.x}"), /Circular reference/);
    assert.throws(() => resolve('[a]\nx = "in ${b}"\n[b]\nc = 1'), /inserts a whole section into a string/);
  });
});
