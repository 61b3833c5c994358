import { strict as assert } from "node:assert";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { combinedAugmenter, lowerCaseAugmenter, orthVariantsAugmenter } from "../../src/training/augment.js";
import type { ReaderNlp } from "../../src/training/reader-types.js";
import { whitespaceNlp } from "../helpers/nlp.js";

/** Draws the given numbers in turn. */
const draws =
  (...values: number[]) =>
  () => {
    const value = values.shift();
    assert.ok(value !== undefined, "the augmenter drew more random numbers than expected");
    return value;
  };

function example(nlp: ReaderNlp): Example {
  const reference = new Doc(nlp.vocab, {
    words: ["Apple", "said", '"', "Hi", "New", "York", '"'],
    spaces: [true, true, false, true, true, false, false],
    tags: ["NNP", "VBD", "``", "UH", "NNP", "NNP", "''"],
    pos: ["PROPN", "VERB", "PUNCT", "INTJ", "PROPN", "PROPN", "PUNCT"],
    lemmas: ["Apple", "say", '"', "hi", "New", "York", '"'],
    heads: [1, 1, 3, 1, 5, 3, 1],
    deps: ["nsubj", "ROOT", "punct", "dobj", "compound", "npadvmod", "punct"],
    ents: ["U-ORG", "O", "O", "O", "B-GPE", "L-GPE", "O"],
  });
  return new Example(nlp.makeDoc(reference.text), reference);
}

describe("augmenters", () => {
  it("spacy.lower_case.v1 lower-cases text and reference words for its share of examples, keeping the annotation", () => {
    const nlp = whitespaceNlp();
    const original = example(nlp);
    const [lowered] = lowerCaseAugmenter(0.5, draws(0.2))(nlp, original);
    assert.equal(lowered!.text, 'apple said "hi new york"');
    assert.deepEqual(lowered!.reference.words, ["apple", "said", '"', "hi", "new", "york", '"']);
    assert.deepEqual(lowered!.reference.tags, original.reference.tags);
    assert.deepEqual(Array.from(lowered!.reference.heads), Array.from(original.reference.heads));
    assert.deepEqual(
      lowered!.reference.ents.map((ent) => [ent.start, ent.end, ent.label]),
      [
        [0, 1, "ORG"],
        [4, 6, "GPE"],
      ],
    );
    const [kept] = lowerCaseAugmenter(0.5, draws(0.7))(nlp, original);
    assert.equal(kept, original);
  });

  it("spacy.orth_variants.v1 swaps paired quotes by tag", () => {
    const nlp = whitespaceNlp();
    const variants = {
      paired: [
        {
          tags: ["``", "''"],
          variants: [
            ['"', '"'],
            ["«", "»"],
          ],
        },
      ],
      single: [{ tags: ["NNP"], variants: ["York", "Yorkshire"] }],
    };
    // Draws: level, lower, single choice (Yorkshire), paired choice (« »), then a side for each quote that the tags decide anyway.
    const [varied] = orthVariantsAugmenter(1, 0, variants, draws(0, 0.9, 0.9, 0.9, 0, 0))(nlp, example(nlp));
    assert.deepEqual(varied!.reference.words, ["Apple", "said", "«", "Hi", "New", "Yorkshire", "»"]);
    assert.equal(varied!.text, "Apple said «Hi New Yorkshire»");
    assert.deepEqual(varied!.reference.tags, example(nlp).reference.tags);
  });

  it("spacy.combined_augmenter.v1 inserts whitespace tokens attached to the token before them", () => {
    const nlp = whitespaceNlp();
    // 7 tokens x 0.15 = one insertion; draws: lower, whitespace level, variant, position 5 (inside "New York").
    const augment = combinedAugmenter({
      lowerLevel: 0,
      orthLevel: 0,
      orthVariants: null,
      whitespaceLevel: 1,
      whitespacePerToken: 0.15,
      whitespaceVariants: ["\n"],
      random: draws(0.5, 0.5, 0, 5.5 / 7),
    });
    const [spaced] = augment(nlp, example(nlp));
    const reference = spaced!.reference;
    assert.deepEqual(reference.words, ["Apple", "said", '"', "Hi", "New", "\n", "York", '"']);
    assert.equal(reference.tags[5], "_SP");
    assert.equal(reference.pos[5], "SPACE");
    assert.equal(reference.deps[5], "dep");
    assert.equal(reference.heads[5], 4, "attached to the token before it");
    assert.equal(reference.heads[4], 6, "heads after the insertion point moved by one");
    assert.equal(reference.entTags[5], "I-GPE", "inside the entity it splits");
    assert.equal(spaced!.text, 'Apple said "Hi New \nYork"');
  });

  it("leaves examples with span groups alone when inserting whitespace", () => {
    const nlp = whitespaceNlp();
    const original = example(nlp);
    original.reference.spans.set("sc", [original.reference.span(0, 1, { label: "X" })]);
    const augment = combinedAugmenter({
      lowerLevel: 0,
      orthLevel: 0,
      orthVariants: null,
      whitespaceLevel: 1,
      whitespacePerToken: 0.5,
      whitespaceVariants: [" "],
      random: draws(0.5, 0.5, 0, 0.1, 0, 0.2, 0, 0.3),
    });
    assert.equal([...augment(nlp, original)][0], original);
  });
});
