import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { needShared } from "../helpers/shared.js";

describe("bad input: clear errors, exit 1, no stack trace", () => {
  const errorFixture = (context: Mocha.Context, name: string) => join(needShared(context), "errors", name);

  it("bad_arg.cfg: the misspelled argument, its block and a suggestion", function () {
    const file = errorFixture(this, "bad_arg.cfg");
    const result = tsnlp(["debug", "config", file]);
    assertUserError(result);
    assert.match(result.output, /components\.tok2vec\.model\.encode -> window_sise\s+extra fields not permitted/);
    assert.match(result.output, /Did you mean 'window_size'\?/);
    assert.ok(result.output.includes(file));
  });

  it("wrong_type.cfg: not a valid integer, with the given value", function () {
    const result = tsnlp(["debug", "config", errorFixture(this, "wrong_type.cfg")]);
    assertUserError(result);
    assert.match(result.output, /components\.tok2vec\.model\.encode -> depth\s+value is not a valid integer \(given "four"\)/);
  });

  it("bad_interp.cfg: the option, its section, the missing key and the nearest key", function () {
    const file = errorFixture(this, "bad_interp.cfg");
    const result = tsnlp(["debug", "config", file]);
    assertUserError(result);
    assert.match(result.output, /option 'width' in section 'components\.tagger\.model\.tok2vec'/);
    assert.match(result.output, /has no key 'widht'\. Did you mean 'width'\?/);
    assert.match(result.output, /bad_interp\.cfg:\d+/);
  });

  it("missing_parent_section.cfg: the undeclared parent section, with its line", function () {
    const result = tsnlp(["debug", "config", errorFixture(this, "missing_parent_section.cfg")]);
    assertUserError(result);
    assert.match(result.output, /components -> tagger\s+Section 'components' is not defined/);
    assert.match(result.output, /missing_parent_section\.cfg:5/);
  });

  it("unknown_arch.cfg: suggests spacy.MaxoutWindowEncoder.v2, not every name", function () {
    const result = tsnlp(["debug", "config", errorFixture(this, "unknown_arch.cfg")]);
    assertUserError(result);
    assert.match(result.output, /components\.tok2vec\.model\.encode -> @architectures\s+Could not find function 'spacy\.MaxoutWindowEncoder\.v9'/);
    assert.match(result.output, /Did you mean 'spacy\.MaxoutWindowEncoder\.v2', /);
    assert.doesNotMatch(result.output, /spacy\.TextCatBOW/);
  });

  it("type_mismatch.cfg: the expected and the given signature, before any training", function () {
    const result = tsnlp(["debug", "config", errorFixture(this, "type_mismatch.cfg")]);
    assertUserError(result);
    assert.match(result.output, /components\.tagger\.model -> tok2vec/);
    assert.ok(
      result.output.includes("spacy.Tagger.v2 expects Model[List[Doc], List[Floats2d]] but spacy.TextCatBOW.v2 returns Model[List[Doc], Floats2d]"),
      result.output,
    );
  });

  describe("files", () => {
    const dir = mkdtempSync(join(tmpdir(), "tsnlp-errors-"));

    it("a missing file", () => {
      const result = tsnlp(["debug", "config", join(dir, "nope.cfg")]);
      assertUserError(result);
      assert.match(result.output, /config file does not exist: .*nope\.cfg/);
    });

    it("a folder instead of a file", () => {
      const result = tsnlp(["debug", "config", dir]);
      assertUserError(result);
      assert.match(result.output, /Expected a config file but found a folder/);
    });

    it("bytes that are not UTF-8", () => {
      const file = join(dir, "latin1.cfg");
      writeFileSync(file, Buffer.from([0x5b, 0x6e, 0x6c, 0x70, 0x5d, 0x0a, 0x6c, 0x61, 0x6e, 0x67, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
      const result = tsnlp(["debug", "config", file]);
      assertUserError(result);
      assert.match(result.output, /not valid UTF-8 text \(first bad byte at offset 14\)/);
    });

    it("a syntax error, with its line number", () => {
      const file = join(dir, "syntax.cfg");
      writeFileSync(file, '[nlp]\nlang = "en"\nthis line has no delimiter\n');
      const result = tsnlp(["debug", "config", file]);
      assertUserError(result);
      assert.match(result.output, /Expected 'key = value'/);
      assert.match(result.output, /syntax\.cfg:3/);
    });

    it("an unknown flag is a user fault too", () => {
      const result = tsnlp(["init", "config", "-", "--optimise", "accuracy"]);
      assertUserError(result);
      assert.match(result.output, /optimise/);
    });

    it("--verbose shows the stack trace", () => {
      const result = tsnlp(["debug", "config", join(dir, "nope.cfg"), "--verbose"]);
      assert.equal(result.status, 1);
      assert.match(result.output, /^\s+at .+/m);
    });
  });
});
