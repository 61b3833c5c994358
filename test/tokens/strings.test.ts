import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { StringStore, stringId } from "../../src/tokens/index.js";
import { murmurHash64A } from "../../src/util/hash.js";
import { needShared } from "../helpers/shared.js";

describe("StringStore", () => {
  it("gives spaCy's symbols their small ids and the empty string 0", () => {
    const strings = new StringStore();
    assert.equal(strings.add("NOUN"), 92n);
    assert.equal(strings.add("X"), 101n);
    assert.equal(strings.add("ORTH"), 65n);
    assert.equal(strings.add(""), 0n);
    assert.equal(strings.get(92n), "NOUN");
    assert.equal(strings.size, 0, "symbols are not stored");
  });

  it("hashes other strings and maps the id back", () => {
    const strings = new StringStore();
    const id = strings.add("apple");
    assert.equal(id, 8566208034543834098n);
    assert.equal(strings.get(id), "apple");
    assert.equal(strings.has("apple"), true);
    assert.equal(strings.has(id), true);
    assert.equal(strings.has("pear"), false);
    assert.deepEqual([...strings], ["apple"]);
  });

  it("says clearly when an id is unknown", () => {
    assert.throws(() => new StringStore().get(123456789n), /no string with id 123456789/);
  });

  it("hashes every length of tail (0 to 7 bytes past a block) differently", () => {
    const seen = new Set<bigint>();
    for (let n = 0; n <= 17; n++) seen.add(stringId("x".repeat(n) || "\u0001"));
    assert.equal(seen.size, 18);
  });

  it("MurmurHash64A with seed 0 matches the reference value for empty input", () => {
    // The reference implementation hashes zero bytes with seed 0 to 0.
    assert.equal(murmurHash64A(new Uint8Array(0), 0), 0n);
  });

  it("matches every id spaCy 3.5.4 gave in the golden file", function () {
    const golden = JSON.parse(readFileSync(join(needShared(this), "golden/strings_and_lexemes.json"), "utf8"));
    const strings = new StringStore();
    for (const [text, id] of Object.entries<string>(golden.strings_add)) assert.equal(strings.add(text).toString(), id, `strings.add(${JSON.stringify(text)})`);
    assert.ok(Object.keys(golden.strings_add).length >= 20);
  });
});
