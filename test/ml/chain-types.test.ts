/**
 * A type-level test, checked by `tsc --noEmit`: chain must reject layers whose types do not
 * connect. If the `@ts-expect-error` lines stop being errors, tsc fails on them.
 */
import { strict as assert } from "node:assert";
import { chain } from "../../src/ml/layers/chain.js";
import { list2ragged } from "../../src/ml/layers/list2ragged.js";
import { ragged2list } from "../../src/ml/layers/ragged2list.js";
import { withArray } from "../../src/ml/layers/with-array.js";
import { Model } from "../../src/ml/model.js";
import type { Floats2d, Ints2d, Ragged } from "../../src/ml/types.js";

const dense = () => new Model<Floats2d, Floats2d>("dense", (_m, X) => [X, (dY) => dY]);
const embed = () => new Model<Ints2d, Floats2d>("embed", (_m, X) => [null as unknown as Floats2d, () => X]);

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_ok: T): void => {};

/** Never called: only its compilation matters. */
function typeChecks(): unknown[] {
  const good = chain(list2ragged(), withArray(dense(), { seq: "ragged" }), ragged2list());
  expectType<Equal<typeof good, Model<Floats2d[], Floats2d[]>>>(true);
  const ids = chain(list2ragged<Ints2d>(), withArray(embed(), { seq: "ragged" }), withArray(dense(), { seq: "ragged" }));
  expectType<Equal<typeof ids, Model<Ints2d[], Ragged<Floats2d>>>>(true);
  const bad = [
    // @ts-expect-error a list layer cannot take a 2d array's place
    chain(dense(), list2ragged()),
    // @ts-expect-error Ints2d in, but the previous layer gives Floats2d
    chain(dense(), embed()),
    // @ts-expect-error a list-typed with_array after a ragged output
    chain(list2ragged(), withArray(dense()), ragged2list()),
  ];
  return [good, ids, bad];
}

describe("chain types", () => {
  it("compiles typed chains (the checks run in tsc)", () => {
    assert.equal(typeof typeChecks, "function");
  });
});
