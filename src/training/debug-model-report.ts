/**
 * What `debug model` shows of a model tree (spaCy's _print_model and _print_matrix in
 * spacy/cli/debug_model.py, v3.5.4): every node of model.walk() with its dims, a sample of
 * each parameter and gradient, and its attrs.
 */
import { type AnyModel, withScope } from "../ml/model.js";
import { type Tensor, tf } from "../ml/tf.js";
import { formatArrayStr, formatShape, pythonStr } from "./debug-model-format.js";

/** One node of the tree, as it stands at one step. */
export interface LayerReport {
  /** Position in model.walk() (breadth first): the N of "Layer N", which --layers selects. */
  index: number;
  /** The node's model id. */
  id: number;
  name: string;
  /** Each dim's size, or null while it is unset. */
  dims: Array<[name: string, size: number | null]>;
  /** Each parameter as _print_matrix writes it, or null while it is not allocated. */
  params: Array<[name: string, sample: string | null]>;
  /** Each parameter's gradient as _print_matrix writes it, or null when there is none. */
  grads: Array<[name: string, sample: string | null]>;
  attrs: Array<[name: string, value: string]>;
}

export interface PrintSettings {
  /** Layer numbers to print (the N of "Layer N"); empty or absent for all. */
  layers?: readonly number[];
  dimensions?: boolean;
  parameters?: boolean;
  gradients?: boolean;
  attributes?: boolean;
}

/** Read every node's state; tensors are read inside a scope, so nothing is left behind. */
export function describeLayers(model: AnyModel): LayerReport[] {
  return withScope(() =>
    [...model.walk()].map((node, index) => ({
      index,
      id: node.id,
      name: node.name,
      dims: node.dimNames.map((name): [string, number | null] => [name, node.hasDim(name) === true ? node.getDim(name) : null]),
      params: node.paramNames.map((name): [string, string | null] => [name, node.hasParam(name) === true ? formatMatrix(node.getParam(name)) : null]),
      grads: node.paramNames.map((name): [string, string | null] => {
        const grad = node.getGrad(name);
        return [name, grad ? formatMatrix(grad) : null];
      }),
      attrs: Object.entries(node.attrs).map(([name, value]): [string, string] => [name, pythonStr(value)]),
    })),
  );
}

/** The lines _print_model writes for the selected layers (each is one info message). */
export function layerLines(reports: readonly LayerReport[], settings: PrintSettings = {}): string[] {
  const selected = settings.layers ?? [];
  const lines: string[] = [];
  for (const layer of reports) {
    if (selected.length > 0 && !selected.includes(layer.index)) continue;
    lines.push(`Layer ${layer.index}: model ID ${layer.id}: '${layer.name}'`);
    // spaCy prints Python's None for an unset dim or parameter and False for a missing gradient.
    if (settings.dimensions) for (const [name, size] of layer.dims) lines.push(` - dim ${name}: ${size ?? "None"}`);
    if (settings.parameters) for (const [name, sample] of layer.params) lines.push(` - param ${name}: ${sample ?? "None"}`);
    if (settings.gradients) for (const [name, sample] of layer.grads) lines.push(` - grad ${name}: ${sample ?? "False"}`);
    if (settings.attributes) for (const [name, value] of layer.attrs) lines.push(` - attr ${name}: ${value}`);
  }
  return lines;
}

/**
 * _print_matrix: the shape as a tuple and the first (up to) five values of the first row of
 * the innermost axis, e.g. "(96, 32) - sample: [-0.12  0.03 ...]". Call inside a scope.
 */
export function formatMatrix(value: Tensor): string {
  const shape = value.shape;
  let sample: string;
  if (shape.length === 0) {
    sample = formatArrayStr({ shape: [], values: value.dataSync() as Float32Array, dtype: dtypeOf(value) });
  } else if (shape.some((size) => size === 0)) {
    sample = "[]";
  } else {
    const width = Math.min(5, shape[shape.length - 1]!);
    const begin = shape.map(() => 0);
    const size = shape.map((_, axis) => (axis === shape.length - 1 ? width : 1));
    const values = tf.slice(value, begin, size).dataSync() as Float32Array | Int32Array;
    sample = formatArrayStr({ shape: [width], values, dtype: dtypeOf(value) });
  }
  return `${formatShape(shape)} - sample: ${sample}`;
}

function dtypeOf(value: Tensor): "float32" | "int32" {
  return value.dtype === "int32" ? "int32" : "float32";
}
