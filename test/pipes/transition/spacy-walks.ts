/**
 * What spaCy (BiluoPushDown in spacy/pipeline/_parser_internals/ner.pyx) computes for the
 * scenarios of biluo.test.ts: at each state of a walk, every valid move with its cost, in
 * move order ("name:cost"). The moves were set up from one example with U-PER, U-LOC, U-ORG
 * and O tokens, giving B-PER B-ORG B-LOC I-PER I-ORG I-LOC L-PER L-ORG L-LOC U-PER U-ORG U-LOC
 * U- O.
 */
export const SPACY_WALKS: Record<string, string[]> = {
  mostly_missing: ["B-PER:0 B-ORG:0 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0", "I-PER:0 L-PER:0", "I-PER:0 L-PER:0", "U-PER:1 U-ORG:1 U-LOC:1 O:0"],
  partial: [
    "B-PER:0 B-ORG:0 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0",
    "B-PER:0 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:1",
    "I-LOC:0 L-LOC:0",
    "B-PER:0 B-ORG:0 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0",
    "I-PER:0 L-PER:0",
    "U-PER:1 U-ORG:1 U-LOC:1 O:0",
  ],
  sunk: ["B-PER:0 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:1", "B-PER:1 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:0", "I-PER:0 L-PER:0", "L-PER:0"],
  sunk2: ["B-PER:0 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:1", "I-LOC:0 L-LOC:0", "I-LOC:1 L-LOC:0", "I-LOC:0 L-LOC:0", "U-PER:1 U-ORG:1 U-LOC:1 O:0"],
  next_unit: ["B-PER:0 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:1", "I-PER:1 L-PER:0", "I-PER:1 L-PER:0", "U-PER:0 U-ORG:0 U-LOC:0 O:0"],
  preset: ["U-PER:1 U-ORG:1 U-LOC:1 O:0", "B-ORG:0", "L-ORG:0", "B-PER:0 B-ORG:0 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0", "U-PER:0 U-ORG:0 U-LOC:0 O:0"],
  sents: [
    "B-PER:1 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:0",
    "L-PER:0",
    "B-PER:1 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:0",
    "U-PER:1 U-ORG:1 U-LOC:1 O:0",
  ],
  space: ["B-PER:1 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:0", "O:0", "B-PER:1 B-ORG:1 B-LOC:1 U-PER:1 U-ORG:1 U-LOC:1 O:0", "L-LOC:0"],
  negs: [
    "B-PER:0 B-ORG:0 B-LOC:0 U-PER:1 U-ORG:0 U-LOC:0 O:0",
    "B-PER:0 B-ORG:0 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0",
    "I-LOC:0 L-LOC:1",
    "U-PER:0 U-ORG:0 U-LOC:0 O:0",
  ],
  negs2: [
    "B-PER:0 B-ORG:0 B-LOC:0 U-PER:1 U-ORG:0 U-LOC:0 O:0",
    "B-PER:0 B-ORG:0 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0",
    "B-PER:0 B-ORG:1 B-LOC:0 U-PER:0 U-ORG:0 U-LOC:0 O:0",
    "L-ORG:1",
  ],
};
