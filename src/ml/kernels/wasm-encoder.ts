/**
 * A minimal WebAssembly binary encoder: just enough to write the few SIMD loops in simd.ts and
 * to run them on tfjs-backend-wasm's own heap (the module imports that memory as env.memory).
 * Opcode numbers are those of the WebAssembly 2.0 core specification (binary format, section
 * 5.4), SIMD ones after the 0xFD prefix.
 *
 * A function body is written with `Code`, one chained call per instruction, in stack order:
 *   code.get(a).get(b).f32x4("add").setLocal(c)
 */

export type ValType = "i32" | "f32" | "f64" | "v128";

const VALTYPE: Record<ValType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

const I32_OPS = {
  eqz: 0x45,
  eq: 0x46,
  ne: 0x47,
  lt_u: 0x49,
  ge_u: 0x4f,
  add: 0x6a,
  sub: 0x6b,
  mul: 0x6c,
  and: 0x71,
  shl: 0x74,
} as const;

const F32_OPS = { gt: 0x5e, sqrt: 0x91, add: 0x92, sub: 0x93, mul: 0x94, div: 0x95 } as const;

const F64_OPS = { sqrt: 0x9f, add: 0xa0, sub: 0xa1, mul: 0xa2, div: 0xa3 } as const;

/** f32x4 lane-wise operations (0xFD-prefixed). */
const F32X4_OPS = {
  splat: 0x13,
  gt: 0x44,
  abs: 0xe0,
  sqrt: 0xe3,
  add: 0xe4,
  sub: 0xe5,
  mul: 0xe6,
  div: 0xe7,
} as const;

const SIMD_OPS = {
  "v128.bitselect": 0x52,
  "i32x4.splat": 0x11,
  "i32x4.add": 0xae,
  "f64x2.add": 0xf0,
  "f64x2.promote_low_f32x4": 0x5f,
} as const;

function unsigned(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

function signed(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...unsigned(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsigned(items.length), ...items.flat()];
}

function section(id: number, contents: number[]): number[] {
  return [id, ...unsigned(contents.length), ...contents];
}

/** One function's body, built instruction by instruction. */
export class Code {
  readonly bytes: number[] = [];

  private op(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(0xfd, ...unsigned(opcode), ...immediates);
  }

  get(local: number): this {
    return this.op(0x20, ...unsigned(local));
  }

  set(local: number): this {
    return this.op(0x21, ...unsigned(local));
  }

  tee(local: number): this {
    return this.op(0x22, ...unsigned(local));
  }

  i32Const(value: number): this {
    return this.op(0x41, ...signed(value));
  }

  f32Const(value: number): this {
    return this.op(0x43, ...new Uint8Array(new Float32Array([value]).buffer));
  }

  f64Const(value: number): this {
    return this.op(0x44, ...new Uint8Array(new Float64Array([value]).buffer));
  }

  v128Zero(): this {
    return this.simd(0x0c, ...new Array<number>(16).fill(0));
  }

  i32(op: keyof typeof I32_OPS): this {
    return this.op(I32_OPS[op]);
  }

  f32(op: keyof typeof F32_OPS): this {
    return this.op(F32_OPS[op]);
  }

  f64(op: keyof typeof F64_OPS): this {
    return this.op(F64_OPS[op]);
  }

  f32ConvertI32(): this {
    return this.op(0xb2);
  }

  f64PromoteF32(): this {
    return this.op(0xbb);
  }

  f32DemoteF64(): this {
    return this.op(0xb6);
  }

  f32x4(op: keyof typeof F32X4_OPS): this {
    return this.simd(F32X4_OPS[op]);
  }

  v128(op: keyof typeof SIMD_OPS): this {
    return this.simd(SIMD_OPS[op]);
  }

  /**
   * i8x16.shuffle of the two vectors on the stack, by 32-bit lanes: lane i of the result is
   * lane lanes[i] of the pair (0-3 the first vector, 4-7 the second).
   */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    const bytes = lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3]);
    return this.simd(0x0d, ...bytes);
  }

  f32x4ReplaceLane(lane: 0 | 1 | 2 | 3): this {
    return this.simd(0x20, lane);
  }

  f32x4ExtractLane(lane: 0 | 1 | 2 | 3): this {
    return this.simd(0x1f, lane);
  }

  f64x2ExtractLane(lane: 0 | 1): this {
    return this.simd(0x21, lane);
  }

  /** Untyped select of two numbers (i32, f32, f64): the first when the i32 on top is not 0. */
  select(): this {
    return this.op(0x1b);
  }

  // Memory accesses take a byte address from the stack; `offset` is added to it.
  i32Load(offset = 0): this {
    return this.op(0x28, 2, ...unsigned(offset));
  }

  f32Load(offset = 0): this {
    return this.op(0x2a, 2, ...unsigned(offset));
  }

  i32Store(offset = 0): this {
    return this.op(0x36, 2, ...unsigned(offset));
  }

  f32Store(offset = 0): this {
    return this.op(0x38, 2, ...unsigned(offset));
  }

  v128Load(offset = 0): this {
    return this.simd(0x00, 0, ...unsigned(offset));
  }

  v128Store(offset = 0): this {
    return this.simd(0x0b, 0, ...unsigned(offset));
  }

  /** memory.fill(address, byte value, length), from the stack. */
  memoryFill(): this {
    return this.op(0xfc, ...unsigned(11), 0);
  }

  block(body: (code: this) => void): this {
    this.op(0x02, 0x40);
    body(this);
    return this.op(0x0b);
  }

  loop(body: (code: this) => void): this {
    this.op(0x03, 0x40);
    body(this);
    return this.op(0x0b);
  }

  /** if / else on the i32 on top of the stack; `result` types the value both arms leave. */
  if(result: ValType | null, then: (code: this) => void, otherwise?: (code: this) => void): this {
    this.op(0x04, result === null ? 0x40 : VALTYPE[result]);
    then(this);
    if (otherwise) {
      this.op(0x05);
      otherwise(this);
    }
    return this.op(0x0b);
  }

  /** Branch to the enclosing block or loop `depth` levels out (0: the innermost). */
  br(depth: number): this {
    return this.op(0x0c, ...unsigned(depth));
  }

  brIf(depth: number): this {
    return this.op(0x0d, ...unsigned(depth));
  }
}

/** A function: its parameters are locals 0, 1, ...; `local` declares more after them. */
export class WasmFunction {
  readonly code = new Code();
  private readonly localTypes: ValType[] = [];
  private readonly paramTypes: ValType[];

  constructor(
    readonly name: string,
    params: readonly ValType[],
    readonly results: readonly ValType[] = [],
  ) {
    this.paramTypes = [...params];
  }

  /** Declare a local; returns its index. */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.paramTypes.length + this.localTypes.length - 1;
  }

  /** @internal */
  typeBytes(): number[] {
    return [0x60, ...vector(this.paramTypes.map((t) => [VALTYPE[t]])), ...vector(this.results.map((t) => [VALTYPE[t]]))];
  }

  /** @internal */
  bodyBytes(): number[] {
    const locals = vector(this.localTypes.map((t) => [1, VALTYPE[t]]));
    const body = [...locals, ...this.code.bytes, 0x0b];
    return [...unsigned(body.length), ...body];
  }
}

/** A module that imports env.memory (any size) and exports `functions` by name. */
export function encodeModule(functions: readonly WasmFunction[]): Uint8Array {
  const memoryImport = [...name("env"), ...name("memory"), 0x02, 0x00, 0x00];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(functions.map((f) => f.typeBytes()))),
    ...section(2, vector([memoryImport])),
    ...section(3, vector(functions.map((_, i) => unsigned(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...unsigned(i)]))),
    ...section(10, vector(functions.map((f) => f.bodyBytes()))),
  ];
  return Uint8Array.from(bytes);
}
