/**
 * Choosing the TensorFlow.js backend, once, at start-up: tfjs-node-gpu for --gpu-id N, else
 * tfjs-node (native CPU) when installed, else wasm (installs anywhere), else cpu.
 * tfjs-node and tfjs-node-gpu are optional peer dependencies, imported only when present.
 */
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { TsnlpError } from "../util/errors.js";
import { tf } from "./tf.js";

export type BackendName = "tensorflow" | "wasm" | "cpu";

export interface BackendChoice {
  name: BackendName;
  /** Which package provides it, for the line train prints. */
  provider: string;
  gpu: boolean;
}

export interface SelectBackendOptions {
  /** -1 (the default) for the CPU; N for GPU N, which requires tfjs-node-gpu. */
  gpuId?: number;
  /** Force a backend (tests and benchmarks compare them). */
  prefer?: BackendName;
}

let current: BackendChoice | undefined;

async function tryImport(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

async function activate(name: BackendName): Promise<boolean> {
  try {
    if (!(await tf.setBackend(name))) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/** Select and initialise the backend; calling it again with the same wish is free. */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<BackendChoice> {
  const gpuId = options.gpuId ?? -1;
  if (current && !options.prefer && gpuId < 0 && !current.gpu) return current;
  if (gpuId >= 0) {
    if (!Number.isInteger(gpuId)) throw new TsnlpError("E_GPU_ID", `--gpu-id must be a whole number, not ${gpuId}.`);
    // tfjs-node-gpu places work on the first visible device; CUDA_VISIBLE_DEVICES picks which.
    process.env.CUDA_VISIBLE_DEVICES ??= String(gpuId);
    if ((await tryImport("@tensorflow/tfjs-node-gpu")) && (await activate("tensorflow"))) {
      current = { name: "tensorflow", provider: "@tensorflow/tfjs-node-gpu", gpu: true };
      return current;
    }
    throw new TsnlpError("E_NO_GPU_BACKEND", `--gpu-id ${gpuId} asks for a GPU, but no GPU backend could be started.`, {
      hint: "Install @tensorflow/tfjs-node-gpu (it needs CUDA and cuDNN libraries) or run without --gpu-id to train on the CPU.",
    });
  }
  const order: BackendName[] = options.prefer ? [options.prefer] : ["tensorflow", "wasm", "cpu"];
  for (const name of order) {
    if (name === "tensorflow") {
      if ((await tryImport("@tensorflow/tfjs-node")) && (await activate("tensorflow"))) {
        current = { name, provider: "@tensorflow/tfjs-node", gpu: false };
        return current;
      }
      continue;
    }
    if (await activate(name)) {
      current = { name, provider: `@tensorflow/tfjs-backend-${name}`, gpu: false };
      return current;
    }
  }
  throw new TsnlpError("E_NO_BACKEND", `The ${options.prefer ?? "default"} TensorFlow.js backend could not be started.`, {
    hint: "Reinstall with npm ci; the wasm and cpu backends come with tsnlp.",
  });
}

/** The backend in use, or undefined before selectBackend. */
export function currentBackend(): BackendChoice | undefined {
  return current;
}
