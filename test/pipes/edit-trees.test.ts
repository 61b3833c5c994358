import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "mocha";
import { EditTrees, findLcs, NULL_TREE_ID } from "../../src/pipes/edit-trees.js";
import type { TsnlpError } from "../../src/util/errors.js";
import { SHARED } from "../helpers/shared.js";

const EWT_TRAIN = join(SHARED, "data/ud_en_ewt/en_ewt-ud-train.conllu");

/**
 * Pairs added in this order to one EditTrees, with the id and S-expression spaCy gives each
 * (spaCy 3.8's EditTrees, whose tree code is unchanged since 3.5.4).
 */
const SPACY_TREES: Array<[string, string, number, string]> = [
  ["deelt", "delen", 3, "(m 0 3 () (m 0 2 (s '' 'l') (s 'lt' 'n')))"],
  ["gedeeld", "delen", 7, "(m 2 3 (s 'ge' '') (m 0 2 (s '' 'l') (s 'ld' 'n')))"],
  ["running", "run", 9, "(m 0 4 () (s 'ning' ''))"],
  ["was", "be", 10, "(s 'was' 'be')"],
  ["better", "good", 11, "(s 'better' 'good')"],
  ["gegooid", "gooien", 13, "(m 2 1 (s 'ge' '') (s 'd' 'en'))"],
  ["", "", 14, "(m 0 0 () ())"],
  ["xyz", "xyz", 14, "(m 0 0 () ())"],
  ["ab", "", 15, "(s 'ab' '')"],
  ["", "ab", 16, "(s '' 'ab')"],
  ["Boeken", "boek", 19, "(m 1 2 (s 'B' 'b') (s 'en' ''))"],
  ["stopped", "stop", 21, "(m 0 3 () (s 'ped' ''))"],
  ["mice", "mouse", 24, "(m 0 3 () (m 2 0 (s 'ic' 'ous') ()))"],
  ["überall", "über", 26, "(m 0 3 () (s 'all' ''))"],
  ["😀a", "a😀", 29, "(m 0 1 (s '' 'a') (s 'a' ''))"],
  ["aaa", "aa", 30, "(m 0 1 () (s 'a' ''))"],
  ["abcabc", "abc", 32, "(m 0 3 () (s 'abc' ''))"],
  ["geopend", "openen", 13, "(m 2 1 (s 'ge' '') (s 'd' 'en'))"],
];

/** The first trees spaCy stores for the pairs above, in its JSON form (label_data "trees"). */
const SPACY_FIRST_NODES = [
  { orig: "", subst: "l" },
  { orig: "lt", subst: "n" },
  { prefix_len: 0, suffix_len: 2, prefix_tree: 0, suffix_tree: 1 },
  { prefix_len: 0, suffix_len: 3, prefix_tree: NULL_TREE_ID, suffix_tree: 2 },
  { orig: "ge", subst: "" },
  { orig: "ld", subst: "n" },
  { prefix_len: 0, suffix_len: 2, prefix_tree: 0, suffix_tree: 5 },
  { prefix_len: 2, suffix_len: 3, prefix_tree: 4, suffix_tree: 6 },
];

function spacyTrees(): EditTrees {
  const trees = new EditTrees();
  for (const [form, lemma] of SPACY_TREES) trees.add(form, lemma);
  return trees;
}

describe("EditTrees", () => {
  it("builds the trees spaCy builds, with the same ids", () => {
    const trees = new EditTrees();
    for (const [form, lemma, id, expression] of SPACY_TREES) {
      const got = trees.add(form, lemma);
      assert.equal(got, id, `id of ${form} -> ${lemma}`);
      assert.equal(trees.treeToStr(got), expression, `tree of ${form} -> ${lemma}`);
    }
    assert.equal(trees.size, 33);
    assert.deepEqual(trees.toJSON().slice(0, SPACY_FIRST_NODES.length), SPACY_FIRST_NODES);
  });

  it("gives every pair its lemma back", () => {
    const trees = spacyTrees();
    for (const [form, lemma] of SPACY_TREES) assert.equal(trees.apply(trees.add(form, lemma), form), lemma, `${form} -> ${lemma}`);
  });

  it("applies a tree to other forms as spaCy does, and says null where it does not apply", () => {
    const trees = spacyTrees();
    const deelt = trees.add("deelt", "delen");
    const gegooid = trees.add("gegooid", "gooien");
    // What spaCy's apply gives for these forms.
    assert.equal(trees.apply(deelt, "speelt"), "spelen");
    assert.equal(trees.apply(deelt, "telt"), "tlen");
    assert.equal(trees.apply(deelt, "x"), null);
    assert.equal(trees.apply(gegooid, "gedeeld"), "deelen");
    assert.equal(trees.apply(gegooid, "speelt"), null);
    assert.equal(trees.apply(trees.add("running", "run"), "planning"), "plan");
    assert.equal(trees.apply(trees.add("running", "run"), "walking"), null);
    assert.equal(trees.apply(trees.add("was", "be"), "is"), null);
  });

  it("counts code points, not UTF-16 units", () => {
    const trees = new EditTrees();
    const id = trees.add("😀s", "😀");
    assert.equal(trees.treeToStr(id), "(m 0 1 () (s 's' ''))");
    assert.equal(trees.apply(id, "🎉s"), "🎉");
  });

  it("finds the longest common substring that ends first", () => {
    assert.deepEqual(findLcs(Array.from("abcabc"), Array.from("abc")), { sourceBegin: 0, sourceEnd: 3, targetBegin: 0, targetEnd: 3 });
    assert.deepEqual(findLcs(Array.from("xay"), Array.from("bac")), { sourceBegin: 1, sourceEnd: 2, targetBegin: 1, targetEnd: 2 });
    assert.deepEqual(findLcs(Array.from("ab"), Array.from("cd")), { sourceBegin: 0, sourceEnd: 0, targetBegin: 0, targetEnd: 0 });
  });

  it("round-trips through JSON and keeps ids and deduplication", () => {
    const trees = spacyTrees();
    const copy = new EditTrees().fromJSON(JSON.parse(JSON.stringify(trees.toJSON())));
    assert.equal(copy.size, trees.size);
    for (const [form, lemma, id, expression] of SPACY_TREES) {
      assert.equal(copy.add(form, lemma), id);
      assert.equal(copy.treeToStr(id), expression);
    }
    assert.equal(copy.size, trees.size);
  });

  it("rejects malformed trees with a message naming the tree", () => {
    const bad = (trees: unknown, pattern: RegExp) =>
      assert.throws(
        () => new EditTrees().fromJSON(trees),
        (error: TsnlpError) => error.code === "E_EDIT_TREES" && pattern.test(error.message),
      );
    bad({}, /must be a list/);
    bad([{ orig: "a" }], /Edit tree 0 .* keys orig/);
    bad([{ orig: 1, subst: 2 }], /not a string/);
    bad([{ prefix_len: 0, suffix_len: 0, prefix_tree: 0, suffix_tree: NULL_TREE_ID }], /uses tree 0 as its prefix_tree/);
    bad([{ prefix_len: -1, suffix_len: 0, prefix_tree: NULL_TREE_ID, suffix_tree: NULL_TREE_ID }], /prefix_len = -1/);
    assert.throws(() => new EditTrees().apply(0, "x"), RangeError);
  });

  it("picks the labels spaCy picks from every form/lemma pair of EWT train", function () {
    this.timeout(20_000);
    if (!existsSync(EWT_TRAIN)) {
      console.log(`      (skipped: needs ${EWT_TRAIN}, which is absent in this checkout)`);
      this.skip();
    }
    // spaCy's _labels_from_data with min_tree_freq 3: count trees in a store of their own, then
    // add a representative pair of each frequent tree to the component's store.
    const counting = new EditTrees();
    const counts = new Map<number, number>();
    const pairs = new Map<number, [string, string]>();
    for (const line of readFileSync(EWT_TRAIN, "utf8").split("\n")) {
      const fields = line.split("\t");
      if (line.startsWith("#") || fields.length < 3 || !/^\d+$/.test(fields[0]!)) continue;
      const id = counting.add(fields[1]!, fields[2]!);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      pairs.set(id, [fields[1]!, fields[2]!]);
    }
    const trees = new EditTrees();
    const labels: number[] = [];
    for (const [id, count] of counts) {
      if (count < 3) continue;
      const label = trees.add(...pairs.get(id)!);
      if (!labels.includes(label)) labels.push(label);
    }
    // What spaCy gives: 2856 trees counted, 819 kept, 531 labels, and this list of "id<TAB>tree" lines.
    assert.deepEqual([counting.size, trees.size, labels.length], [2856, 819, 531]);
    const listing = labels.map((id) => `${id}\t${trees.treeToStr(id)}\n`).join("");
    assert.equal(listing.split("\n").slice(0, 3).join("|"), "0\t(m 0 0 () ())|2\t(m 0 1 () (s 's' ''))|4\t(m 0 2 () (s 'ed' ''))");
    assert.equal(createHash("sha256").update(listing).digest("hex"), "26925b98992882318f2089b802d29dc65648c311d3eef4e87c082e6b8b983ae8");
  });
});
