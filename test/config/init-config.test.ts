import assert from "node:assert/strict";
import { initConfig } from "../../src/config/init-config.js";
import { TEMPLATE_COMPONENTS } from "../../src/config/template.js";
import { registry } from "../../src/registry/index.js";
import type { TsnlpError } from "../../src/util/errors.js";

describe("config/init-config", () => {
  for (const optimize of ["efficiency", "accuracy"] as const) {
    it(`fills and validates every template component alone and together (${optimize})`, () => {
      for (const component of TEMPLATE_COMPONENTS) {
        const { config, issues } = initConfig(registry, { pipeline: [component], optimize });
        assert.deepEqual(
          issues.filter((i) => i.severity === "error"),
          [],
          component,
        );
        assert.ok(Object.hasOwn(config.components as object, component), component);
      }
      const all = initConfig(registry, { pipeline: ["tagger", "morphologizer", "parser", "ner", "trainable_lemmatizer", "textcat"], optimize, pretraining: true });
      assert.equal(all.issues.filter((i) => i.severity === "error").length, 0);
      assert.equal((all.config.pretraining as Record<string, unknown>).component, "tok2vec");
    });
  }

  it("rejects an unknown component with a suggestion", () => {
    assert.throws(
      () => initConfig(registry, { pipeline: ["tagr"] }),
      (error: TsnlpError) => /Unknown pipeline component 'tagr'/.test(error.message) && /Did you mean 'tagger'/.test(error.hint ?? ""),
    );
  });
});
