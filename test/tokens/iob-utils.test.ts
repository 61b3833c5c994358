import assert from "node:assert/strict";
import { Doc } from "../../src/tokens/doc.js";
import {
  biluoTagsToOffsets,
  biluoTagsToSpans,
  biluoToIob,
  docToBiluoTags,
  iobToBiluo,
  offsetsToBiluoTags,
  removeBiluPrefix,
  splitBiluLabel,
  tagsToEntities,
} from "../../src/tokens/iob-utils.js";
import { Vocab } from "../../src/tokens/vocab.js";

function doc(words: string[], spaces?: boolean[]): Doc {
  return new Doc(new Vocab(), { words, spaces });
}

describe("tokens/iob-utils", () => {
  describe("iobToBiluo / biluoToIob", () => {
    it("converts IOB to BILUO (spaCy's test_iob_to_biluo)", () => {
      assert.deepEqual(iobToBiluo(["O", "O", "B-LOC", "I-LOC", "O", "B-PERSON"]), ["O", "O", "B-LOC", "L-LOC", "O", "U-PERSON"]);
      assert.deepEqual(iobToBiluo(["B-ORG", "I-ORG", "I-ORG", "B-ORG"]), ["B-ORG", "I-ORG", "L-ORG", "U-ORG"]);
      // IOB1: an entity may start with I-; a label change starts a new entity.
      assert.deepEqual(iobToBiluo(["I-LOC", "I-LOC", "I-PER"]), ["B-LOC", "L-LOC", "U-PER"]);
      assert.deepEqual(iobToBiluo([]), []);
    });

    it("rejects a tag without a label (spaCy's E177)", () => {
      assert.throws(() => iobToBiluo(["O", "O", '"', "B-LOC", "I-LOC"]), { code: "E_BAD_IOB", message: /tag "\\"" at token 2/ });
      assert.throws(() => iobToBiluo(["-"]), { code: "E_BAD_IOB" });
    });

    it("converts BILUO to IOB, passing unknown tags through", () => {
      assert.deepEqual(biluoToIob(["O", "B-LOC", "L-LOC", "U-PER", "-", null]), ["O", "B-LOC", "I-LOC", "B-PER", "-", null]);
      // Only the prefix changes, even in a label that contains "L-" or "U-".
      assert.deepEqual(biluoToIob(["B-URL-X", "L-URL-X"]), ["B-URL-X", "I-URL-X"]);
    });

    it("round-trips", () => {
      const biluo = ["U-A", "O", "B-B", "I-B", "L-B", "B-C", "L-C", "O"];
      assert.deepEqual(iobToBiluo(biluoToIob(biluo)), biluo);
    });
  });

  describe("tagsToEntities", () => {
    it("gives [label, first, last] with an inclusive end, and unlabelled entries for unknown tags", () => {
      assert.deepEqual(tagsToEntities(["O", "B-LOC", "I-LOC", "L-LOC", "U-PER", "-", null, ""]), [
        ["LOC", 1, 3],
        ["PER", 4, 4],
        ["", 5, 5],
        ["", 6, 6],
        ["", 7, 7],
      ]);
    });

    it("drops an entity interrupted by an unknown tag, as spaCy does", () => {
      assert.deepEqual(tagsToEntities(["B-LOC", "-", "O"]), []);
    });

    it("rejects I- or L- without B- (E067) and unknown tags (E068)", () => {
      assert.throws(() => tagsToEntities(["O", "I-LOC"]), { code: "E_BAD_BILUO_SEQUENCE", message: /"I-LOC" at token 1.*"O", "I-LOC"/ });
      assert.throws(() => tagsToEntities(["L-LOC"]), { code: "E_BAD_BILUO_SEQUENCE" });
      assert.throws(() => tagsToEntities(["O", "X-LOC"]), { code: "E_BAD_BILUO_TAG", message: /"X-LOC" at token 1/ });
    });
  });

  describe("offsetsToBiluoTags", () => {
    const words = ["I", "flew", "to", "San", "Francisco", "Valley", "."];
    const spaces = [true, true, true, true, true, false, true];

    it("tags one-token and longer entities (spaCy's test_gold_biluo_U/BL/BIL)", () => {
      const u = doc(["I", "flew", "to", "London", "."], [true, true, true, false, true]);
      assert.deepEqual(offsetsToBiluoTags(u, [[10, 16, "LOC"]]), ["O", "O", "O", "U-LOC", "O"]);
      const bl = doc(["I", "flew", "to", "San", "Francisco", "."], [true, true, true, true, false, true]);
      assert.deepEqual(offsetsToBiluoTags(bl, [[10, 23, "LOC"]]), ["O", "O", "O", "B-LOC", "L-LOC", "O"]);
      const bil = doc(words, spaces);
      assert.deepEqual(offsetsToBiluoTags(bil, [[10, 30, "LOC"]]), ["O", "O", "O", "B-LOC", "I-LOC", "L-LOC", "O"]);
    });

    it("marks the tokens of a misaligned entity unknown (spaCy's test_gold_biluo_misalign)", () => {
      const misaligned = doc(["I", "flew", "to", "San", "Francisco", "Valley."], [true, true, true, true, true, false]);
      assert.deepEqual(offsetsToBiluoTags(misaligned, [[10, 30, "LOC"]]), ["O", "O", "O", "-", "-", "-"]);
    });

    it("uses `missing` for untouched tokens", () => {
      const d = doc(words, spaces);
      assert.deepEqual(offsetsToBiluoTags(d, [[10, 30, "LOC"]], { missing: "-" }), ["-", "-", "-", "B-LOC", "I-LOC", "L-LOC", "-"]);
      assert.deepEqual(offsetsToBiluoTags(d, []), ["O", "O", "O", "O", "O", "O", "O"]);
    });

    it("marks tokens starting inside an unlabelled entity as outside", () => {
      const d = doc(words, spaces);
      assert.deepEqual(offsetsToBiluoTags(d, [[0, 9, ""]], { missing: "-" }), ["O", "O", "O", "-", "-", "-", "-"]);
    });

    it("rejects overlapping entities, naming both (spaCy's E103)", () => {
      const d = doc(words, spaces);
      assert.throws(
        () =>
          offsetsToBiluoTags(d, [
            [10, 30, "LOC"],
            [10, 23, "LOC"],
          ]),
        { code: "E_OVERLAPPING_ENTS", message: /\[10, 30\) 'San Francisco Valley' \(LOC\) and \[10, 23\) 'San Francisco' \(LOC\)/ },
      );
    });

    it("rejects offsets outside the text or empty", () => {
      const d = doc(words, spaces);
      assert.throws(() => offsetsToBiluoTags(d, [[10, 99, "LOC"]]), { code: "E_BAD_ENTITY_OFFSETS" });
      assert.throws(() => offsetsToBiluoTags(d, [[5, 5, "LOC"]]), { code: "E_BAD_ENTITY_OFFSETS" });
      assert.throws(() => offsetsToBiluoTags(d, [[-1, 2, "LOC"]]), { code: "E_BAD_ENTITY_OFFSETS" });
    });

    it("round-trips with biluoTagsToOffsets (spaCy's test_roundtrip_offsets_biluo_conversion)", () => {
      const d = doc(["I", "flew", "to", "Silicon", "Valley", "via", "London", "."], [true, true, true, true, true, true, false, false]);
      const biluo = ["O", "O", "O", "B-LOC", "L-LOC", "O", "U-GPE", "O"];
      const offsets: Array<[number, number, string]> = [
        [10, 24, "LOC"],
        [29, 35, "GPE"],
      ];
      assert.deepEqual(offsetsToBiluoTags(d, offsets), biluo);
      assert.deepEqual(biluoTagsToOffsets(d, biluo), offsets);
      assert.deepEqual(biluoTagsToOffsets(d, ["-", ...biluo.slice(1)]), [[0, 1, ""], ...offsets]);
    });
  });

  describe("biluoTagsToSpans", () => {
    it("makes labelled spans (spaCy's test_biluo_spans)", () => {
      const d = doc(["I", "flew", "to", "Silicon", "Valley", "via", "London", "."], [true, true, true, true, true, true, false, false]);
      const spans = biluoTagsToSpans(d, ["O", "O", "O", "B-LOC", "L-LOC", "O", "U-GPE", "O"]);
      assert.deepEqual(
        spans.map((span) => [span.text, span.label]),
        [
          ["Silicon Valley", "LOC"],
          ["London", "GPE"],
        ],
      );
    });

    it("wants one tag per token", () => {
      assert.throws(() => biluoTagsToSpans(doc(["a", "b"]), ["O"]), { code: "E_TAG_COUNT" });
    });
  });

  it("docToBiluoTags tells outside from unknown", () => {
    const d = new Doc(new Vocab(), { words: ["Sarah", "'s", "sister", "flew", "to", "London"], ents: ["B-PERSON", "I-PERSON", "O", "", "O", "B-GPE"] });
    assert.deepEqual(docToBiluoTags(d), ["B-PERSON", "L-PERSON", "O", "O", "O", "U-GPE"]);
    assert.deepEqual(docToBiluoTags(d, { missing: "-" }), ["B-PERSON", "L-PERSON", "O", "-", "O", "U-GPE"]);
  });

  it("splits and removes BILU prefixes", () => {
    assert.deepEqual(splitBiluLabel("B-WORK-OF-ART"), ["B", "WORK-OF-ART"]);
    assert.equal(removeBiluPrefix("U-LOC"), "LOC");
    assert.throws(() => removeBiluPrefix("LOC"), { code: "E_BAD_BILUO_TAG" });
  });
});
