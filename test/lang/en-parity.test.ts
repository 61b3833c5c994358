// Parity with spaCy 3.5.4's English tokenizer on every sentence of the UD English-EWT dev set.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTokenizer, createVocab } from "../../src/lang/create.js";
import { needShared } from "../helpers/shared.js";

interface GoldenLine {
  text: string;
  tokens: string[];
  spaces: boolean[];
}

/** Character spans "start:end" of the tokens, laid out with their trailing spaces. */
function spans(words: readonly string[], spaces: readonly boolean[]): string[] {
  const result: string[] = [];
  let offset = 0;
  words.forEach((word, i) => {
    result.push(`${offset}:${offset + word.length}`);
    offset += word.length + (spaces[i] ? 1 : 0);
  });
  return result;
}

describe("lang/en parity with spaCy", () => {
  it("tokenizes the EWT dev sentences as spaCy does", function () {
    const file = join(needShared(this), "golden/tokenizer_en_ewt_dev.jsonl");
    const golden: GoldenLine[] = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line));
    const tokenizer = createTokenizer(createVocab("en"), "en");
    let identical = 0;
    let matched = 0;
    let predicted = 0;
    let expected = 0;
    const mismatches: string[] = [];
    for (const { text, tokens, spaces } of golden) {
      const out = tokenizer.split(text);
      const same = out.words.length === tokens.length && out.words.every((word, i) => word === tokens[i] && out.spaces[i] === spaces[i]);
      if (same) identical++;
      else mismatches.push(`${JSON.stringify(text)}\n        spaCy:  ${JSON.stringify(tokens)}\n        tsnlp:  ${JSON.stringify(out.words)}`);
      const gold = new Set(spans(tokens, spaces));
      const ours = spans(out.words, out.spaces);
      matched += ours.filter((span) => gold.has(span)).length;
      predicted += ours.length;
      expected += gold.size;
    }
    const share = identical / golden.length;
    const precision = matched / predicted;
    const recall = matched / expected;
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(
      `      identical sentences: ${identical}/${golden.length} = ${(share * 100).toFixed(2)}%; token F1 ${(f1 * 100).toFixed(3)}% (P ${(precision * 100).toFixed(3)}%, R ${(recall * 100).toFixed(3)}%)`,
    );
    if (mismatches.length > 0) console.log(`      first mismatches:\n      ${mismatches.slice(0, 5).join("\n      ")}`);
    assert.equal(golden.length, 2001);
    assert.ok(share >= 0.995, `only ${(share * 100).toFixed(2)}% of sentences tokenize as spaCy does`);
  });
});
