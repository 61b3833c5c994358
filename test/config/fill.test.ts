import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fillConfig } from "../../src/config/fill.js";
import { parseIni, writeIni } from "../../src/config/ini.js";
import { initConfig } from "../../src/config/init-config.js";
import { combineScoreWeights, pythonRound2 } from "../../src/config/score-weights.js";
import { registry } from "../../src/registry/index.js";
import { needShared } from "../helpers/shared.js";
import { treeDiff } from "../helpers/tree-diff.js";

function read(file: string) {
  return parseIni(readFileSync(file, "utf8"), file).tree;
}

describe("config/fill", () => {
  describe("equals spaCy's init fill-config output once parsed", () => {
    for (const name of ["shared_tok2vec", "textcat_ensemble"]) {
      for (const pretraining of [false, true]) {
        it(`${name}${pretraining ? " --pretraining" : ""}`, function () {
          const dir = join(needShared(this), "fill-config");
          const { config, issues } = fillConfig(read(join(dir, `partial_${name}.cfg`)), registry, { pretraining });
          assert.deepEqual(
            issues.filter((i) => i.severity === "error"),
            [],
          );
          const expected = read(join(dir, `filled_${name}${pretraining ? "_pretraining" : ""}.cfg`));
          assert.deepEqual(treeDiff(config, expected), []);
          // What tsnlp writes parses back to the same tree.
          assert.deepEqual(treeDiff(parseIni(writeIni(config)).tree, expected), []);
        });
      }
    }
  });

  describe("init config equals spaCy's init config once parsed", () => {
    const cases: Array<[string, string[], "efficiency" | "accuracy"]> = [
      ["en_ner_eff", ["ner"], "efficiency"],
      ["en_parser_eff", ["parser"], "efficiency"],
      ["en_spancat_eff", ["spancat"], "efficiency"],
      ["en_tagger+parser+ner_eff", ["tagger", "parser", "ner"], "efficiency"],
      ["en_tagger_acc", ["tagger"], "accuracy"],
      ["en_tagger_eff", ["tagger"], "efficiency"],
      ["en_textcat_acc", ["textcat"], "accuracy"],
      ["en_textcat_eff", ["textcat"], "efficiency"],
      ["en_textcat_multilabel_eff", ["textcat_multilabel"], "efficiency"],
    ];
    for (const [name, pipeline, optimize] of cases) {
      it(name, function () {
        const expected = read(join(needShared(this), "init-config", `${name}.cfg`));
        const { config } = initConfig(registry, { lang: "en", pipeline, optimize });
        assert.deepEqual(treeDiff(config, expected), []);
      });
    }
  });

  it("merges a default block only when it names the same function", () => {
    const base = parseIni('[nlp]\nlang = "en"\npipeline = []\n[components]\n[training]\n[training.batcher]\n@batchers = "spacy.batch_by_sequence.v1"\nsize = 32\n').tree;
    const { config } = fillConfig(base, registry);
    const batcher = (config.training as Record<string, Record<string, unknown>>).batcher as Record<string, unknown>;
    assert.equal(batcher["@batchers"], "spacy.batch_by_sequence.v1");
    assert.equal(batcher.size, 32);
    assert.ok(!("tolerance" in batcher), "batch_by_words' tolerance must not leak into batch_by_sequence");
    assert.ok("get_length" in batcher, "batch_by_sequence's own defaults are filled");
  });

  it("prefers a language's own factory (en.lemmatizer) over the generic one", () => {
    const base = (lang: string) => parseIni(`[nlp]\nlang = "${lang}"\npipeline = ["lemmatizer"]\n[components]\n[components.lemmatizer]\nfactory = "lemmatizer"\n`).tree;
    const modeOf = (lang: string) => ((fillConfig(base(lang), registry).config.components as Record<string, Record<string, unknown>>).lemmatizer as Record<string, unknown>).mode;
    assert.equal(modeOf("en"), "rule");
    assert.equal(modeOf("xx"), "lookup");
  });

  it("normalizes score weights as spaCy does, with Python's rounding", () => {
    assert.deepEqual(combineScoreWeights([{ tag_acc: 1.0 }, { dep_uas: 0.5, dep_las: 0.5, sents_f: 0.0, dep_las_per_type: null }, { ents_f: 1.0, ents_p: 0.0 }]), {
      tag_acc: 0.33,
      dep_uas: 0.17,
      dep_las: 0.17,
      sents_f: 0.0,
      dep_las_per_type: null,
      ents_f: 0.33,
      ents_p: 0.0,
    });
    assert.deepEqual(combineScoreWeights([{ a: 1 }], { a: 3, b: 1 }), { a: 0.75, b: 0.25 });
    assert.equal(pythonRound2(0.125), 0.12);
    assert.equal(pythonRound2(0.375), 0.38);
    assert.equal(pythonRound2(1 / 6), 0.17);
  });
});
