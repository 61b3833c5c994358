import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseIni } from "../../src/config/ini.js";
import { parseToml } from "../../src/config/toml.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { needShared } from "../helpers/shared.js";
import { treeDiff } from "../helpers/tree-diff.js";

describe("commands", () => {
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-cli-"));

  it("tsnlp --help lists the topics", () => {
    const result = tsnlp(["--help"]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /init\s+Create configs/);
    assert.match(result.stdout, /debug\s+Inspect and check/);
  });

  for (const command of [
    ["init", "config"],
    ["init", "fill-config"],
    ["debug", "config"],
    ["debug", "model"],
    ["debug", "data"],
    ["train"],
    ["pretrain"],
    ["init", "vectors"],
    ["evaluate"],
  ]) {
    it(`tsnlp ${command.join(" ")} --help shows a summary, arguments, flags and examples`, () => {
      const result = tsnlp([...command, "--help"]);
      assert.equal(result.status, 0);
      for (const heading of ["USAGE", "ARGUMENTS", "FLAGS", "DESCRIPTION", "EXAMPLES"]) assert.match(result.stdout, new RegExp(`^${heading}`, "m"));
    });
  }

  it("init config writes a config that debug config accepts, and refuses to overwrite it", () => {
    const out = join(dir, "config.cfg");
    const created = tsnlp(["init", "config", out, "--pipeline", "tagger,ner"]);
    assert.equal(created.status, 0, created.output);
    const { tree } = parseIni(readFileSync(out, "utf8"));
    assert.deepEqual((tree.nlp as Record<string, unknown>).pipeline, ["tok2vec", "tagger", "ner"]);
    const checked = tsnlp(["debug", "config", out]);
    assert.equal(checked.status, 0, checked.output);
    assert.match(checked.stdout, /✔ Config is valid/);
    const again = tsnlp(["init", "config", out]);
    assertUserError(again);
    assert.match(again.output, /exists already.*\n?.*--force/s);
    assert.equal(tsnlp(["init", "config", out, "--force", "--pipeline", "ner"]).status, 0);
  });

  it("init config - writes to standard output; --format toml writes TOML", () => {
    const ini = tsnlp(["init", "config", "-", "--pipeline", "textcat"]);
    assert.equal(ini.status, 0);
    const fromIni = parseIni(ini.stdout).tree;
    const toml = tsnlp(["init", "config", "-", "--pipeline", "textcat", "--format", "toml"]);
    assert.equal(toml.status, 0);
    assert.match(toml.stdout, /"@architectures" = "spacy.TextCatBOW.v2"/);
    assert.deepEqual(treeDiff(parseToml(toml.stdout).tree, fromIni), []);
  });

  it("debug config reads a TOML config and applies overrides and TSNLP_CONFIG_OVERRIDES", () => {
    const out = join(dir, "config.toml");
    assert.equal(tsnlp(["init", "config", out, "--pipeline", "tagger"]).status, 0);
    const result = tsnlp(["debug", "config", out, "--show-variables", "--system.seed", "17"], { env: { TSNLP_CONFIG_OVERRIDES: "--paths.train=corpus/train.spacy" } });
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /\$\{system\.seed\}\s+17/);
    assert.match(result.stdout, /\$\{paths\.train\}\s+"corpus\/train\.spacy"/);
    const bad = tsnlp(["debug", "config", out, "--trainig.max_epochs", "2"]);
    assertUserError(bad);
    assert.match(bad.output, /no section 'trainig'.*Did you mean 'training'/);
  });

  it("debug config --show-functions lists each function block", () => {
    const result = tsnlp(["debug", "config", "examples/base_tagger.cfg", "--show-functions"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /components\.tagger\.model\s+@architectures\s+spacy\.Tagger\.v2/);
    assert.match(result.stdout, /training\.optimizer\s+@optimizers\s+Adam\.v1\s+thinc/);
  });

  it("init fill-config equals spaCy's output and --diff shows what it added", function () {
    const fixtures = needShared(this);
    const out = join(dir, "filled.cfg");
    const result = tsnlp(["init", "fill-config", join(fixtures, "fill-config/partial_textcat_ensemble.cfg"), out, "--diff"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /^\+ \[training\.optimizer\]$/m);
    const expected = parseIni(readFileSync(join(fixtures, "fill-config/filled_textcat_ensemble.cfg"), "utf8")).tree;
    assert.deepEqual(treeDiff(parseIni(readFileSync(out, "utf8")).tree, expected), []);
  });

  it("init fill-config writes nothing when the config is invalid", () => {
    const base = join(dir, "broken.cfg");
    const out = join(dir, "never.cfg");
    writeFileSync(base, '[nlp]\nlang = "en"\npipeline = ["tagger"]\n[components]\n[components.tagger]\nfactory = "tagger"\noverwrite = "yes"\n');
    const result = tsnlp(["init", "fill-config", base, out]);
    assertUserError(result);
    assert.match(result.output, /components\.tagger -> overwrite\s+value is not a valid boolean/);
    assert.equal(existsSync(out), false);
  });

  it("--code registers a custom architecture that validates and fills", () => {
    const args = ["examples/custom-architecture/config.cfg", "--code", "examples/custom-architecture/functions.ts"];
    const checked = tsnlp(["debug", "config", ...args, "--show-functions"]);
    assert.equal(checked.status, 0, checked.output);
    assert.match(checked.stdout, /my_project\.WindowTagger\.v1\s+user/);
    const filled = tsnlp(["init", "fill-config", ...args.slice(0, 1), "-", ...args.slice(1)]);
    assert.equal(filled.status, 0, filled.output);
    assert.match(filled.stdout, /\[components\.tagger\.model\]\n@architectures = "my_project\.WindowTagger\.v1"\nwindow = 3\nnO = null/);
    const without = tsnlp(["debug", "config", args[0] as string]);
    assertUserError(without);
    assert.match(without.output, /Could not find function 'my_project\.WindowTagger\.v1'/);
  });
});
