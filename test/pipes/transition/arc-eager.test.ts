import { strict as assert } from "node:assert";
import { ArcEager } from "../../../src/pipes/transition/arc-eager.js";
import type { ArcEagerState } from "../../../src/pipes/transition/arc-eager-state.js";
import { arcEagerOracleSequence, cutArcEagerBatch } from "../../../src/pipes/transition/arc-eager-oracle.js";
import { initGoldBatch } from "../../../src/pipes/transition/oracle.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Example } from "../../../src/tokens/example.js";
import { vocab } from "./helpers.js";

interface Walk {
  example: number;
  steps: Array<[string, string, number[], number[]]>;
  heads: number[];
  deps: string[];
}

/** The examples spaCy's numbers below were computed for; a null head and label is unannotated. */
const SPECS: Array<[string, Array<number | null>, Array<string | null>]> = [
  ["She ate the pizza .", [1, 1, 3, 1, 1], ["nsubj", "ROOT", "det", "dobj", "punct"]],
  ["a b c d e f g h i", [1, 2, 2, 4, 5, 2, 7, 4, 2], ["det", "nsubj", "root", "det", "dobj", "aux", "nsubj", "acl", "punct"]],
  ["I ran . You sat down .", [1, 1, 1, 4, 4, 4, 4], ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "advmod", "punct"]],
  ["I like London .", [1, 1, 1, null], ["nsubj", "ROOT", "dobj", null]],
];

function example([text, heads, deps]: (typeof SPECS)[number]): Example {
  const words = text.split(" ");
  const reference = new Doc(vocab, { words, heads: heads.map((head, i) => head ?? i), deps: deps.map((dep) => dep ?? "") });
  return new Example(new Doc(vocab, { words }), reference);
}

// What spaCy 3.5.4's ArcEager computes for SPECS (spaCy 3.8.16, whose arc-eager code is the
// same apart from Cython annotations, ran the script): the moves get_actions and
// initialize_actions make, the oracle's moves with the annotation set_annotations writes, and
// walks that take other valid moves, with every move's cost (get_cost after
// ArcEagerGold.update) and ParserStepModel.get_token_ids before each step.
const SPACY_MOVES = ["S", "D", "L-nsubj", "L-det", "L-dobj", "L-dep", "R-punct", "R-dobj", "R-aux", "R-advmod", "R-acl||dobj", "R-dep", "B-ROOT", "B"];
const SPACY_LABELS = {
  "0": { "": 11 },
  "1": { "": 10 },
  "2": { nsubj: 6, det: 3, dobj: 1, dep: 0 },
  "3": { punct: 4, dobj: 2, aux: 1, advmod: 1, "acl||dobj": 1, dep: 0 },
  "4": { ROOT: 5, "": 1 },
};
/** Per example: the oracle's moves, and the heads and labels spaCy's set_annotations writes after them. */
const SPACY_ORACLE = [
  { moves: "S L-nsubj S S L-det R-dobj D R-punct D D", heads: [1, 1, 3, 1, 1], deps: ["nsubj", "ROOT", "det", "dobj", "punct"] },
  {
    moves: "S L-det S L-nsubj S S L-det S L-dobj R-aux S L-nsubj R-acl||dobj D D R-punct D D",
    heads: [1, 2, 2, 4, 5, 2, 7, 5, 2],
    deps: ["det", "nsubj", "ROOT", "det", "dobj", "aux", "nsubj", "acl||dobj", "punct"],
  },
  {
    moves: "S L-nsubj S B-ROOT R-punct D D S L-nsubj S R-advmod D R-punct D D",
    heads: [1, 1, 1, 4, 4, 4, 4],
    deps: ["nsubj", "ROOT", "punct", "nsubj", "ROOT", "advmod", "punct"],
  },
  { moves: "S L-nsubj S R-dobj D D S D", heads: [1, 1, 1, 3], deps: ["nsubj", "ROOT", "dobj", "ROOT"] },
];
/** Walks: [example, steps] with each step [move taken, costs of every move (x: invalid), ids for 8, ids for 13], then the final heads and labels. */
const SPACY_WALKS: Walk[] = [
  {
    example: 1,
    steps: [
      ["B-ROOT", "0 x x x x x x x x x x x 1 1", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x 0 0", [1, 2, 0, -1, -1, -1, -1, -1], [1, 2, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x 1 1", [1, 2, -1, -1, -1, -1, -1, -1], [1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "1 1 0 1 1 1 1 1 1 1 1 1 1 1", [2, 3, 1, -1, -1, -1, -1, -1], [2, 3, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-aux", "0 1 3 3 3 3 1 1 1 1 1 1 3 3", [3, 4, 2, 1, -1, -1, -1, -1], [3, 4, 2, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-punct", "1 1 1 0 1 1 2 2 2 2 2 2 3 3", [4, 5, 3, 2, 1, -1, -1, -1], [4, 5, 3, 2, 1, -1, -1, -1, -1, -1, -1, 3, -1]],
      ["R-advmod", "2 1 1 1 0 1 2 2 2 2 2 2 2 2", [5, 6, 4, 3, 2, -1, -1, -1], [5, 6, 4, 3, 2, -1, -1, -1, -1, -1, -1, 4, -1]],
      ["L-dobj", "0 1 1 1 1 1 1 1 1 1 1 1 3 3", [6, 7, 5, 4, 3, -1, -1, -1], [6, 7, 5, 4, 3, -1, -1, -1, -1, -1, -1, 5, -1]],
      ["R-advmod", "0 0 0 0 0 0 1 1 1 1 1 1 2 2", [6, 7, 4, 3, 2, 5, -1, -1], [6, 7, 4, 3, 2, -1, -1, 5, -1, -1, -1, 4, -1]],
      ["L-det", "1 1 0 1 1 1 1 1 1 1 1 1 2 2", [7, 8, 6, 4, 3, -1, 5, -1], [7, 8, 6, 4, 3, 5, -1, -1, -1, -1, -1, 6, -1]],
      ["R-advmod", "0 0 0 0 0 0 0 0 0 0 0 0 2 2", [7, 8, 4, 3, 2, 6, -1, -1], [7, 8, 4, 3, 2, -1, -1, 6, -1, -1, -1, 4, -1]],
      ["R-advmod", "x 0 0 0 0 0 1 1 1 1 1 1 x x", [8, -1, 7, 4, 3, -1, 6, -1], [8, -1, 7, 4, 3, 6, -1, -1, -1, -1, -1, 7, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 8, 7, 4, -1, -1, -1], [-1, -1, 8, 7, 4, -1, -1, -1, -1, 6, -1, 8, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 7, 4, 3, -1, 6, 8], [-1, -1, 7, 4, 3, 6, 8, -1, -1, -1, -1, 7, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 4, 3, 2, -1, -1, 7], [-1, -1, 4, 3, 2, -1, 7, -1, -1, -1, -1, 4, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 3, 2, 1, -1, -1, 4], [-1, -1, 3, 2, 1, -1, 4, -1, -1, -1, -1, 3, -1]],
      ["D", "x -1 x x x x x x x x x x x x", [-1, -1, 2, 1, -1, -1, -1, 3], [-1, -1, 2, 1, -1, -1, 3, -1, -1, -1, -1, -1, -1]],
      ["R-advmod", "x 1 0 1 1 1 1 1 1 1 1 1 x x", [2, -1, 1, -1, -1, -1, -1, -1], [2, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 2, 1, -1, -1, -1, 3], [-1, -1, 2, 1, -1, -1, 3, -1, -1, -1, -1, 2, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 1, -1, -1, -1, -1, 2], [-1, -1, 1, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1]],
    ],
    heads: [0, 1, 1, 2, 3, 6, 7, 4, 7],
    deps: ["ROOT", "ROOT", "advmod", "aux", "punct", "dobj", "det", "advmod", "advmod"],
  },
  {
    example: 2,
    steps: [
      ["B-ROOT", "0 x x x x x x x x x x x 1 1", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x 0 0", [1, 2, 0, -1, -1, -1, -1, -1], [1, 2, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x 1 1", [1, 2, -1, -1, -1, -1, -1, -1], [1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "2 1 1 1 1 1 1 2 2 2 2 2 0 0", [2, 3, 1, -1, -1, -1, -1, -1], [2, 3, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-aux", "0 -1 1 1 1 1 1 1 1 1 1 1 1 1", [3, 4, 2, 1, -1, -1, -1, -1], [3, 4, 2, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-punct", "1 1 0 1 1 1 1 1 1 1 1 1 1 1", [4, 5, 3, 2, 1, -1, -1, -1], [4, 5, 3, 2, 1, -1, -1, -1, -1, -1, -1, 3, -1]],
      ["R-advmod", "1 2 2 2 2 2 1 1 1 0 1 1 2 2", [5, 6, 4, 3, 2, -1, -1, -1], [5, 6, 4, 3, 2, -1, -1, -1, -1, -1, -1, 4, -1]],
      ["L-dep", "x 0 1 1 1 1 1 1 1 1 1 1 x x", [6, -1, 5, 4, 3, -1, -1, -1], [6, -1, 5, 4, 3, -1, -1, -1, -1, -1, -1, 5, -1]],
      ["R-advmod", "x 1 1 1 1 1 0 1 1 1 1 1 x x", [6, -1, 4, 3, 2, 5, -1, -1], [6, -1, 4, 3, 2, -1, -1, 5, -1, -1, -1, 4, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 6, 4, 3, -1, 5, -1], [-1, -1, 6, 4, 3, 5, -1, -1, -1, -1, -1, 6, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 4, 3, 2, -1, -1, 6], [-1, -1, 4, 3, 2, -1, 6, -1, -1, -1, -1, 4, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 3, 2, 1, -1, -1, 4], [-1, -1, 3, 2, 1, -1, 4, -1, -1, -1, -1, 3, -1]],
      ["D", "x -1 x x x x x x x x x x x x", [-1, -1, 2, 1, -1, -1, -1, 3], [-1, -1, 2, 1, -1, -1, 3, -1, -1, -1, -1, -1, -1]],
      ["R-dobj", "x 1 1 1 1 1 0 1 1 1 1 1 x x", [2, -1, 1, -1, -1, -1, -1, -1], [2, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 2, 1, -1, -1, -1, 3], [-1, -1, 2, 1, -1, -1, 3, -1, -1, -1, -1, 2, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 1, -1, -1, -1, -1, 2], [-1, -1, 1, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1]],
    ],
    heads: [0, 1, 1, 2, 3, 6, 4],
    deps: ["ROOT", "ROOT", "dobj", "aux", "punct", "dep", "advmod"],
  },
  {
    example: 3,
    steps: [
      ["B-ROOT", "0 x x x x x x x x x x x 1 1", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x 0 0", [1, 2, 0, -1, -1, -1, -1, -1], [1, 2, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x 1 1", [1, 2, -1, -1, -1, -1, -1, -1], [1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "1 1 1 1 1 1 1 0 1 1 1 1 1 1", [2, 3, 1, -1, -1, -1, -1, -1], [2, 3, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-aux", "x -1 1 1 1 1 0 0 0 0 0 0 x x", [3, -1, 2, 1, -1, -1, -1, -1], [3, -1, 2, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 3, 2, 1, -1, -1, -1], [-1, -1, 3, 2, 1, -1, -1, -1, -1, -1, -1, 3, -1]],
      ["D", "x -1 x x x x x x x x x x x x", [-1, -1, 2, 1, -1, -1, -1, 3], [-1, -1, 2, 1, -1, -1, 3, -1, -1, -1, -1, -1, -1]],
      ["L-dep", "x 1 1 1 1 1 1 0 1 1 1 1 x x", [2, -1, 1, -1, -1, -1, -1, -1], [2, -1, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [2, -1, -1, -1, -1, 1, -1, -1], [2, -1, -1, -1, -1, -1, -1, 1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 2, -1, -1, -1, 1, 3], [-1, -1, 2, -1, -1, 1, 3, -1, -1, -1, -1, -1, -1]],
    ],
    heads: [0, 2, 2, 2],
    deps: ["ROOT", "dep", "ROOT", "aux"],
  },
  {
    example: 0,
    steps: [
      ["B", "0 x x x x x x x x x x x 1 1", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x 0 0", [1, 2, 0, -1, -1, -1, -1, -1], [1, 2, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x 1 1", [1, 2, -1, -1, -1, -1, -1, -1], [1, 2, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["B-ROOT", "0 2 2 2 2 2 1 1 1 1 1 1 3 3", [2, 3, 1, -1, -1, -1, -1, -1], [2, 3, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 0 0 0 0 0 0 0 0 0 0 0 x x", [2, 3, 1, -1, -1, -1, -1, -1], [2, 3, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["B-ROOT", "x 0 x x x x x x x x x x -1 -1", [3, 4, 2, 1, -1, -1, -1, -1], [3, 4, 2, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [3, 4, 2, 1, -1, -1, -1, -1], [3, 4, 2, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-acl||dobj", "x 0 0 0 0 0 0 0 0 0 0 0 x x", [2, 3, 1, -1, -1, -1, -1, -1], [2, 3, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [3, 4, 2, 1, -1, -1, -1, -1], [3, 4, 2, 1, -1, -1, -1, -1, -1, -1, -1, 2, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [3, 4, 1, -1, -1, -1, -1, 2], [3, 4, 1, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [3, 4, -1, -1, -1, -1, -1, -1], [3, 4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [4, -1, 3, -1, -1, -1, -1, -1], [4, -1, 3, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["S", "0 x x x x x x x x x x x x x", [4, -1, -1, -1, -1, -1, -1, -1], [4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 4, -1, -1, -1, -1, -1], [-1, -1, 4, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
    ],
    heads: [0, 1, 1, 3, 4],
    deps: ["ROOT", "ROOT", "acl||dobj", "ROOT", "ROOT"],
  },
  {
    example: 2,
    steps: [
      ["S", "0 x x x x x x x x x x x 1 1", [0, 1, -1, -1, -1, -1, -1, -1], [0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-dep", "1 1 0 1 1 1 1 1 1 1 1 1 1 1", [1, 2, 0, -1, -1, -1, -1, -1], [1, 2, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["R-acl||dobj", "2 1 1 1 1 1 1 2 2 2 2 2 0 0", [2, 3, 1, 0, -1, -1, -1, -1], [2, 3, 1, 0, -1, -1, -1, -1, -1, -1, -1, 1, -1]],
      ["L-det", "0 0 1 1 1 1 1 1 1 1 1 1 1 1", [3, 4, 2, 1, 0, -1, -1, -1], [3, 4, 2, 1, 0, -1, -1, -1, -1, -1, -1, 2, -1]],
      ["R-acl||dobj", "0 0 0 0 0 0 1 1 1 1 1 1 1 1", [3, 4, 1, 0, -1, 2, -1, -1], [3, 4, 1, 0, -1, -1, -1, 2, -1, -1, -1, 1, -1]],
      ["R-aux", "1 1 0 1 1 1 1 1 1 1 1 1 1 1", [4, 5, 3, 1, 0, -1, 2, -1], [4, 5, 3, 1, 0, 2, -1, -1, -1, -1, -1, 3, -1]],
      ["S", "1 2 2 2 2 2 1 1 1 0 1 1 2 2", [5, 6, 4, 3, 1, -1, -1, -1], [5, 6, 4, 3, 1, -1, -1, -1, -1, 2, -1, 4, -1]],
      ["R-dep", "x -1 1 1 1 1 1 1 1 1 1 1 x x", [6, -1, 5, 4, 3, -1, -1, -1], [6, -1, 5, 4, 3, -1, -1, -1, -1, -1, -1, -1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 6, 5, 4, -1, -1, -1], [-1, -1, 6, 5, 4, -1, -1, -1, -1, -1, -1, 6, -1]],
      ["D", "x -1 x x x x x x x x x x x x", [-1, -1, 5, 4, 3, -1, -1, 6], [-1, -1, 5, 4, 3, -1, 6, -1, -1, -1, -1, -1, -1]],
      ["L-dep", "x 1 1 1 1 1 1 1 1 0 1 1 x x", [5, -1, 4, 3, 1, -1, -1, -1], [5, -1, 4, 3, 1, -1, -1, -1, -1, 2, -1, 4, -1]],
      ["R-dobj", "x 0 0 0 0 0 0 0 0 0 0 0 x x", [5, -1, 3, 1, 0, 4, 2, -1], [5, -1, 3, 1, 0, 2, -1, 4, -1, -1, -1, 3, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 5, 3, 1, -1, 4, 6], [-1, -1, 5, 3, 1, 4, 6, -1, -1, 2, -1, 5, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 3, 1, 0, -1, 2, 5], [-1, -1, 3, 1, 0, 2, 5, -1, -1, -1, -1, 3, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 1, 0, -1, -1, -1, 3], [-1, -1, 1, 0, -1, -1, 3, -1, -1, -1, -1, 1, -1]],
      ["D", "x 0 x x x x x x x x x x x x", [-1, -1, 0, -1, -1, -1, -1, 1], [-1, -1, 0, -1, -1, -1, 1, -1, -1, -1, -1, -1, -1]],
    ],
    heads: [0, 0, 3, 1, 5, 3, 5],
    deps: ["ROOT", "dep", "det", "acl||dobj", "dep", "dobj", "dep"],
  },
];

function initializedSystem(): ArcEager {
  const system = new ArcEager();
  system.initializeActions(system.getActions(SPECS.map(example)));
  return system;
}

const moveNames = (system: ArcEager, line: string) => line.split(" ").map((name) => system.lookupTransition(name));

describe("ArcEager", () => {
  it("makes spaCy's moves, in spaCy's order, from the examples' projectivized parses", () => {
    const system = initializedSystem();
    assert.deepEqual(system.classNames, SPACY_MOVES);
    assert.deepEqual(system.toJSON().moves, SPACY_LABELS);
  });

  it("follows spaCy's oracle and writes the gold parse (projectivized, unannotated tokens as roots)", () => {
    const system = initializedSystem();
    SPECS.forEach((spec, i) => {
      const eg = example(spec);
      const { states, golds } = initGoldBatch(system, [eg]);
      const moves = arcEagerOracleSequence(system, states[0]!, golds[0]!);
      assert.deepEqual(moves.map((clas) => system.className(clas)).join(" "), SPACY_ORACLE[i]!.moves, spec[0]);
      system.setAnnotations(states[0]!, eg.predicted);
      assert.deepEqual(Array.from(eg.predicted.heads), SPACY_ORACLE[i]!.heads);
      assert.deepEqual(eg.predicted.deps, SPACY_ORACLE[i]!.deps);
    });
  });

  it("gives spaCy's validity, costs and context tokens along walks off the oracle, and spaCy's parse at their end", () => {
    const system = initializedSystem();
    const n = system.nMoves;
    const valid = new Uint8Array(n);
    const costs = new Float32Array(n);
    for (const walk of SPACY_WALKS) {
      const eg = example(SPECS[walk.example]!);
      const [state] = system.initBatch([eg.predicted]) as ArcEagerState[];
      const gold = system.initGold(state!, eg);
      walk.steps.forEach(([move, spacyCosts, ids8, ids13], step) => {
        const where = `${SPECS[walk.example]![0]}, step ${step}`;
        system.setCosts(state!, gold, valid, costs);
        assert.equal(Array.from(costs, (cost, clas) => (valid[clas] ? String(cost) : "x")).join(" "), spacyCosts, where);
        for (const [nF, want] of [
          [8, ids8],
          [13, ids13],
        ] as const) {
          const ids = new Int32Array(nF);
          system.setContextTokens(state!, nF, ids, 0);
          assert.deepEqual(Array.from(ids), want, `${where}, ${nF} context tokens`);
        }
        system.apply(state!, system.lookupTransition(move));
      });
      assert.ok(state!.isFinal);
      system.setAnnotations(state!, eg.predicted);
      assert.deepEqual(Array.from(eg.predicted.heads), walk.heads);
      assert.deepEqual(eg.predicted.deps, walk.deps);
    }
  });

  it("adds the batch offset to context tokens", () => {
    const system = initializedSystem();
    const docs = SPECS.slice(0, 2).map((spec) => example(spec).predicted);
    const states = system.initBatch(docs) as ArcEagerState[];
    for (const clas of moveNames(system, "S L-det S")) system.apply(states[1]!, clas);
    const ids = new Int32Array(8);
    system.setContextTokens(states[1]!, 8, ids, 0);
    // Doc 1 starts after the 5 tokens of doc 0: B0 = c (2), B1 = d (3), S0 = b (1), L(S0) = a (0).
    assert.deepEqual(Array.from(ids), [7, 8, 6, -1, -1, -1, 5, -1]);
  });

  it("backs rare labels off to dep in the moves and in the gold", () => {
    const system = new ArcEager();
    const egs = SPECS.map(example);
    system.initializeActions(system.getActions(egs, { minFreq: 3 }));
    assert.deepEqual(system.classNames, ["S", "D", "L-nsubj", "L-det", "L-dep", "R-punct", "R-dep", "B-ROOT"]);
    const eg = egs[0]!;
    const { states, golds } = initGoldBatch(system, [eg]);
    arcEagerOracleSequence(system, states[0]!, golds[0]!);
    system.setAnnotations(states[0]!, eg.predicted);
    assert.deepEqual(eg.predicted.deps, ["nsubj", "ROOT", "det", "dep", "punct"]);
  });

  it("respects sentence starts preset on the doc", () => {
    const system = initializedSystem();
    const words = "I ran . You sat down .".split(" ");
    const doc = new Doc(vocab, { words, sentStarts: [true, false, false, true, false, false, false] });
    const [state] = system.initBatch([doc]) as ArcEagerState[];
    const valid = new Uint8Array(system.nMoves);
    for (const clas of moveNames(system, "S L-nsubj S R-punct")) {
      system.setValid(state!, valid);
      assert.equal(valid[clas], 1, system.className(clas));
      system.apply(state!, clas);
    }
    // B0 = "You" starts a sentence: no arc reaches it, no shift onto a non-empty stack, no break before it.
    system.setValid(state!, valid);
    assert.deepEqual(
      system.classNames.filter((_, clas) => valid[clas]),
      ["D"],
    );
    // And "sat" may not start one: Break is invalid while B1 is "sat".
    for (const clas of moveNames(system, "D D")) system.apply(state!, clas);
    system.setValid(state!, valid);
    assert.equal(valid[system.lookupTransition("B-ROOT")], 0);
  });

  it("says which reference tokens have gold, reading ranges as Python slices", () => {
    const system = initializedSystem();
    const eg = example(SPECS[3]!);
    assert.equal(system.hasGold(eg), true);
    assert.equal(system.hasGold(eg, 3), false);
    assert.equal(system.hasGold(eg, 2, -1), true);
    assert.equal(system.hasGold(eg, 3, -1), false);
    const unannotated = new Example(new Doc(vocab, { words: ["a", "b"] }), new Doc(vocab, { words: ["a", "b"] }));
    assert.equal(system.hasGold(unannotated), false);
  });

  it("cuts long docs along the oracle into segments that start from the oracle's states", () => {
    const system = initializedSystem();
    const egs = SPECS.map(example);
    const batch = cutArcEagerBatch(system, egs, 6);
    // Docs under 6 tokens stay whole; the 9-token doc's 18 moves make 3 segments, the 7-token
    // doc's 15 moves 2: its last segment starts at its last token, and spaCy's check of the
    // reference slice [6:-1] finds nothing there.
    assert.equal(batch.states.length, 2 + 3 + 2);
    const second = batch.states[1 + 1]!;
    assert.deepEqual([second.S(0), second.B(0)], [3, 4], "after S L-det S L-nsubj S S");
    for (const [i, state] of batch.states.entries()) {
      // From every segment start the oracle still reaches the gold parse.
      const moves = arcEagerOracleSequence(system, state.clone(), batch.golds[i]!);
      assert.ok(moves.length > 0);
    }
  });
});
