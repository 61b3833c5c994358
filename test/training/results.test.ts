import { strict as assert } from "node:assert";
import { before, describe, it } from "mocha";
import { parseConfig } from "../../src/config/load.js";
import { Language } from "../../src/language.js";
import { selectBackend } from "../../src/ml/backend.js";
import { registerMorphFactories } from "../../src/pipes/register-morph.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { resultTables } from "../../src/training/results.js";
import { fixRandomSeed } from "../../src/util/random.js";
import { TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";

registerMorphFactories(registry);

describe("evaluate result tables", () => {
  describe("MORPH (per feat)", () => {
    const scores = {
      pos_acc: 0.75,
      morph_acc: 2 / 3,
      morph_micro_p: 0.8,
      morph_per_feat: { Number: { p: 1, r: 2 / 3, f: 0.8 }, Tense: { p: 0.5, r: 1, f: 2 / 3 } },
      ents_per_type: { ORG: { p: 1, r: 1, f: 1 } },
    };

    it("prints P, R and F per feature, before the other tables, as spaCy's handle_scores_per_type", () => {
      const { tables } = resultTables(scores);
      assert.deepEqual(
        tables.map((table) => table.title),
        ["Results", "MORPH (per feat)", "NER (per type)"],
      );
      // What spaCy's evaluate prints for these scores:
      //               P        R       F
      // Number   100.00    66.67   80.00
      // Tense     50.00   100.00   66.67
      assert.deepEqual(tables[1], {
        title: "MORPH (per feat)",
        header: ["", "P", "R", "F"],
        rows: [
          ["Number", "100.00", "66.67", "80.00"],
          ["Tense", "50.00", "100.00", "66.67"],
        ],
      });
      assert.deepEqual(tables[0]!.rows, [
        ["POS", "75.00"],
        ["MORPH", "66.67"],
      ]);
    });

    it("writes the table to the output data", () => {
      assert.deepEqual(resultTables(scores).data.morph_per_feat, scores.morph_per_feat);
    });

    it("prints no table when no feature was scored", () => {
      const { tables } = resultTables({ pos_acc: 1, morph_acc: null, morph_per_feat: null });
      assert.deepEqual(
        tables.map((table) => table.title),
        ["Results"],
      );
      assert.deepEqual(tables[0]!.rows, [
        ["POS", "100.00"],
        ["MORPH", "-"],
      ]);
    });

    it("shows a feature without a score as -", () => {
      const { tables } = resultTables({ morph_per_feat: { Case: { p: null, r: 0.5, f: null } } });
      assert.deepEqual(tables[1]!.rows, [["Case", "-", "50.00", "-"]]);
    });
  });

  describe("from a pipeline's own scores", function () {
    this.timeout(30_000);
    before(async () => {
      await selectBackend({ prefer: "wasm" });
    });

    it("gives POS, MORPH and the per-feature table for a morphologizer", () => {
      fixRandomSeed(5);
      const nlp = Language.fromConfig(parseConfig(TINY_TAGGER_CONFIG.replaceAll("tagger", "morphologizer")).tree);
      const make = (words: string[], pos: string[], morphs: string[]) => {
        const reference = new Doc(nlp.vocab, { words, pos, morphs });
        return new Example(nlp.makeDoc(reference.text), reference);
      };
      const examples = [
        make(["She", "runs"], ["PRON", "VERB"], ["Number=Sing|Person=3", "Number=Sing|Tense=Pres"]),
        make(["They", "ran"], ["PRON", "VERB"], ["Number=Plur|Person=3", "Tense=Past"]),
      ];
      const optimizer = nlp.initialize(() => examples);
      for (let i = 0; i < 30; i++) nlp.update(examples, { sgd: optimizer });
      const { tables } = resultTables(nlp.evaluate(examples));
      const [results, perFeat] = tables;
      assert.deepEqual(
        results!.rows.map(([metric]) => metric),
        ["TOK", "POS", "MORPH", "SPEED"],
      );
      assert.deepEqual(results!.rows.slice(1, 3), [
        ["POS", "100.00"],
        ["MORPH", "100.00"],
      ]);
      assert.equal(perFeat!.title, "MORPH (per feat)");
      assert.deepEqual(
        perFeat!.rows.map(([feature]) => feature),
        ["Number", "Person", "Tense"],
      );
      for (const row of perFeat!.rows) assert.deepEqual(row.slice(1), ["100.00", "100.00", "100.00"]);
    });
  });
});
