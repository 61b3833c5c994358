import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseIni, writeIni } from "../../src/config/ini.js";
import { interpolate } from "../../src/config/interpolate.js";
import { parseToml, writeToml } from "../../src/config/toml.js";
import { valuesEqual } from "../../src/config/tree.js";
import { fixtureConfigs, needShared } from "../helpers/shared.js";

describe("config/toml", () => {
  it("reads quoted function keys, null as \"null\", and references in strings", () => {
    const { tree } = parseToml(
      ['[paths]', 'train = "null"', "", "[system]", "seed = 3", "", "[training]", 'seed = "${system.seed}"', 'path = "${paths.train}"', 'name = "run-${system.seed}"', "", "[training.optimizer]", '"@optimizers" = "Adam.v1"', "learn_rate = 0.001"].join("\n"),
    );
    const resolved = interpolate(tree);
    assert.deepEqual(resolved.training, { seed: 3, path: null, name: "run-3", optimizer: { "@optimizers": "Adam.v1", learn_rate: 0.001 } });
  });

  it("reports TOML syntax errors with a line number", () => {
    assert.throws(() => parseToml("[a]\nx = = 1\n", "c.toml"), (error: Error & { line?: number }) => /TOML syntax error/.test(error.message) && error.line === 2);
  });

  describe("INI -> TOML -> INI keeps the meaning", () => {
    for (const file of fixtureConfigs("init-config", "fill-config", "project-configs")) {
      it(basename(file), function () {
        needShared(this);
        const { tree } = parseIni(readFileSync(file, "utf8"));
        const viaToml = parseToml(writeToml(tree)).tree;
        assert.ok(valuesEqual(viaToml, tree), "raw trees differ");
        assert.ok(valuesEqual(interpolate(parseIni(writeIni(viaToml)).tree), interpolate(tree)), "interpolated trees differ");
      });
    }
  });
});
