/**
 * Saving and restoring an optimizer's state (moments, averages, step counts, where each
 * schedule stands), so that training resumes where it stopped. Keys are live model ids,
 * which change from one process to the next: `stableKeys(model)` maps them to positions in
 * the model tree, which stay put for the same architecture; pass it when saving and, built
 * from the new model, when loading.
 */
import { decode, encode } from "@msgpack/msgpack";
import { TsnlpError } from "../../util/errors.js";
import type { AnyModel } from "../model.js";
import { type Tensor, tf } from "../tf.js";
import type { RadamBuffer } from "./radam.js";
import { type GradientOptimizer, HYPER_NAMES } from "./optimizer.js";

const FORMAT = "tsnlp.optimizer";
const VERSION = 1;

interface SavedTensor {
  shape: number[];
  data: Uint8Array;
}

interface SavedParam {
  key: string;
  step: number;
  mom1?: SavedTensor;
  mom2?: SavedTensor;
  average?: SavedTensor;
}

export interface SavedOptimizer {
  format: typeof FORMAT;
  version: number;
  hypers: Record<string, { value: number; position: number }>;
  params: SavedParam[];
  radamBuffer: RadamBuffer;
}

/** Live key (`${node.id}:${param}`) to stable key (`${position in model.walk()}:${param}`). */
export function stableKeys(model: AnyModel, prefix = ""): Map<string, string> {
  const keys = new Map<string, string>();
  let position = 0;
  for (const node of model.walk()) {
    for (const name of node.paramNames) keys.set(`${node.id}:${name}`, `${prefix}${position}:${name}`);
    position++;
  }
  return keys;
}

export async function optimizerToBytes(optimizer: GradientOptimizer, keys?: ReadonlyMap<string, string>): Promise<Uint8Array> {
  const save = async (tensor: Tensor | undefined): Promise<SavedTensor | undefined> => {
    if (!tensor) return undefined;
    const values = (await tensor.data()) as Float32Array;
    return { shape: [...tensor.shape], data: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
  };
  const params: SavedParam[] = [];
  for (const [key, state] of optimizer.state) {
    const saved: SavedParam = { key: keys?.get(key) ?? key, step: state.step };
    const [mom1, mom2, average] = await Promise.all([save(state.mom1), save(state.mom2), save(state.average)]);
    if (mom1) saved.mom1 = mom1;
    if (mom2) saved.mom2 = mom2;
    if (average) saved.average = average;
    params.push(saved);
  }
  const hypers = Object.fromEntries(HYPER_NAMES.map((name) => [name, { value: optimizer.hypers[name].value, position: optimizer.hypers[name].position }]));
  const payload: SavedOptimizer = { format: FORMAT, version: VERSION, hypers, params, radamBuffer: optimizer.radamBuffer };
  return encode(payload, { ignoreUndefined: true });
}

/**
 * Load saved state into an optimizer made from the same settings (its schedules fresh);
 * existing state is replaced. `keys` maps the new model's live keys to stable ones.
 */
export function optimizerFromBytes(optimizer: GradientOptimizer, bytes: Uint8Array, keys?: ReadonlyMap<string, string>): GradientOptimizer {
  let saved: SavedOptimizer;
  try {
    saved = decode(bytes) as SavedOptimizer;
  } catch (cause) {
    throw unreadable("it is not msgpack data", cause);
  }
  if (!saved || saved.format !== FORMAT) throw unreadable("it is not a saved tsnlp optimizer");
  if (saved.version !== VERSION) throw unreadable(`it has format version ${saved.version}; this tsnlp reads version ${VERSION}`);
  const live = new Map<string, string>();
  for (const [liveKey, stable] of keys ?? []) live.set(stable, liveKey);
  optimizer.dispose();
  for (const name of HYPER_NAMES) {
    const hyper = saved.hypers[name];
    if (hyper) optimizer.hypers[name].restore(hyper.position, hyper.value);
  }
  optimizer.radamBuffer = saved.radamBuffer;
  const load = (tensor: SavedTensor | undefined) => {
    if (!tensor) return undefined;
    // Copy: decoded bytes may not sit at a 4-byte boundary, and a Buffer's slice() would not copy.
    return tf.keep(tf.tensor(new Float32Array(Uint8Array.from(tensor.data).buffer), tensor.shape, "float32"));
  };
  for (const param of saved.params) {
    const key = live.get(param.key) ?? param.key;
    const state = { step: param.step, mom1: load(param.mom1), mom2: load(param.mom2), average: load(param.average) };
    optimizer.state.set(key, state);
    if (state.average) optimizer.averages.set(key, state.average);
  }
  return optimizer;
}

function unreadable(why: string, cause?: unknown): TsnlpError {
  return new TsnlpError("E_OPTIMIZER_STATE", `Cannot restore the optimizer's state: ${why}.`, {
    hint: "Resume from the optimizer file that training wrote next to the model, or start the optimizer afresh.",
    cause,
  });
}
