import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { containsCycle, decompose, deprojectivize, isDecorated, isNonprojArc, isNonprojTree, projectivize } from "../../../src/pipes/transition/nonproj.js";
import { conlluConverter } from "../../../src/training/converters/conllu.js";
import { Doc } from "../../../src/tokens/doc.js";
import { isTsnlpError } from "../../../src/util/errors.js";
import { SHARED } from "../../helpers/shared.js";
import { vocab } from "./helpers.js";

// The trees and the values expected for them are those of spaCy's own tests
// (spacy/tests/parser/test_nonproj.py, v3.5.4): what spaCy computes for these inputs.
const TREE = [1, 2, 2, 4, 5, 2, 2];
const CYCLIC = [1, 2, 2, 4, 5, 3, 2];
const PARTIAL = [1, 2, 2, 4, 5, null, 7, 4, 2];
const NONPROJ = [1, 2, 2, 4, 5, 2, 7, 4, 2];
const PROJ = [1, 2, 2, 4, 5, 2, 7, 5, 2];
const MULTIROOTED = [3, 2, 0, 3, 3, 7, 7, 3, 7, 10, 7, 10, 11, 12, 18, 16, 18, 17, 12, 3];
const LABELS = ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl", "punct"];
const NONPROJ2 = [9, 1, 3, 1, 5, 6, 9, 8, 6, 1, 6, 12, 13, 10, 1];
const LABELS2 = ["advmod", "root", "det", "nsubj", "advmod", "det", "dobj", "det", "nmod", "aux", "nmod", "advmod", "det", "amod", "punct"];

/** Heads and labels after deprojectivizing a doc built from them. */
function deprojectivized(heads: number[], deps: string[]): [number[], string[]] {
  const doc = new Doc(vocab, { words: heads.map(() => "w"), heads, deps });
  deprojectivize(doc);
  return [Array.from(doc.heads), [...doc.deps]];
}

const cycleError = (error: unknown) => isTsnlpError(error) && error.code === "E_PARSE_CYCLE" && error.message.includes("[1, 2, 2, 4, 5, 3, 2]");

describe("pseudo-projective parsing", () => {
  it("finds cycles and non-projective arcs as spaCy does", () => {
    assert.equal(containsCycle(TREE), null);
    assert.deepEqual(containsCycle(CYCLIC), new Set([3, 4, 5]));
    assert.equal(containsCycle(PARTIAL), null);
    assert.equal(containsCycle(MULTIROOTED), null);
    assert.deepEqual(
      NONPROJ.map((_, i) => isNonprojArc(i, NONPROJ)),
      [false, false, false, false, false, false, false, true, false],
    );
    assert.equal(isNonprojArc(7, PARTIAL), false);
    assert.equal(isNonprojArc(17, MULTIROOTED), false);
    assert.equal(isNonprojArc(16, MULTIROOTED), true);
    assert.throws(() => isNonprojArc(6, CYCLIC), cycleError);
    assert.equal(isNonprojTree(PROJ), false);
    assert.equal(isNonprojTree(NONPROJ), true);
    assert.equal(isNonprojTree(PARTIAL), false);
    assert.equal(isNonprojTree(MULTIROOTED), true);
    assert.throws(() => isNonprojTree(CYCLIC), cycleError);
  });

  it("decomposes decorated labels", () => {
    assert.deepEqual(decompose("X||Y"), ["X", "Y"]);
    assert.deepEqual(decompose("X"), ["X", ""]);
    assert.equal(isDecorated("X||Y"), true);
    assert.equal(isDecorated("X"), false);
  });

  it("lifts non-projective arcs and decorates the lifted labels with spaCy's exact labels", () => {
    assert.deepEqual(projectivize(NONPROJ, LABELS), [PROJ, ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl||dobj", "punct"]]);
    assert.deepEqual(projectivize(NONPROJ2, LABELS2), [
      [1, 1, 3, 1, 5, 6, 9, 8, 6, 1, 9, 12, 13, 10, 1],
      ["advmod||aux", "root", "det", "nsubj", "advmod", "det", "dobj", "det", "nmod", "aux", "nmod||dobj", "advmod", "det", "amod", "punct"],
    ]);
    assert.throws(() => projectivize(CYCLIC, ["det", "nsubj", "root", "det", "dobj", "aux", "punct"]), cycleError);
  });

  it("leaves projective trees as they are", () => {
    const labels = ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl", "punct"];
    const [heads, deps] = projectivize(PROJ, labels);
    assert.deepEqual(heads, PROJ);
    assert.deepEqual(deps, labels);
    assert.deepEqual(deprojectivized(PROJ, labels), [PROJ, labels]);
  });

  it("lifts step by step to the grandparent, and makes a token whose head is a root a root of its own", () => {
    // 0 <- 2 crosses the root 1, so 0 goes up to 1; then 3 <- 0 crosses 1 and 2, and goes up to 1 too.
    assert.deepEqual(projectivize([2, 1, 1, 0], ["a", "ROOT", "b", "c"]), [
      [1, 1, 1, 1],
      ["a||b", "ROOT", "b", "c||a"],
    ]);
    // 3 hangs from the root 0 across the other root 2: lifted, it becomes a root.
    assert.deepEqual(projectivize([0, 2, 2, 0], ["ROOT", "a", "ROOT", "b"]), [
      [0, 2, 2, 3],
      ["ROOT", "a", "ROOT", "b||ROOT"],
    ]);
  });

  it("round-trips non-projective trees through lifting and deprojectivizing", () => {
    for (const [tree, labels] of [
      [NONPROJ, LABELS],
      [NONPROJ2, LABELS2],
    ] as const) {
      const [heads, deps] = projectivize(tree, labels);
      assert.equal(isNonprojTree(heads), false);
      assert.deepEqual(deprojectivized(heads, deps), [tree, labels]);
    }
  });

  it("keeps the head when no token has the decorated head label, and takes the first one found otherwise", () => {
    assert.deepEqual(deprojectivized(PROJ, ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl||iobj", "punct"]), [
      PROJ,
      ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl", "punct"],
    ]);
    const heads = [1, 1, 3, 1, 5, 6, 9, 8, 6, 1, 9, 12, 13, 10, 1];
    const deps = ["advmod||aux", "root", "det", "aux", "advmod", "det", "dobj", "det", "nmod", "aux", "nmod||dobj", "advmod", "det", "amod", "punct"];
    assert.deepEqual(deprojectivized(heads, deps), [
      [3, 1, 3, 1, 5, 6, 9, 8, 6, 1, 6, 12, 13, 10, 1],
      ["advmod", "root", "det", "aux", "advmod", "det", "dobj", "det", "nmod", "aux", "nmod", "advmod", "det", "amod", "punct"],
    ]);
  });

  it("reads children within the edges the tree had before the first reattachment, as spaCy does", () => {
    // "a" goes back under "c", but "c"'s right edge was "c" itself, so the search for "d"'s
    // head label "x" does not see "a" there, and "d" stays under "b" (spaCy gives the same).
    const [heads, deps] = projectivize([2, 1, 1, 0], ["x", "ROOT", "y", "z"]);
    assert.deepEqual(
      [heads, deps],
      [
        [1, 1, 1, 1],
        ["x||y", "ROOT", "y", "z||x"],
      ],
    );
    assert.deepEqual(deprojectivized(heads, deps), [
      [2, 1, 1, 1],
      ["x", "ROOT", "y", "z"],
    ]);
  });

  it("sets sentence starts from the deprojectivized tree", () => {
    // Two sentences; the lifted token of the second must stay in it.
    const tree = [1, 1, 3, 3, 6, 3, 3, 3];
    const [heads, deps] = projectivize(tree, ["nsubj", "ROOT", "x", "ROOT", "a", "b", "c", "p"]);
    assert.deepEqual(heads, [1, 1, 3, 3, 3, 3, 3, 3]);
    assert.equal(deps[4], "a||c");
    const doc = new Doc(vocab, { words: heads.map(() => "w"), heads, deps });
    deprojectivize(doc);
    assert.deepEqual(Array.from(doc.heads), tree);
    assert.equal(doc.deps[4], "a");
    assert.deepEqual(
      doc.sents.map((sent) => [sent.start, sent.end]),
      [
        [0, 2],
        [2, 8],
      ],
    );
  });

  it("recovers the EWT dev trees from their projectivized form", function () {
    this.timeout(20_000);
    const path = join(SHARED, "data/ud_en_ewt/en_ewt-ud-dev.conllu");
    if (!existsSync(path)) {
      console.log(`      (skipped: needs ${path}, which is absent in this checkout)`);
      this.skip();
    }
    const docs = conlluConverter.convert(readFileSync(path, "utf8"), { nSents: 1 }, converterContext(path));
    let nonprojective = 0;
    let arcs = 0;
    let recovered = 0;
    for (const doc of docs) {
      const heads = Array.from(doc.heads);
      const [projHeads, projDeps] = projectivize(heads, doc.deps);
      assert.equal(isNonprojTree(projHeads), false);
      assert.equal(containsCycle(projHeads), null);
      if (isNonprojTree(heads)) nonprojective++;
      const [backHeads, backDeps] = deprojectivized(projHeads, projDeps);
      arcs += heads.length;
      recovered += heads.filter((head, i) => backHeads[i] === head && backDeps[i] === doc.deps[i]).length;
    }
    assert.ok(docs.length > 1900, `${docs.length} sentences`);
    assert.ok(nonprojective > 10, `${nonprojective} non-projective sentences`);
    // Deprojectivizing takes the first token with the head label, which is not always the one lifted from.
    assert.ok(recovered / arcs > 0.999, `${recovered} of ${arcs} arcs recovered`);
  });
});

function converterContext(file: string) {
  return {
    file,
    extension: "conllu",
    vocab,
    tokenizer: () => {
      throw new Error("CoNLL-U needs no tokenizer");
    },
    info: () => {},
    warn: () => {},
    progress: () => {},
  };
}
