import { strict as assert } from "node:assert";
import { argMaxIfGold, argMaxIfValid, logLossGradient } from "../../../src/pipes/transition/log-loss.js";
import { initGoldBatch } from "../../../src/pipes/transition/oracle.js";
import { makeExample, perLocOrgSystem } from "./helpers.js";

/** Scores and the d_scores spaCy's Parser.get_batch_loss gives for them (see the test). */
const SCORES_1 = [
  0.19525401294231415, 0.8607574701309204, 0.41105350852012634, 0.1795327365398407, -0.30538079142570496, 0.5835764408111572, -0.24965114891529083,
  1.5670920610427856, 1.8546510934829712, -0.4662339389324188, 1.1669001579284668, 0.11557967960834503, 0.2721782326698303, 1.702386498451233,
];
const D_1 = [
  -0.9626398682594299, 0.07268297672271729, 0.04635843262076378, 0.03677736222743988, 0.022645676508545876, 0.055087681859731674, 0.023943539708852768,
  0.14729565382003784, 0.19637003540992737, 0.019280916079878807, 0.09871628135442734, 0.03449896723031998, 0.04034743830561638, 0.16863493621349335,
];
const SCORES_2 = [
  -1.7158557176589966, -1.6514828205108643, -1.9191263914108276, 1.330479383468628, 1.1126270294189453, 1.4800485372543335, 1.9144734144210815,
  1.196634292602539, -0.1540825515985489, 1.1221166849136353, -1.5269023180007935, 0.5596840977668762, -1.4265868663787842, 1.7786756753921509,
];
const D_2 = [
  0.005306157749146223, 0.0056589641608297825, 0.004330128896981478, 0.11163147538900375, 0.08977896720170975, 0.12964139878749847, -0.7998239994049072,
  0.09764690697193146, 0.025295868515968323, 0.09063499420881271, 0.00640975683927536, 0.05164574086666107, 0.007086111698299646, 0.17475751042366028,
];

describe("transition loss", () => {
  it("gives spaCy's gradient for the first two states of an example", () => {
    const system = perLocOrgSystem();
    const { states, golds } = initGoldBatch(system, [makeExample({ words: "a b c d", gold: ["B-PER", "L-PER", "-", "O"] })]);
    const [state, gold] = [states[0]!, golds[0]!];
    const n = system.nMoves;
    const valid = new Uint8Array(n);
    const costs = new Float32Array(n);
    for (const [scores, expected, move] of [
      [SCORES_1, D_1, "B-PER"],
      [SCORES_2, D_2, "L-PER"],
    ] as const) {
      system.setCosts(state, gold, valid, costs);
      const d = new Float32Array(n + 3).fill(7);
      const rowScores = new Float32Array([0, 0, 0, ...scores]);
      logLossGradient(d, rowScores, 3, costs, valid, n);
      assert.deepEqual(Array.from(d.subarray(0, 3)), [7, 7, 7], "other rows untouched");
      for (let i = 0; i < n; i++) assert.ok(Math.abs(d[3 + i]! - expected[i]!) < 1e-6, `move ${system.className(i)}: ${d[3 + i]} vs ${expected[i]}`);
      system.apply(state, system.lookupTransition(move));
    }
  });

  it("argmaxes pick the best valid, and the best of least cost", () => {
    const scores = [5, 1, 3, 2];
    const valid = Uint8Array.from([0, 1, 1, 1]);
    assert.equal(argMaxIfValid(scores, 0, valid, 4), 2);
    assert.equal(argMaxIfValid(scores, 0, new Uint8Array(4), 4), -1);
    assert.equal(argMaxIfGold(scores, 0, Float32Array.from([0, 0, 1, 0]), valid, 4), 3);
    // No valid move costs below 1: those costing exactly 1 are the gold.
    assert.equal(argMaxIfGold(scores, 0, Float32Array.from([0, 1, 1, 2]), valid, 4), 2);
    assert.equal(argMaxIfGold(scores, 0, Float32Array.from([0, 2, 2, 2]), valid, 4), -1);
    const d = new Float32Array(4).fill(9);
    logLossGradient(d, scores, 0, Float32Array.from([0, 2, 2, 2]), valid, 4);
    assert.deepEqual(Array.from(d), [9, 9, 9, 9], "nothing to supervise: row left as it was");
  });
});
