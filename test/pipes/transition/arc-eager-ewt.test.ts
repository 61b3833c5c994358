import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ArcEager } from "../../../src/pipes/transition/arc-eager.js";
import { arcEagerOracleSequence } from "../../../src/pipes/transition/arc-eager-oracle.js";
import { deprojectivize, projectivize } from "../../../src/pipes/transition/nonproj.js";
import { initGoldBatch } from "../../../src/pipes/transition/oracle.js";
import { conlluConverter } from "../../../src/training/converters/conllu.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Example } from "../../../src/tokens/example.js";
import { SHARED } from "../../helpers/shared.js";
import { vocab } from "./helpers.js";

const DEV = join(SHARED, "data/ud_en_ewt/en_ewt-ud-dev.conllu");

function readDocs(path: string, nSents: number): Doc[] {
  const context = {
    file: path,
    extension: "conllu",
    vocab,
    tokenizer: () => {
      throw new Error("CoNLL-U needs no tokenizer");
    },
    info: () => {},
    warn: () => {},
    progress: () => {},
  };
  return conlluConverter.convert(readFileSync(path, "utf8"), { nSents }, context);
}

describe("arc-eager oracle on EWT", function () {
  this.timeout(20_000);

  it("reaches the projectivized gold tree of every dev document, and deprojectivizing brings back the treebank's", function () {
    if (!existsSync(DEV)) {
      console.log(`      (skipped: needs ${DEV}, which is absent in this checkout)`);
      this.skip();
    }
    // Ten sentences per doc, as `convert --n-sents 10` makes them: the oracle must also find the sentence breaks.
    const examples = readDocs(DEV, 10).map((reference) => new Example(new Doc(vocab, { words: reference.words, spaces: reference.spaces }), reference));
    assert.ok(examples.length > 190, `${examples.length} docs`);
    const system = new ArcEager();
    system.initializeActions(system.getActions(examples));
    let tokens = 0;
    let recovered = 0;
    for (const eg of examples) {
      const reference = eg.reference;
      const [projHeads, projDeps] = projectivize(Array.from(reference.heads), reference.deps);
      const { states, golds } = initGoldBatch(system, [eg]);
      const moves = arcEagerOracleSequence(system, states[0]!, golds[0]!);
      assert.ok(states[0]!.isFinal, `the oracle stopped after ${moves.length} moves in '${eg.text.slice(0, 60)}...'`);
      system.setAnnotations(states[0]!, eg.predicted);
      assert.deepEqual(Array.from(eg.predicted.heads), projHeads, eg.text.slice(0, 80));
      assert.deepEqual(eg.predicted.deps, projDeps, eg.text.slice(0, 80));
      assert.deepEqual(
        eg.predicted.sents.map((sent) => sent.start),
        reference.sents.map((sent) => sent.start),
      );
      deprojectivize(eg.predicted);
      tokens += reference.length;
      for (let i = 0; i < reference.length; i++) if (eg.predicted.heads[i] === reference.heads[i] && eg.predicted.deps[i] === reference.deps[i]) recovered++;
    }
    assert.ok(recovered / tokens > 0.999, `${recovered} of ${tokens} arcs`);
  });
});
