import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BiluoPushDown } from "../../../src/pipes/transition/biluo.js";
import { initGoldBatch, oracleSequence } from "../../../src/pipes/transition/oracle.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Example } from "../../../src/tokens/example.js";
import { SHARED } from "../../helpers/shared.js";
import { vocab } from "./helpers.js";

const TRAIN = join(SHARED, "data/ner_wnut17/wnut17train.conll");

/** Sentences of a `token<TAB>BIO-tag` file, blank lines between them. */
function readConll(path: string): Array<{ words: string[]; tags: string[] }> {
  const sentences: Array<{ words: string[]; tags: string[] }> = [];
  let current = { words: [] as string[], tags: [] as string[] };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const [word, tag] = line.split("\t");
    if (!word || !tag) {
      if (current.words.length > 0) sentences.push(current);
      current = { words: [], tags: [] };
      continue;
    }
    current.words.push(word);
    current.tags.push(tag.trim());
  }
  if (current.words.length > 0) sentences.push(current);
  return sentences;
}

describe("entity oracle on WNUT-17", function () {
  this.timeout(20_000);

  it("reproduces the gold entities of every training sentence", function () {
    if (!existsSync(TRAIN)) {
      console.log(`      (skipped: needs ${TRAIN}, which is absent in this checkout)`);
      this.skip();
    }
    const examples = readConll(TRAIN).map(({ words, tags }) => new Example(new Doc(vocab, { words }), new Doc(vocab, { words, ents: tags })));
    assert.ok(examples.length > 3000);
    const system = new BiluoPushDown();
    system.initializeActions(system.getActions(examples));
    assert.deepEqual(
      new Set(system.classNames.map((name) => name.slice(2))),
      new Set(["person", "location", "group", "creative-work", "corporation", "product", ""]),
    );
    let ents = 0;
    for (const eg of examples) {
      const { states, golds } = initGoldBatch(system, [eg]);
      oracleSequence(system, states[0]!, golds[0]!);
      system.setAnnotations(states[0]!, eg.predicted);
      const key = (doc: Doc) => doc.ents.map((ent) => `${ent.start}:${ent.end}:${ent.label}`).join(" ");
      assert.equal(key(eg.predicted), key(eg.reference), eg.predicted.text);
      ents += eg.reference.ents.length;
    }
    assert.ok(ents > 1900, `${ents} entities`);
  });
});
