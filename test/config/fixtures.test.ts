import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fillConfig } from "../../src/config/fill.js";
import { parseIni } from "../../src/config/ini.js";
import { formatIssues } from "../../src/config/issues.js";
import { registry } from "../../src/registry/index.js";
import { fixtureConfigs, needShared } from "../helpers/shared.js";

describe("every config spaCy wrote validates in tsnlp", () => {
  for (const file of fixtureConfigs("init-config", "fill-config", "project-configs")) {
    it(basename(file), function () {
      needShared(this);
      const { tree, source } = parseIni(readFileSync(file, "utf8"), file);
      const { issues } = fillConfig(tree, registry, { source });
      const errors = issues.filter((item) => item.severity === "error");
      assert.equal(errors.length, 0, formatIssues(errors));
    });
  }

  it("the sourced component with a null source is a warning, not an error", function () {
    const file = join(needShared(this), "project-configs/benchmarks_ud_benchmark_configs_transformer.cfg");
    const { issues } = fillConfig(parseIni(readFileSync(file, "utf8")).tree, registry);
    assert.deepEqual(
      issues.map((item) => [item.path.join("."), item.key, item.severity]),
      [["components.experimental_char_ner_tokenizer", "source", "warning"]],
    );
  });
});
