/**
 * The inner loops of the host kernels as WebAssembly (SIMD where the data is contiguous), run
 * directly on tfjs-backend-wasm's heap: the module imports the backend's memory, so kernels
 * pass byte addresses and nothing is copied. Plain TypeScript loops run about 2 ns per element
 * here, which barely beats a chain of tfjs ops; these loops run several times faster.
 *
 * Functions that take `n4` work on that many floats, a multiple of 4 (whole vectors); callers
 * finish the last n % 4 elements with their TypeScript loop. If the module cannot be built
 * against the backend's memory (a threaded build shares its memory, say), the TypeScript loops
 * do it all. The module is a few kilobytes, encoded once by wasm-encoder.ts.
 */
import { type Code, encodeModule, WasmFunction } from "./wasm-encoder.js";

export interface SimdKernels {
  /** See adamStep below; pointers are byte addresses, 0 for a missing moment or average. */
  adamStep(
    n4: number,
    w: number,
    g: number,
    m1: number,
    m2: number,
    a: number,
    outW: number,
    outM1: number,
    outM2: number,
    outA: number,
    lr: number,
    b1: number,
    k1: number,
    b2: number,
    k2: number,
    eps: number,
    l2: number,
    clip: number,
    keep: number,
    rate: number,
  ): void;
  /** Σ (g + l2·w)² over n4 floats, accumulated in float64. */
  sumSquares(n4: number, g: number, w: number, l2: number): number;
  /** best[k], which[k] = max and argmax (first wins) of z[k·nP .. k·nP + nP - 1], k < count4 (a multiple of 4). */
  maxout(count4: number, z: number, best: number, which: number, nP: number): void;
  /** dZ = 0 but dZ[k·nP + which[k]] = dY[k]; db = 0 but db[(k % nO)·nP + which[k]] += dY[k]. */
  maxoutBackprop(count: number, dY: number, which: number, dZ: number, db: number, nO: number, nP: number): void;
  /** dX (rows, nI) = dZ · Wᵀ from dY and which alone (see maxoutInputGrad); nI a multiple of 4. */
  maxoutInputGrad(rows: number, nO: number, nP: number, nI: number, dY: number, which: number, Wt: number, dX: number): void;
  /** LayerNorm forward; width must be a multiple of 4. */
  layerNorm(rows: number, width: number, x: number, G: number, b: number, y: number, stats: number): void;
  /** LayerNorm backward; width must be a multiple of 4. */
  layerNormBackprop(rows: number, width: number, dY: number, x: number, G: number, stats: number, dX: number, dG: number, db: number): void;
  /** The (rows4, cols4) top-left block of out = xᵀ; rows4 and cols4 multiples of 4. */
  transpose(rows: number, cols: number, rows4: number, cols4: number, x: number, out: number): void;
}

/** Thinc adds this to the variance (layernorm.py's _get_moments). */
const VARIANCE_EPS = 1e-8;

/**
 * One Adam update on n4 floats (see adam.ts for the maths):
 *   g = (grad + l2·w)·clip; m1 = b1·m1 + k1·g; m2 = b2·m2 + k2·g²;
 *   w = (w - m1 / (√m2 + eps)·lr)·keep; avg = avg - (avg - w)·rate (or rate·w without one).
 */
function adamStep(): WasmFunction {
  const f = new WasmFunction("adamStep", [...Array<"i32">(10).fill("i32"), ...Array<"f32">(10).fill("f32")]);
  const [n4, w, g, m1, m2, a, outW, outM1, outM2, outA] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  // The ten f32 parameters (10..19), each splatted into a vector local.
  const splats = Array.from({ length: 10 }, () => f.local("v128"));
  const [lr, b1, k1, b2, k2, eps, l2, clip, keep, rate] = splats as [number, number, number, number, number, number, number, number, number, number];
  const i = f.local("i32");
  const end = f.local("i32");
  const vw = f.local("v128");
  const vg = f.local("v128");
  const vm1 = f.local("v128");
  const vm2 = f.local("v128");
  const va = f.local("v128");
  const c = f.code;
  splats.forEach((local, k) => {
    c.get(10 + k)
      .f32x4("splat")
      .set(local);
  });
  c.get(n4).i32Const(2).i32("shl").set(end);
  c.block((c) =>
    c.loop((c) => {
      c.get(i).get(end).i32("ge_u").brIf(1);
      at(c, w, i).v128Load().set(vw);
      at(c, g, i).v128Load().get(l2).get(vw).f32x4("mul").f32x4("add").get(clip).f32x4("mul").set(vg);
      c.get(m1).if(
        "v128",
        (c) => at(c, m1, i).v128Load().get(b1).f32x4("mul"),
        (c) => c.v128Zero(),
      );
      c.get(vg).get(k1).f32x4("mul").f32x4("add").set(vm1);
      at(c, outM1, i).get(vm1).v128Store();
      c.get(m2).if(
        "v128",
        (c) => at(c, m2, i).v128Load().get(b2).f32x4("mul"),
        (c) => c.v128Zero(),
      );
      c.get(vg).get(vg).f32x4("mul").get(k2).f32x4("mul").f32x4("add").set(vm2);
      at(c, outM2, i).get(vm2).v128Store();
      c.get(vw).get(vm1).get(vm2).f32x4("sqrt").get(eps).f32x4("add").f32x4("div").get(lr).f32x4("mul").f32x4("sub");
      c.get(keep).f32x4("mul").set(vw);
      at(c, outW, i).get(vw).v128Store();
      c.get(outA).if(null, (c) => {
        at(c, outA, i);
        c.get(a).if(
          "v128",
          (c) => at(c, a, i).v128Load().tee(va).get(va).get(vw).f32x4("sub").get(rate).f32x4("mul").f32x4("sub"),
          (c) => c.get(vw).get(rate).f32x4("mul"),
        );
        c.v128Store();
      });
      c.get(i).i32Const(16).i32("add").set(i).br(0);
    }),
  );
  return f;
}

function sumSquares(): WasmFunction {
  const f = new WasmFunction("sumSquares", ["i32", "i32", "i32", "f32"], ["f64"]);
  const [n4, g, w, l2Param] = [0, 1, 2, 3];
  const l2 = f.local("v128");
  const i = f.local("i32");
  const end = f.local("i32");
  const v = f.local("v128");
  const acc = f.local("v128");
  const c = f.code;
  c.get(l2Param).f32x4("splat").set(l2);
  c.get(n4).i32Const(2).i32("shl").set(end);
  c.block((c) =>
    c.loop((c) => {
      c.get(i).get(end).i32("ge_u").brIf(1);
      at(c, g, i).v128Load().get(l2);
      at(c, w, i).v128Load().f32x4("mul").f32x4("add").tee(v).get(v).f32x4("mul").set(v);
      c.get(acc).get(v).v128("f64x2.promote_low_f32x4").v128("f64x2.add");
      c.get(v).get(v).shuffle32([2, 3, 0, 1]).v128("f64x2.promote_low_f32x4").v128("f64x2.add").set(acc);
      c.get(i).i32Const(16).i32("add").set(i).br(0);
    }),
  );
  c.get(acc).f64x2ExtractLane(0).get(acc).f64x2ExtractLane(1).f64("add");
  return f;
}

/**
 * Four outputs at a time: each piece's four values are gathered (they sit nP floats apart) into
 * one vector, and a lane-wise compare and select keeps the best and its index without branches
 * (data-dependent branches cost more than the arithmetic here).
 */
function maxout(): WasmFunction {
  const f = new WasmFunction("maxout", ["i32", "i32", "i32", "i32", "i32"]);
  const [count4, z, best, which, nP] = [0, 1, 2, 3, 4];
  const k = f.local("i32");
  const p = f.local("i32");
  const piece = f.local("i32");
  const stride = f.local("i32");
  const top = f.local("v128");
  const index = f.local("v128");
  const value = f.local("v128");
  const wins = f.local("v128");
  const c = f.code;
  c.get(nP).i32Const(2).i32("shl").set(stride);
  c.block((c) =>
    c.loop((c) => {
      c.get(k).get(count4).i32("ge_u").brIf(1);
      gather(c, z, stride).set(top);
      c.v128Zero().set(index);
      c.i32Const(1).set(p);
      c.block((c) =>
        c.loop((c) => {
          c.get(p).get(nP).i32("ge_u").brIf(1);
          c.get(z).get(p).i32Const(2).i32("shl").i32("add").set(piece);
          gather(c, piece, stride).tee(value);
          // Strictly greater: the first of equal pieces wins, as argmax picks it.
          c.get(top).f32x4("gt").set(wins);
          c.get(value).get(top).get(wins).v128("v128.bitselect").set(top);
          c.get(p).v128("i32x4.splat").get(index).get(wins).v128("v128.bitselect").set(index);
          c.get(p).i32Const(1).i32("add").set(p).br(0);
        }),
      );
      c.get(best).get(top).v128Store();
      c.get(which).get(index).v128Store();
      c.get(z).get(stride).i32Const(2).i32("shl").i32("add").set(z);
      c.get(best).i32Const(16).i32("add").set(best);
      c.get(which).i32Const(16).i32("add").set(which);
      c.get(k).i32Const(4).i32("add").set(k).br(0);
    }),
  );
  return f;
}

/** Push the vector of the floats at address, address + stride, + 2·stride, + 3·stride (bytes). */
function gather(c: Code, address: number, stride: number): Code {
  c.get(address).f32Load().f32x4("splat");
  for (const lane of [1, 2, 3] as const) c.get(address).get(stride).i32Const(lane).i32("mul").i32("add").f32Load().f32x4ReplaceLane(lane);
  return c;
}

function maxoutBackprop(): WasmFunction {
  const f = new WasmFunction("maxoutBackprop", ["i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [count, dY, which, dZ, db, nO, nP] = [0, 1, 2, 3, 4, 5, 6];
  const k = f.local("i32");
  const o = f.local("i32");
  const piece = f.local("i32");
  const value = f.local("f32");
  const slot = f.local("i32");
  const c = f.code;
  c.get(dZ).i32Const(0).get(count).get(nP).i32("mul").i32Const(2).i32("shl").memoryFill();
  c.get(db).i32Const(0).get(nO).get(nP).i32("mul").i32Const(2).i32("shl").memoryFill();
  c.block((c) =>
    c.loop((c) => {
      c.get(k).get(count).i32("ge_u").brIf(1);
      c.get(which).i32Load().set(piece);
      c.get(dY).f32Load().set(value);
      c.get(dZ).get(piece).i32Const(2).i32("shl").i32("add").get(value).f32Store();
      c.get(db).get(o).get(nP).i32("mul").get(piece).i32("add").i32Const(2).i32("shl").i32("add").tee(slot);
      c.get(slot).f32Load().get(value).f32("add").f32Store();
      c.get(o)
        .i32Const(1)
        .i32("add")
        .tee(o)
        .get(nO)
        .i32("eq")
        .if(null, (c) => c.i32Const(0).set(o));
      c.get(dY).i32Const(4).i32("add").set(dY);
      c.get(which).i32Const(4).i32("add").set(which);
      c.get(dZ).get(nP).i32Const(2).i32("shl").i32("add").set(dZ);
      c.get(k).i32Const(1).i32("add").set(k).br(0);
    }),
  );
  return f;
}

/**
 * LayerNorm forward over rows whose width is a multiple of 4: per row the mean, the variance
 * of (x - mean), y = (x - mean)·invStd·G + b, and stats = (mean, invStd).
 */
function layerNorm(): WasmFunction {
  const f = new WasmFunction("layerNorm", ["i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [rows, width, x, G, b, y, stats] = [0, 1, 2, 3, 4, 5, 6];
  const r = f.local("i32");
  const j = f.local("i32");
  const rowBytes = f.local("i32");
  const n = f.local("f32");
  const mean = f.local("f32");
  const invStd = f.local("f32");
  const vMean = f.local("v128");
  const vInvStd = f.local("v128");
  const acc = f.local("v128");
  const d = f.local("v128");
  const c = f.code;
  c.get(width).i32Const(2).i32("shl").set(rowBytes);
  c.get(width).f32ConvertI32().set(n);
  forEach(c, r, rows, 1, (c) => {
    c.v128Zero().set(acc);
    forEach(c, j, rowBytes, 16, (c) => c.get(acc).get(x).get(j).i32("add").v128Load().f32x4("add").set(acc));
    horizontalSum(c, acc).get(n).f32("div").tee(mean).f32x4("splat").set(vMean);
    c.v128Zero().set(acc);
    forEach(c, j, rowBytes, 16, (c) => {
      c.get(x).get(j).i32("add").v128Load().get(vMean).f32x4("sub").set(d);
      c.get(acc).get(d).get(d).f32x4("mul").f32x4("add").set(acc);
    });
    c.f32Const(1);
    horizontalSum(c, acc).get(n).f32("div").f32Const(VARIANCE_EPS).f32("add").f32("sqrt").f32("div").tee(invStd).f32x4("splat").set(vInvStd);
    forEach(c, j, rowBytes, 16, (c) => {
      c.get(y).get(j).i32("add");
      c.get(x).get(j).i32("add").v128Load().get(vMean).f32x4("sub").get(vInvStd).f32x4("mul");
      c.get(G).get(j).i32("add").v128Load().f32x4("mul").get(b).get(j).i32("add").v128Load().f32x4("add").v128Store();
    });
    c.get(stats).get(mean).f32Store().get(stats).get(invStd).f32Store(4);
    c.get(x).get(rowBytes).i32("add").set(x);
    c.get(y).get(rowBytes).i32("add").set(y);
    c.get(stats).i32Const(8).i32("add").set(stats);
  });
  return f;
}

/**
 * LayerNorm backward over rows whose width is a multiple of 4 (Thinc's formula, see
 * layer-norm.ts): dX per row, and dG, db summed over the rows.
 */
function layerNormBackprop(): WasmFunction {
  const f = new WasmFunction("layerNormBackprop", ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [rows, width, dY, x, G, stats, dX, dG, db] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const r = f.local("i32");
  const j = f.local("i32");
  const rowBytes = f.local("i32");
  const n = f.local("f32");
  const invStd = f.local("f32");
  const vMean = f.local("v128");
  const vInvStd = f.local("v128");
  const sumD = f.local("v128");
  const sumDDist = f.local("v128");
  const g = f.local("v128");
  const d = f.local("v128");
  const dXhat = f.local("v128");
  const distScale = f.local("v128");
  const outScale = f.local("v128");
  const vN = f.local("v128");
  const c = f.code;
  c.get(width).i32Const(2).i32("shl").set(rowBytes);
  c.get(width).f32ConvertI32().tee(n).f32x4("splat").set(vN);
  c.get(dG).i32Const(0).get(rowBytes).memoryFill();
  c.get(db).i32Const(0).get(rowBytes).memoryFill();
  forEach(c, r, rows, 1, (c) => {
    c.get(stats).f32Load().f32x4("splat").set(vMean);
    c.get(stats).f32Load(4).tee(invStd).f32x4("splat").set(vInvStd);
    c.v128Zero().set(sumD);
    c.v128Zero().set(sumDDist);
    forEach(c, j, rowBytes, 16, (c) => {
      c.get(dY).get(j).i32("add").v128Load().set(g);
      c.get(x).get(j).i32("add").v128Load().get(vMean).f32x4("sub").set(d);
      c.get(g).get(G).get(j).i32("add").v128Load().f32x4("mul").set(dXhat);
      c.get(sumD).get(dXhat).f32x4("add").set(sumD);
      c.get(sumDDist).get(dXhat).get(d).f32x4("mul").f32x4("add").set(sumDDist);
      c.get(dG).get(j).i32("add").get(dG).get(j).i32("add").v128Load().get(g).get(d).f32x4("mul").get(vInvStd).f32x4("mul").f32x4("add").v128Store();
      c.get(db).get(j).i32("add").get(db).get(j).i32("add").v128Load().get(g).f32x4("add").v128Store();
    });
    c.get(invStd).get(invStd).f32("mul");
    horizontalSum(c, sumDDist).f32("mul").f32x4("splat").set(distScale);
    c.get(invStd).get(n).f32("div").f32x4("splat").set(outScale);
    horizontalSum(c, sumD).f32x4("splat").set(sumD);
    forEach(c, j, rowBytes, 16, (c) => {
      c.get(dX).get(j).i32("add");
      c.get(vN).get(dY).get(j).i32("add").v128Load().f32x4("mul").get(G).get(j).i32("add").v128Load().f32x4("mul");
      c.get(sumD).f32x4("sub");
      c.get(x).get(j).i32("add").v128Load().get(vMean).f32x4("sub").get(distScale).f32x4("mul").f32x4("sub");
      c.get(outScale).f32x4("mul").v128Store();
    });
    c.get(dY).get(rowBytes).i32("add").set(dY);
    c.get(x).get(rowBytes).i32("add").set(x);
    c.get(dX).get(rowBytes).i32("add").set(dX);
    c.get(stats).i32Const(8).i32("add").set(stats);
  });
  return f;
}

/**
 * out = xᵀ for the leading (rows4, cols4) block of x (rows, cols), both multiples of 4, in
 * 4 x 4 tiles transposed in registers with shuffles.
 */
function transpose(): WasmFunction {
  const f = new WasmFunction("transpose", ["i32", "i32", "i32", "i32", "i32", "i32"]);
  const [rows, cols, rows4, cols4, x, out] = [0, 1, 2, 3, 4, 5];
  const r = f.local("i32");
  const col = f.local("i32");
  const inRow = f.local("i32");
  const outRow = f.local("i32");
  const from = f.local("i32");
  const to = f.local("i32");
  const rowsIn = [f.local("v128"), f.local("v128"), f.local("v128"), f.local("v128")] as const;
  const low = f.local("v128");
  const high = f.local("v128");
  const low2 = f.local("v128");
  const high2 = f.local("v128");
  const c = f.code;
  c.get(cols).i32Const(2).i32("shl").set(inRow);
  c.get(rows).i32Const(2).i32("shl").set(outRow);
  forEach(c, r, rows4, 4, (c) => {
    forEach(c, col, cols4, 4, (c) => {
      // from = x + (r·cols + col)·4; to = out + (col·rows + r)·4
      c.get(x).get(r).get(inRow).i32("mul").get(col).i32Const(2).i32("shl").i32("add").i32("add").set(from);
      c.get(out).get(col).get(outRow).i32("mul").get(r).i32Const(2).i32("shl").i32("add").i32("add").set(to);
      rowsIn.forEach((local, i) => {
        c.get(from).get(inRow).i32Const(i).i32("mul").i32("add").v128Load().set(local);
      });
      c.get(rowsIn[0]).get(rowsIn[1]).shuffle32([0, 4, 1, 5]).set(low);
      c.get(rowsIn[0]).get(rowsIn[1]).shuffle32([2, 6, 3, 7]).set(high);
      c.get(rowsIn[2]).get(rowsIn[3]).shuffle32([0, 4, 1, 5]).set(low2);
      c.get(rowsIn[2]).get(rowsIn[3]).shuffle32([2, 6, 3, 7]).set(high2);
      const columns = [
        [low, low2, [0, 1, 4, 5]],
        [low, low2, [2, 3, 6, 7]],
        [high, high2, [0, 1, 4, 5]],
        [high, high2, [2, 3, 6, 7]],
      ] as const;
      columns.forEach(([a, b2, lanes], i) => {
        c.get(to).get(outRow).i32Const(i).i32("mul").i32("add");
        c.get(a).get(b2).shuffle32(lanes).v128Store();
      });
    });
  });
  return f;
}

/**
 * dX = dZ · Wᵀ for maxout without building dZ: dX[n] = Σ_o dY[n, o] · Wt[o·nP + which[n, o]],
 * Wt being W transposed, (nO·nP, nI), so each term is one contiguous row. A third of the work
 * of the dense product (only the winning pieces), eight vectors of dX at a time in registers.
 * nI must be a multiple of 4.
 */
function maxoutInputGrad(): WasmFunction {
  const f = new WasmFunction("maxoutInputGrad", ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"]);
  const [rows, nO, nP, nI, dY, which, Wt, dX] = [0, 1, 2, 3, 4, 5, 6, 7];
  const n = f.local("i32");
  const o = f.local("i32");
  const chunk = f.local("i32");
  const rowBytes = f.local("i32");
  const fullChunks = f.local("i32");
  const address = f.local("i32");
  const scale = f.local("v128");
  const acc = Array.from({ length: 8 }, () => f.local("v128"));
  const c = f.code;
  c.get(nI).i32Const(2).i32("shl").set(rowBytes);
  // Byte offset where the chunks of 8 vectors (128 bytes) end; single vectors after it.
  c.get(rowBytes).i32Const(-128).i32("and").set(fullChunks);
  forEach(c, n, rows, 1, (c) => {
    const inner = (width: number) => (c: Code) => {
      for (let k = 0; k < width; k++) c.v128Zero().set(acc[k]!);
      forEach(c, o, nO, 1, (c) => {
        // scale = dY[n, o]; address = Wt + ((o·nP + which[n, o])·nI)·4 + chunk
        c.get(dY).get(o).i32Const(2).i32("shl").i32("add").f32Load().f32x4("splat").set(scale);
        c.get(Wt).get(o).get(nP).i32("mul").get(which).get(o).i32Const(2).i32("shl").i32("add").i32Load().i32("add");
        c.get(rowBytes).i32("mul").i32("add").get(chunk).i32("add").set(address);
        for (let k = 0; k < width; k++)
          c.get(acc[k]!)
            .get(address)
            .v128Load(16 * k)
            .get(scale)
            .f32x4("mul")
            .f32x4("add")
            .set(acc[k]!);
      });
      for (let k = 0; k < width; k++)
        c.get(dX)
          .get(chunk)
          .i32("add")
          .get(acc[k]!)
          .v128Store(16 * k);
    };
    c.i32Const(0).set(chunk);
    c.block((c) =>
      c.loop((c) => {
        c.get(chunk).get(fullChunks).i32("ge_u").brIf(1);
        inner(8)(c);
        c.get(chunk).i32Const(128).i32("add").set(chunk).br(0);
      }),
    );
    c.block((c) =>
      c.loop((c) => {
        c.get(chunk).get(rowBytes).i32("ge_u").brIf(1);
        inner(1)(c);
        c.get(chunk).i32Const(16).i32("add").set(chunk).br(0);
      }),
    );
    c.get(dY).get(nO).i32Const(2).i32("shl").i32("add").set(dY);
    c.get(which).get(nO).i32Const(2).i32("shl").i32("add").set(which);
    c.get(dX).get(rowBytes).i32("add").set(dX);
  });
  return f;
}

/** for (i = 0; i < end; i += step) body — i and end are i32 locals. */
function forEach(c: Code, i: number, end: number, step: number, body: (c: Code) => void): void {
  c.i32Const(0).set(i);
  c.block((c) =>
    c.loop((c) => {
      c.get(i).get(end).i32("ge_u").brIf(1);
      body(c);
      c.get(i).i32Const(step).i32("add").set(i).br(0);
    }),
  );
}

/** Push the sum of the four lanes of a vector local, as an f32. */
function horizontalSum(c: Code, v: number): Code {
  c.get(v).get(v).get(v).shuffle32([2, 3, 0, 1]).f32x4("add").set(v);
  return c.get(v).get(v).get(v).shuffle32([1, 0, 3, 2]).f32x4("add").f32x4ExtractLane(0);
}

/** Push base + offset (both i32 locals): the address of a vector at byte offset `offset`. */
function at(c: Code, base: number, offset: number): Code {
  return c.get(base).get(offset).i32("add");
}

/** The WebAssembly global, typed for the two constructors used here (the project's lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

/** A WebAssembly.Memory, opaque here. */
export type WasmMemory = object;

let moduleBytes: Uint8Array | undefined;
const instances = new WeakMap<WasmMemory, SimdKernels | null>();

/** The kernels bound to `memory`, or null when they cannot run on it. */
export function simdKernelsFor(memory: WasmMemory): SimdKernels | null {
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    try {
      const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      moduleBytes ??= encodeModule([adamStep(), sumSquares(), maxout(), maxoutBackprop(), layerNorm(), layerNormBackprop(), transpose(), maxoutInputGrad()]);
      const instance = new api.Instance(new api.Module(moduleBytes), { env: { memory } });
      kernels = instance.exports as unknown as SimdKernels;
    } catch {
      kernels = null;
    }
    instances.set(memory, kernels);
  }
  return kernels;
}
