import { strict as assert } from "node:assert";
import { BiluoPushDown } from "../../../src/pipes/transition/biluo.js";
import { BEGIN, IN, LAST, OUT, UNIT } from "../../../src/pipes/transition/biluo-gold.js";
import { exampleOracleSequence, initGoldBatch, oracleSequence } from "../../../src/pipes/transition/oracle.js";
import type { TransitionState } from "../../../src/pipes/transition/state.js";
import { Doc } from "../../../src/tokens/doc.js";
import { type ExampleSpec, makeExample, perLocOrgSystem, vocab } from "./helpers.js";
import { SPACY_WALKS } from "./spacy-walks.js";

const CORPUS: ExampleSpec[] = [
  { words: "Anna lives in New York City", gold: ["U-PER", "O", "O", "B-LOC", "I-LOC", "L-LOC"] },
  { words: "Bob met Carol Smith at Acme", gold: ["U-PER", "O", "B-PER", "L-PER", "O", "U-ORG"] },
  { words: "Paris is nice", gold: ["U-LOC", "O", "O"] },
];

/** The valid moves of a state with their costs, as "name:cost" in move order. */
function validCosts(system: BiluoPushDown, state: TransitionState, gold: ReturnType<BiluoPushDown["initGold"]>): string {
  const valid = new Uint8Array(system.nMoves);
  const costs = new Float32Array(system.nMoves);
  system.setCosts(state, gold, valid, costs);
  const out: string[] = [];
  for (let clas = 0; clas < system.nMoves; clas++) if (valid[clas]) out.push(`${system.className(clas)}:${costs[clas]}`);
  return out.join(" ");
}

/** Walk `path` from the start of the example, recording validCosts before each move. */
function walk(system: BiluoPushDown, spec: ExampleSpec, path: string[]): string[] {
  const { states, golds } = initGoldBatch(system, [makeExample(spec)]);
  assert.equal(states.length, 1, "the example has gold");
  const [state, gold] = [states[0]!, golds[0]!];
  return path.map((name) => {
    const seen = validCosts(system, state, gold);
    const clas = system.lookupTransition(name);
    assert.ok(system.isValid(state, clas), `${name} is valid`);
    system.apply(state, clas);
    return seen;
  });
}

/** A small deterministic generator. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 0x100000000;
  };
}

describe("BiluoPushDown", () => {
  it("orders moves as spaCy does: actions in order, labels by frequency then name, descending", () => {
    const system = new BiluoPushDown();
    system.initializeActions(system.getActions(CORPUS.map(makeExample)));
    // What spaCy 3.5 (ner.move_names and moves.labels) gives after initializing on CORPUS.
    assert.deepEqual(system.classNames, [
      "B-PER",
      "B-LOC",
      "B-ORG",
      "I-PER",
      "I-LOC",
      "I-ORG",
      "L-PER",
      "L-LOC",
      "L-ORG",
      "U-PER",
      "U-LOC",
      "U-ORG",
      "U-",
      "O",
    ]);
    assert.deepEqual(system.toJSON().moves, {
      "0": {},
      "1": { PER: 4, LOC: 4, ORG: 1 },
      "2": { PER: 4, LOC: 4, ORG: 1 },
      "3": { PER: 4, LOC: 4, ORG: 1 },
      "4": { PER: 4, LOC: 4, ORG: 1, "": 1 },
      "5": { "": 1 },
    });
  });

  it("adds labels after the others, grouped by label, and keeps that order through JSON", () => {
    const fresh = new BiluoPushDown();
    for (const label of ["PER", "LOC"]) for (const action of fresh.actionTypes) fresh.addAction(action, label);
    // spaCy's add_label on a component not yet initialized: no O and no U- (O takes no label).
    assert.deepEqual(fresh.classNames, ["B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC", "L-LOC", "U-LOC"]);
    assert.equal(fresh.addAction(OUT, "PER"), null);
    assert.equal(fresh.addAction(BEGIN, "PER"), 0);

    const system = perLocOrgSystem();
    for (const action of system.actionTypes) system.addAction(action, "DATE");
    for (const action of system.actionTypes) system.addAction(action, "TIME");
    const names = system.classNames;
    assert.deepEqual(names.slice(-8), ["B-DATE", "I-DATE", "L-DATE", "U-DATE", "B-TIME", "I-TIME", "L-TIME", "U-TIME"]);
    assert.deepEqual(system.toJSON().moves["1"], { PER: 1, ORG: 1, LOC: 1, DATE: -1, TIME: -2 });
    const restored = new BiluoPushDown().fromJSON(JSON.parse(JSON.stringify(system.toJSON())));
    assert.deepEqual(restored.classNames, names);
  });

  it("gives the oracle sequence spaCy gives, and the oracle reproduces the gold entities", () => {
    const system = new BiluoPushDown();
    const examples = CORPUS.map(makeExample);
    system.initializeActions(system.getActions(examples));
    const names = (eg: (typeof examples)[number]) => exampleOracleSequence(system, eg).map((clas) => system.className(clas));
    assert.deepEqual(names(examples[0]!), ["U-PER", "O", "O", "B-LOC", "I-LOC", "L-LOC"]);
    assert.deepEqual(names(examples[1]!), ["U-PER", "O", "B-PER", "L-PER", "O", "U-ORG"]);
    assert.deepEqual(names(examples[2]!), ["U-LOC", "O", "O"]);

    const more: ExampleSpec[] = [
      ...CORPUS,
      { words: "a b c d e f g", gold: ["B-PER", "L-PER", "B-LOC", "L-LOC", "U-ORG", "U-PER", "O"] },
      { words: "a b c d", gold: ["B-ORG", "I-ORG", "I-ORG", "L-ORG"] },
      { words: "a", gold: ["U-LOC"] },
      { words: "a b", gold: ["O", "U-PER"] },
      { words: "a b c", gold: ["O", "O", "O"] },
    ];
    for (const spec of more) {
      const eg = makeExample(spec);
      const { states, golds } = initGoldBatch(system, [eg]);
      const state = states[0]!;
      const moves = oracleSequence(system, state, golds[0]!);
      assert.equal(moves.length, eg.predicted.length, "one move per token");
      assert.ok(state.isFinal);
      system.setAnnotations(state, eg.predicted);
      assert.deepEqual(
        eg.predicted.ents.map((ent) => [ent.start, ent.end, ent.label]),
        eg.reference.ents.map((ent) => [ent.start, ent.end, ent.label]),
        String(spec.words),
      );
      assert.deepEqual(eg.predicted.entTags, eg.reference.entTags);
    }
  });

  describe("valid moves and costs match spaCy's at every state", () => {
    const scenarios: Record<string, [ExampleSpec, string[]]> = {
      mostly_missing: [{ words: "a b c d", gold: ["-", "-", "-", "O"] }, ["B-PER", "I-PER", "L-PER", "O"]],
      partial: [{ words: "a b c d e f", gold: ["-", "B-PER", "L-PER", "-", "U-LOC", "O"] }, ["O", "B-LOC", "L-LOC", "B-PER", "L-PER", "O"]],
      sunk: [{ words: "a b c d", gold: ["B-PER", "I-PER", "L-PER", "O"] }, ["O", "B-PER", "I-PER", "L-PER"]],
      sunk2: [{ words: "a b c d e", gold: ["B-PER", "I-PER", "L-PER", "U-ORG", "O"] }, ["B-LOC", "I-LOC", "I-LOC", "L-LOC", "O"]],
      next_unit: [{ words: "a b c d", gold: ["B-PER", "L-PER", "U-ORG", "-"] }, ["B-PER", "I-PER", "L-PER", "U-LOC"]],
      preset: [{ words: "a b c d e", gold: ["O", "-", "-", "-", "-"], preset: ["-", "B-ORG", "I-ORG", "-", "-"] }, ["O", "B-ORG", "L-ORG", "U-PER", "O"]],
      sents: [{ words: "a b c d", gold: ["O", "O", "O", "O"], sentStarts: [true, false, true, false] }, ["B-PER", "L-PER", "O", "O"]],
      space: [{ words: ["a", " ", "b", "c"], gold: ["O", "O", "O", "O"] }, ["O", "O", "B-LOC", "L-LOC"]],
      negs: [{ words: "a b c d", gold: ["-", "-", "-", "-"], negs: NEGS() }, ["U-LOC", "B-LOC", "L-LOC", "O"]],
      negs2: [{ words: "a b c d", gold: ["-", "-", "-", "-"], negs: NEGS() }, ["O", "O", "B-ORG", "L-ORG"]],
    };
    for (const [name, [spec, path]] of Object.entries(scenarios)) {
      it(name, () => {
        const system = perLocOrgSystem(spec.negs ? "neg" : null);
        assert.deepEqual(walk(system, spec, path), SPACY_WALKS[name]);
      });
    }
  });

  it("rejects a gold entity that is also a known-wrong span", () => {
    const system = perLocOrgSystem("neg");
    const eg = makeExample({ words: "a b c", gold: ["U-PER", "O", "O"], negs: [[0, 1, "PER"]] });
    assert.throws(() => initGoldBatch(system, [eg]), /both an entity and an incorrect span/);
  });

  it("every non-final state has a valid move, and any walk of valid moves ends in well-formed entities", () => {
    const system = perLocOrgSystem();
    const next = lcg(7);
    const docs = [
      new Doc(vocab, { words: "a b c d e f g h".split(" ") }),
      new Doc(vocab, { words: "a b c d e f".split(" "), ents: ["-", "B-ORG", "L-ORG", "-", "U-PER", "-"] }),
      new Doc(vocab, { words: "a b c d e f".split(" "), sentStarts: [true, false, false, true, false, true] }),
      new Doc(vocab, { words: ["a", "\n", "b", " ", "c"] }),
      new Doc(vocab, { words: ["a"] }),
    ];
    const valid = new Uint8Array(system.nMoves);
    for (let trial = 0; trial < 60; trial++) {
      const doc = docs[trial % docs.length]!;
      const copy = new Doc(vocab, {
        words: doc.words,
        ents: doc.entTags.map((tag) => tag || "-"),
        sentStarts: Array.from(doc.sentStarts, (s) => (s === 0 ? null : s === 1)),
      });
      const [state] = system.initBatch([copy]);
      let steps = 0;
      while (!state!.isFinal) {
        system.setValid(state!, valid);
        const options = [...valid.keys()].filter((clas) => valid[clas]);
        assert.ok(options.length > 0, `no valid move at token ${state!.B(0)} of '${copy.text}'`);
        // Structural rules, whatever the doc: O never inside an entity; I and L only inside one, of its label.
        for (const clas of options) {
          const action = system.actionOf(clas);
          if (action === OUT || action === BEGIN) assert.ok(!state!.entityIsOpen);
          if (action === IN || action === LAST) assert.ok(state!.entityIsOpen && state!.entLabel === system.labelOf(clas));
          if (action === BEGIN) assert.ok(state!.bufferLength >= 2, "B is never the last token");
          if ((action === BEGIN || action === UNIT) && state!.iobAt(state!.B(0)) !== 3)
            assert.ok(!state!.isSpaceAt(state!.B(0)), "no entity starts on whitespace");
        }
        system.apply(state!, options[Math.floor(next() * options.length)]!);
        steps++;
      }
      assert.equal(steps, copy.length, "one move per token");
      const presetEnts = copy.ents.map((ent) => `${ent.start}:${ent.end}:${ent.label}`);
      system.setAnnotations(state!, copy);
      const ents = copy.ents;
      for (const ent of ents) {
        assert.ok(ent.label !== "");
        for (let i = ent.start + 1; i < ent.end; i++) assert.notEqual(copy.sentStarts[i], 1, "entities do not cross sentence starts");
      }
      const got = new Set(ents.map((ent) => `${ent.start}:${ent.end}:${ent.label}`));
      for (const preset of presetEnts) assert.ok(got.has(preset), `preset entity ${preset} kept`);
      assert.ok(
        Array.from(copy.entIob).every((iob) => iob !== 0),
        "every token annotated",
      );
    }
  });

  it("setAnnotations writes closed entities, keeps preset ones and fills the rest with O", () => {
    const system = perLocOrgSystem();
    const doc = new Doc(vocab, { words: "a b c d e".split(" "), ents: ["U-ORG", "-", "-", "-", "-"] });
    doc.entKbIds[0] = "Q1";
    const [state] = system.initBatch([doc]);
    for (const name of ["U-ORG", "O", "B-PER", "L-PER", "O"]) system.apply(state!, system.lookupTransition(name));
    system.setAnnotations(state!, doc);
    assert.deepEqual(doc.entTags, ["B-ORG", "O", "B-PER", "I-PER", "O"]);
    assert.equal(doc.entKbIds[0], "Q1", "the kb id of a reproduced entity stays");
  });

  it("looks moves up by name, with '-' as unknown and clear errors", () => {
    const system = perLocOrgSystem();
    assert.equal(system.className(system.lookupTransition("L-ORG")), "L-ORG");
    assert.equal(system.className(system.lookupTransition("O")), "O");
    assert.equal(system.lookupTransition("-"), -1);
    assert.throws(() => system.lookupTransition("B-DATE"), /no move 'B-DATE'/);
    assert.throws(() => system.lookupTransition("X-PER"), /not a BILUO entity tag/);
    assert.throws(() => system.lookupTransition("B-!PER"), /no longer supported/);
    assert.throws(() => new BiluoPushDown().fromJSON({ moves: { x: {} } }), /not an action number/);
  });

  it("hasGold looks at the reference under the predicted tokens, and at known-wrong spans", () => {
    const system = perLocOrgSystem("neg");
    const eg = makeExample({ words: "a b c d e", gold: ["-", "-", "U-PER", "-", "-"] });
    assert.equal(system.hasGold(eg), true);
    assert.equal(system.hasGold(eg, 0, 2), false);
    assert.equal(system.hasGold(eg, 2, 3), true);
    assert.equal(system.hasGold(eg, 3), false);
    // A negative end counts from the end, as the Python slice spaCy uses.
    assert.equal(system.hasGold(eg, 1, -2), true);
    assert.equal(system.hasGold(eg, 3, -1), false);
    const negOnly = makeExample({ words: "a b c", gold: ["-", "-", "-"], negs: [[1, 2, "ORG"]] });
    assert.equal(system.hasGold(negOnly), true);
    assert.equal(system.hasGold(negOnly, 2), false);
  });
});

function NEGS(): Array<[number, number, string]> {
  return [
    [0, 1, "PER"],
    [1, 3, "LOC"],
    [2, 4, "ORG"],
  ];
}
