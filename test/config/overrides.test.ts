import assert from "node:assert/strict";
import { parseIni } from "../../src/config/ini.js";
import { interpolate } from "../../src/config/interpolate.js";
import { applyOverrides, overridesFromEnv, parseOverrides } from "../../src/config/overrides.js";
import type { TsnlpError } from "../../src/util/errors.js";

const BASE = "[paths]\ntrain = null\n[training]\nmax_epochs = 0\nseed = ${system.seed}\n[system]\nseed = 0\n";

describe("config/overrides", () => {
  it("reads space-separated, = and bare-flag forms, JSON with a string fallback", () => {
    const { overrides, rest } = parseOverrides(["config.cfg", "--paths.train", "x.spacy", "--training.max_epochs=3", "--nlp.flag", "--verbose", "--a.list", "[1,2]"]);
    assert.deepEqual(overrides, { "paths.train": "x.spacy", "training.max_epochs": 3, "nlp.flag": true, "a.list": [1, 2] });
    assert.deepEqual(rest, ["config.cfg", "--verbose"]);
  });

  it("applies before interpolation, so references see overridden values", () => {
    const { tree } = parseIni(BASE);
    applyOverrides(tree, { "system.seed": 42, "paths.train": "t.spacy", "training.new_key": "ok" });
    const resolved = interpolate(tree);
    assert.equal((resolved.training as Record<string, unknown>).seed, 42);
    assert.equal((resolved.paths as Record<string, unknown>).train, "t.spacy");
    assert.equal((resolved.training as Record<string, unknown>).new_key, "ok");
  });

  it("rejects overriding a section that does not exist, naming it", () => {
    const { tree } = parseIni(BASE);
    assert.throws(
      () => applyOverrides(tree, { "trainig.max_epochs": 3 }),
      (error: TsnlpError) => error.code === "E_CONFIG_OVERRIDE" && /no section 'trainig'/.test(error.message) && /Did you mean 'training'/.test(error.message),
    );
  });

  it("reads TSNLP_CONFIG_OVERRIDES with the same syntax", () => {
    const env = { TSNLP_CONFIG_OVERRIDES: "--training.max_epochs=5 --paths.train 'my corpus.spacy'" };
    assert.deepEqual(overridesFromEnv(env), { "training.max_epochs": 5, "paths.train": "my corpus.spacy" });
    assert.deepEqual(overridesFromEnv({}), {});
    assert.throws(() => overridesFromEnv({ TSNLP_CONFIG_OVERRIDES: "oops" }), /not overrides/);
  });
});
