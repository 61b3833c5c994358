import assert from "node:assert/strict";
import { didYouMean, editDistance, nearest } from "../../src/util/suggest.js";

describe("util/suggest", () => {
  it("counts edits, transpositions as one", () => {
    assert.equal(editDistance("widht", "width"), 1);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
  });

  it("suggests at most three close names, closest first", () => {
    const names = ["spacy.MaxoutWindowEncoder.v1", "spacy.MaxoutWindowEncoder.v2", "spacy.MishWindowEncoder.v2", "spacy.Tagger.v2", "spacy.Tok2Vec.v2"];
    const close = nearest("spacy.MaxoutWindowEncoder.v9", names);
    assert.ok(close.length <= 3);
    assert.deepEqual(close.slice(0, 2).sort(), ["spacy.MaxoutWindowEncoder.v1", "spacy.MaxoutWindowEncoder.v2"]);
    assert.ok(!close.includes("spacy.Tagger.v2"));
  });

  it("says nothing when no name is close", () => {
    assert.equal(didYouMean("zzzzzzzz", ["width", "depth"]), "");
    assert.equal(didYouMean("widht", ["width", "depth"]), " Did you mean 'width'?");
  });
});
