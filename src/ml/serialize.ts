/**
 * Saving and loading a model's state (dims, params, attrs) as msgpack, after Thinc's
 * Model.to_bytes / from_bytes. The structure (which layers, how they connect) is not stored:
 * it comes from the config, so loading fills a freshly built model of the same architecture.
 *
 * Layout (one msgpack map):
 *
 *   {
 *     format: "tsnlp.model", version: 1,
 *     nodes: [                          // model.walk() order: breadth first, each node once
 *       {
 *         name: string,                 // checked on load
 *         dims: { [dim]: number | null },
 *         params: { [param]: null | { shape: number[], dtype: "float32" | "int32", data: bin } },
 *         attrs: { [attr]: value },     // only plain data: null, booleans, numbers, strings, arrays and maps of them
 *       }, ...
 *     ]
 *   }
 *
 * `data` holds the values little-endian, row-major (4 bytes each), whatever the host's byte
 * order. Loading checks everything before changing anything: the node count and names, dims
 * that are already set, and the shapes of params that are already allocated; a mismatch is a
 * TsnlpError naming the node (walk index and name) and the dim or param.
 */
import { readFileSync } from "node:fs";
import { decode, encode } from "@msgpack/msgpack";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { type AnyModel, Model } from "./model.js";
import { type Tensor, tf } from "./tf.js";

const FORMAT = "tsnlp.model";
const VERSION = 1;

type ParamDtype = "float32" | "int32";

interface ParamMsg {
  shape: number[];
  dtype: ParamDtype;
  data: Uint8Array;
}

interface NodeMsg {
  name: string;
  dims: Record<string, number | null>;
  params: Record<string, ParamMsg | null>;
  attrs: Record<string, unknown>;
}

interface ModelMsg {
  format: string;
  version: number;
  nodes: NodeMsg[];
}

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverse each 4-byte group in place (only on big-endian hosts). */
function swap4(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
  return bytes;
}

function paramToMsg(param: Tensor, where: string): ParamMsg {
  if (param.dtype !== "float32" && param.dtype !== "int32") {
    throw new TsnlpError("E_MODEL_SERIALIZE", `Cannot save ${where}: its dtype is ${param.dtype}; only float32 and int32 params can be saved.`);
  }
  const values = param.dataSync() as Float32Array | Int32Array;
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
  return { shape: [...param.shape], dtype: param.dtype, data: littleEndianHost ? bytes : swap4(bytes) };
}

function msgToTensor(msg: ParamMsg): Tensor {
  // Copy (new Uint8Array, not .slice(), which only makes a view of a Node Buffer): msgpack hands
  // out views into its input at any alignment.
  const bytes = new Uint8Array(msg.data);
  if (!littleEndianHost) swap4(bytes);
  const count = bytes.byteLength / 4;
  const values = msg.dtype === "int32" ? new Int32Array(bytes.buffer, 0, count) : new Float32Array(bytes.buffer, 0, count);
  return tf.tensor(values, msg.shape, msg.dtype);
}

/** Plain data that msgpack round-trips; anything else (functions, tensors, models) is not saved. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (value === null || typeof value === "boolean" || typeof value === "string") return true;
  if (typeof value === "number") return true;
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).every((item) => isPlainData(item, depth + 1));
  }
  return false;
}

function nodeLabel(index: number, node: { name: string }): string {
  return `node ${index} ('${node.name}')`;
}

/** The model's dims, params and plain-data attrs as msgpack bytes. */
export function modelToBytes(model: AnyModel): Uint8Array {
  const nodes: NodeMsg[] = [...model.walk()].map((node, index) => {
    const { dims, params } = Model.internals(node);
    const attrs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node.attrs)) if (isPlainData(value)) attrs[key] = value;
    return {
      name: node.name,
      dims: Object.fromEntries(dims),
      params: Object.fromEntries([...params].map(([name, value]) => [name, value ? paramToMsg(value, `param '${name}' of ${nodeLabel(index, node)}`) : null])),
      attrs,
    };
  });
  const msg: ModelMsg = { format: FORMAT, version: VERSION, nodes };
  return encode(msg);
}

function loadError(message: string, hint?: string): TsnlpError {
  return new TsnlpError("E_MODEL_LOAD", message, {
    hint: hint ?? "The saved model was made with a different architecture or config: build the model from the config it was saved with.",
  });
}

function parse(bytes: Uint8Array): ModelMsg {
  let msg: unknown;
  try {
    msg = decode(bytes);
  } catch (error) {
    throw new TsnlpError("E_MODEL_LOAD", "Cannot read the model data: it is not valid msgpack.", {
      cause: error,
      hint: "The file may be truncated or not a tsnlp model.",
    });
  }
  const m = msg as Partial<ModelMsg> | null;
  if (!m || typeof m !== "object" || m.format !== FORMAT || !Array.isArray(m.nodes)) {
    throw new TsnlpError("E_MODEL_LOAD", "The data is not a tsnlp model (no 'tsnlp.model' header).", {
      hint: "Load files written by modelToBytes / modelToDisk.",
    });
  }
  if (m.version !== VERSION) {
    throw new TsnlpError("E_MODEL_LOAD", `The model data has format version ${m.version}; this tsnlp reads version ${VERSION}.`, {
      hint: "Save the model again with this version of tsnlp.",
    });
  }
  return m as ModelMsg;
}

/** Load dims, params and attrs saved by modelToBytes into `model` (built the same way); returns the model. */
export function modelFromBytes<M extends AnyModel>(model: M, bytes: Uint8Array): M {
  const msg = parse(bytes);
  const nodes = [...model.walk()];
  if (nodes.length !== msg.nodes.length) {
    throw loadError(`The saved model has ${msg.nodes.length} nodes, but the model it is loaded into has ${nodes.length}.`);
  }
  // Check everything first, so that a mismatch leaves the model as it was.
  nodes.forEach((node, index) => {
    const saved = msg.nodes[index]!;
    if (saved.name !== node.name) {
      throw loadError(`Node ${index} of the saved model is '${saved.name}', but the model it is loaded into has '${node.name}' there.`);
    }
    for (const [dim, value] of Object.entries(saved.dims ?? {})) {
      const has = node.hasDim(dim);
      if (has === false) throw loadError(`The saved ${nodeLabel(index, node)} has dimension '${dim}', which the model's node does not have.`);
      if (has === true && value !== null && node.getDim(dim) !== value) {
        throw loadError(`Dimension '${dim}' of ${nodeLabel(index, node)} is ${node.getDim(dim)}, but the saved model has ${value}.`);
      }
    }
    for (const [name, param] of Object.entries(saved.params ?? {})) {
      const has = node.hasParam(name);
      if (has === false) throw loadError(`The saved ${nodeLabel(index, node)} has param '${name}', which the model's node does not have.`);
      if (param === null) continue;
      if (param.dtype !== "float32" && param.dtype !== "int32")
        throw loadError(`Param '${name}' of saved ${nodeLabel(index, node)} has unknown dtype '${param.dtype}'.`);
      const size = param.shape.reduce((a, b) => a * b, 1);
      if (param.data.byteLength !== size * 4) {
        throw loadError(
          `Param '${name}' of saved ${nodeLabel(index, node)} has ${param.data.byteLength} bytes for shape [${param.shape.join(", ")}].`,
          "The file is damaged.",
        );
      }
      if (has === true) {
        const shape = node.getParam(name).shape;
        if (shape.length !== param.shape.length || shape.some((n, i) => n !== param.shape[i])) {
          throw loadError(`Param '${name}' of ${nodeLabel(index, node)} has shape [${shape.join(", ")}], but the saved one has [${param.shape.join(", ")}].`);
        }
      }
    }
  });
  nodes.forEach((node, index) => {
    const saved = msg.nodes[index]!;
    for (const [dim, value] of Object.entries(saved.dims ?? {})) if (value !== null && node.hasDim(dim) !== true) node.setDim(dim, value);
    for (const [name, param] of Object.entries(saved.params ?? {})) if (param !== null) node.setParam(name, msgToTensor(param));
    Object.assign(node.attrs, saved.attrs ?? {});
  });
  return model;
}

/** Write modelToBytes(model) to `path` atomically (readers never see half a file). */
export function modelToDisk(model: AnyModel, path: string): void {
  writeFileAtomic(path, modelToBytes(model));
}

export function modelFromDisk<M extends AnyModel>(model: M, path: string): M {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new TsnlpError("E_MODEL_LOAD", `Cannot read the model file ${path}.`, {
      file: path,
      cause: error,
      hint: "Check the path; it should be a file written by modelToDisk.",
    });
  }
  try {
    return modelFromBytes(model, bytes);
  } catch (error) {
    if (error instanceof TsnlpError && !error.file) throw new TsnlpError(error.code, error.message, { file: path, hint: error.hint, cause: error.cause });
    throw error;
  }
}
