/**
 * Host kernels: custom tfjs kernels for the wasm and cpu backends that loop over the backend's
 * own memory (the wasm heap, the cpu backend's typed arrays) in one pass, where the composite
 * path would chain many tfjs ops, each a full read and write of its operands plus tens of
 * microseconds of fixed cost. They do elementwise and row-wise work (the optimizer step,
 * maxout, layer norm, transposes); matMul stays with the backend. On wasm the loops are the
 * WebAssembly ones of simd.ts, run on the heap in place (TypeScript loops over typed arrays run
 * at about 2 ns per element, hardly faster than the chain of ops they replace); on cpu, and on
 * wasm if that module cannot be built, each kernel's TypeScript loop does the work. Other
 * backends (tfjs-node, webgpu) keep the composite ops: callers ask `hostKernelsActive()`.
 *
 * A kernel is declared once with `defineHostKernel`; it registers itself for both backends on
 * first use, so importing a layer does not load tfjs.
 */
import type { DataType, NamedAttrMap, Tensor, TensorInfo } from "@tensorflow/tfjs-core";
import { tf } from "../tf.js";
import { type SimdKernels, simdKernelsFor, type WasmMemory } from "./simd.js";

export type HostValues = Float32Array | Int32Array;

/**
 * An input or output as a kernel sees it: its values (a view, valid only during the call), its
 * shape, and on wasm its byte address on the heap (-1 on cpu), for the loops in simd.ts.
 */
export interface HostArray {
  values: HostValues;
  shape: number[];
  address: number;
}

export interface HostOutputSpec {
  shape: number[];
  dtype: "float32" | "int32";
}

export interface HostKernelSpec<In extends string, Attrs> {
  /** The tfjs kernel name; Tsnlp-prefixed so it cannot clash with tfjs's own. */
  name: string;
  /** Input names; those listed in `optional` may be left out. */
  inputs: readonly In[];
  optional?: readonly In[];
  /** The outputs' shapes and dtypes, from the inputs' shapes. */
  outputs(shapes: Partial<Record<In, number[]>>, attrs: Attrs): HostOutputSpec[];
  /**
   * Fill every element of every output: on wasm outputs start as uninitialised heap memory.
   * Views are valid only during the call (the wasm heap may grow and move later). `simd` is
   * there on wasm when simd.ts's loops could be built against its heap.
   */
  compute(inputs: Partial<Record<In, HostArray>>, outputs: HostArray[], attrs: Attrs, simd: SimdKernels | null): void;
}

export type HostKernel<In extends string, Attrs> = (inputs: Partial<Record<In, Tensor>>, attrs: Attrs) => Tensor[];

/** The parts of tfjs-backend-wasm's BackendWasm a host kernel uses. */
interface WasmBackend {
  wasm: { asm?: { memory?: WasmMemory } };
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): HostValues;
}

/** The parts of tfjs-backend-cpu's MathBackendCPU a host kernel uses. */
interface CpuBackend {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: DataType, values: HostValues): TensorInfo;
}

const HOST_BACKENDS = ["wasm", "cpu"] as const;
type HostBackendName = (typeof HOST_BACKENDS)[number];

let enabled = true;

/**
 * Switch host kernels off (or back on) for every layer and optimizer: the composite path then
 * runs on wasm and cpu too. Tests compare the two paths this way.
 */
export function setHostKernelsEnabled(on: boolean): void {
  enabled = on;
}

/** Whether layers should use host kernels now: switched on, and the backend is wasm or cpu. */
export function hostKernelsActive(): boolean {
  if (!enabled) return false;
  const backend = tf.getBackend();
  return backend === "wasm" || backend === "cpu";
}

/** Whether host kernels on the current backend run simd.ts's WebAssembly loops (wasm only). */
export function wasmLoopsActive(): boolean {
  if (!hostKernelsActive() || tf.getBackend() !== "wasm") return false;
  const memory = (tf.backend() as unknown as WasmBackend).wasm.asm?.memory;
  return memory !== undefined && simdKernelsFor(memory) !== null;
}

/**
 * Declare a host kernel. The returned function runs it through tfjs's engine (so outputs belong
 * to the current scope like any op's) and returns its outputs in the order `outputs` lists them.
 */
export function defineHostKernel<In extends string, Attrs extends object>(spec: HostKernelSpec<In, Attrs>): HostKernel<In, Attrs> {
  let registered = false;
  return (inputs, attrs) => {
    if (!registered) {
      for (const backendName of HOST_BACKENDS) {
        if (tf.getKernel(spec.name, backendName) === undefined) {
          tf.registerKernel({
            kernelName: spec.name,
            backendName,
            kernelFunc: ({ inputs: given, backend, attrs: kernelAttrs }) =>
              runOn(backendName, spec, given as Partial<Record<In, TensorInfo>>, backend, kernelAttrs as unknown as Attrs),
          });
        }
      }
      registered = true;
    }
    const given: Record<string, Tensor> = {};
    for (const name of spec.inputs) {
      const tensor = inputs[name];
      if (tensor !== undefined) given[name] = tensor;
      else if (!spec.optional?.includes(name)) throw new Error(`${spec.name}: input '${name}' is missing`);
    }
    const out = tf.engine().runKernel(spec.name, given, attrs as unknown as NamedAttrMap);
    return Array.isArray(out) ? (out as Tensor[]) : [out as Tensor];
  };
}

function runOn<In extends string, Attrs>(
  backendName: HostBackendName,
  spec: HostKernelSpec<In, Attrs>,
  given: Partial<Record<In, TensorInfo>>,
  backend: unknown,
  attrs: Attrs,
): TensorInfo[] {
  const names = spec.inputs.filter((name) => given[name] !== undefined);
  const shapes: Partial<Record<In, number[]>> = {};
  for (const name of names) shapes[name] = given[name]!.shape;
  const specs = spec.outputs(shapes, attrs);
  const inputs: Partial<Record<In, HostArray>> = {};
  if (backendName === "wasm") {
    const wasm = backend as WasmBackend;
    // Looking an input up moves it onto this backend if it lives elsewhere, which allocates.
    // Allocation can grow the heap and detach older views: first every lookup and every
    // output allocation, then the views.
    for (const name of names) wasm.dataIdMap.get(given[name]!.dataId);
    const infos = specs.map((out) => wasm.makeOutput(out.shape, out.dtype));
    const onHeap = (info: TensorInfo): HostArray => ({
      values: wasm.typedArrayFromHeap(info),
      shape: info.shape,
      address: wasm.dataIdMap.get(info.dataId).memoryOffset,
    });
    for (const name of names) inputs[name] = onHeap(given[name]!);
    const memory = wasm.wasm.asm?.memory;
    spec.compute(inputs, infos.map(onHeap), attrs, memory ? simdKernelsFor(memory) : null);
    return infos;
  }
  const cpu = backend as CpuBackend;
  for (const name of names) inputs[name] = { values: cpu.data.get(given[name]!.dataId).values as HostValues, shape: given[name]!.shape, address: -1 };
  const outputs = specs.map((out) => ({
    values: out.dtype === "int32" ? new Int32Array(sizeOf(out.shape)) : new Float32Array(sizeOf(out.shape)),
    shape: out.shape,
    address: -1,
  }));
  spec.compute(inputs, outputs, attrs, null);
  return specs.map((out, i) => cpu.makeTensorInfo(out.shape, out.dtype, outputs[i]!.values));
}

export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const dim of shape) size *= dim;
  return size;
}
