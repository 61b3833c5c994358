/**
 * Thinc's Model on TensorFlow.js. A model is a forward function plus state: dims, params,
 * gradients, attrs, sublayers and refs. `forward(model, X, isTrain)` returns the output and a
 * backprop callback; backprop adds gradients with `incGrad` and returns the input gradient.
 * Parameters change only in `finishUpdate(optimizer)`.
 *
 * Tensors: params and gradients are kept (tf.keep) and owned by the model; everything else a
 * step creates belongs to the caller's engine scope (see `withScope`).
 */
import { TsnlpError } from "../util/errors.js";
import { modelFromBytes, modelFromDisk, modelToBytes, modelToDisk } from "./serialize.js";
import { type Tensor, tf } from "./tf.js";

export type Backprop<OutT, InT> = (dY: OutT) => InT;
export type ForwardFn<InT, OutT> = (model: Model<InT, OutT>, X: InT, isTrain: boolean) => [OutT, Backprop<OutT, InT>];
export type InitFn<InT, OutT> = (model: Model<InT, OutT>, X?: InT, Y?: OutT) => void;

// biome-ignore lint/suspicious/noExplicitAny: a sublayer's types are its own business
export type AnyModel = Model<any, any>;

/** What finishUpdate needs of an optimizer: a new value for each parameter, given its gradient. */
export interface Optimizer {
  /** `key` identifies the parameter across steps (model id and param name). */
  update(key: string, param: Tensor, grad: Tensor): Tensor;
}

export interface ModelOptions<InT, OutT> {
  init?: InitFn<InT, OutT>;
  /** null: a dimension the model has but whose size is not known yet. */
  dims?: Record<string, number | null>;
  /** null: a parameter allocated by init, once the dims are known. */
  params?: Record<string, Tensor | null>;
  layers?: AnyModel[];
  refs?: Record<string, AnyModel | null>;
  attrs?: Record<string, unknown>;
}

let nextId = 0;

export class Model<InT = unknown, OutT = unknown> {
  /** Unique in the process; optimizers key their state by it. */
  readonly id = nextId++;
  readonly name: string;
  readonly layers: AnyModel[];
  readonly attrs: Record<string, unknown>;
  readonly forward: ForwardFn<InT, OutT>;
  readonly init?: InitFn<InT, OutT>;
  private readonly dims = new Map<string, number | null>();
  private readonly params = new Map<string, Tensor | null>();
  private readonly grads = new Map<string, Tensor>();
  private readonly refNames = new Map<string, AnyModel | null>();
  // Phantom members: they make Model<A, B> assignable to Model<C, D> only when the types fit,
  // so chain(a, b) with mismatched types does not compile.
  declare readonly __in: (input: InT) => void;
  declare readonly __out: () => OutT;

  constructor(name: string, forward: ForwardFn<InT, OutT>, options: ModelOptions<InT, OutT> = {}) {
    this.name = name;
    this.forward = forward;
    this.init = options.init;
    this.layers = [...(options.layers ?? [])];
    this.attrs = { ...options.attrs };
    for (const [dim, value] of Object.entries(options.dims ?? {})) this.dims.set(dim, value);
    for (const [param, value] of Object.entries(options.params ?? {})) this.params.set(param, value === null ? null : tf.keep(value));
    for (const [ref, value] of Object.entries(options.refs ?? {})) this.refNames.set(ref, value);
  }

  /** Run the forward pass; with isTrain the backprop callback may be called once. */
  call(X: InT, isTrain: boolean): [OutT, Backprop<OutT, InT>] {
    return this.forward(this, X, isTrain);
  }

  predict(X: InT): OutT {
    return this.forward(this, X, false)[0];
  }

  beginUpdate(X: InT): [OutT, Backprop<OutT, InT>] {
    return this.forward(this, X, true);
  }

  /** Infer missing dims from sample data (X, and Y where given) and allocate params. */
  initialize(X?: InT, Y?: OutT): this {
    if (this.init) this.init(this, X, Y);
    return this;
  }

  // ---- dims: set, unset-but-known (null), or unknown ----

  /** true when set, null when known but unset, false when the model has no such dim (Thinc's has_dim). */
  hasDim(name: string): boolean | null {
    if (!this.dims.has(name)) return false;
    return this.dims.get(name) === null ? null : true;
  }

  getDim(name: string): number {
    const value = this.dims.get(name);
    if (value === undefined) throw this.stateError("dimension", name, "has no");
    if (value === null) {
      throw new TsnlpError("E_DIM_UNSET", `Cannot get dimension '${name}' of model '${this.name}': it has not been set.`, {
        hint: "Initialize the model on sample data (model.initialize(X, Y)) or give the size in the config.",
      });
    }
    return value;
  }

  setDim(name: string, value: number, options: { force?: boolean } = {}): void {
    if (!this.dims.has(name)) throw this.stateError("dimension", name, "cannot set unknown");
    const old = this.dims.get(name);
    if (old !== null && old !== undefined && old !== value && !options.force) {
      throw new TsnlpError("E_DIM_CHANGE", `Model '${this.name}' has dimension '${name}' = ${old}; it cannot become ${value}.`, {
        hint: "A layer's width is fixed once set: check that the sizes in the config agree with each other and with the data.",
      });
    }
    this.dims.set(name, value);
  }

  get dimNames(): string[] {
    return [...this.dims.keys()];
  }

  // ---- params and their gradients ----

  hasParam(name: string): boolean | null {
    if (!this.params.has(name)) return false;
    return this.params.get(name) === null ? null : true;
  }

  getParam(name: string): Tensor {
    const value = this.params.get(name);
    if (value === undefined) throw this.stateError("parameter", name, "has no");
    if (value === null) {
      throw new TsnlpError("E_PARAM_UNSET", `Parameter '${name}' of model '${this.name}' is not allocated yet.`, {
        hint: "Initialize the model (model.initialize(X, Y)) before using it.",
      });
    }
    return value;
  }

  /** Set (and own) a parameter; the previous value is disposed. */
  setParam(name: string, value: Tensor): void {
    if (!this.params.has(name)) this.params.set(name, null);
    const old = this.params.get(name);
    if (old === value) return;
    this.params.set(name, tf.keep(value));
    old?.dispose();
  }

  get paramNames(): string[] {
    return [...this.params.keys()];
  }

  hasGrad(name: string): boolean {
    return this.grads.has(name);
  }

  getGrad(name: string): Tensor | undefined {
    return this.grads.get(name);
  }

  /** Add to a parameter's gradient (gradients of several uses of a layer add up). */
  incGrad(name: string, value: Tensor): void {
    const old = this.grads.get(name);
    this.grads.set(name, tf.keep(old ? tf.add(old, value) : value.clone()));
    old?.dispose();
  }

  clearGrads(): void {
    for (const grad of this.grads.values()) grad.dispose();
    this.grads.clear();
  }

  // ---- refs: named links to other nodes (a listener's upstream, an output layer) ----

  hasRef(name: string): boolean | null {
    if (!this.refNames.has(name)) return false;
    return this.refNames.get(name) === null ? null : true;
  }

  getRef(name: string): AnyModel {
    const ref = this.refNames.get(name);
    if (!ref) throw this.stateError("reference", name, ref === null ? "has an unset" : "has no");
    return ref;
  }

  setRef(name: string, model: AnyModel | null): void {
    this.refNames.set(name, model);
  }

  get refs(): ReadonlyMap<string, AnyModel | null> {
    return this.refNames;
  }

  // ---- the tree ----

  /** This node and every node below it, each once, breadth first (Thinc's model.walk()). */
  *walk(): Generator<AnyModel> {
    const seen = new Set<number>();
    const queue: AnyModel[] = [this];
    while (queue.length > 0) {
      const node = queue.shift()!;
      if (seen.has(node.id)) continue;
      seen.add(node.id);
      yield node;
      queue.push(...node.layers);
    }
  }

  /** The first node with this name, or undefined. */
  getNode(name: string): AnyModel | undefined {
    for (const node of this.walk()) if (node.name === name) return node;
    return undefined;
  }

  /** Apply the optimizer to every parameter with a gradient, then clear the gradients. */
  finishUpdate(optimizer: Optimizer): void {
    for (const node of this.walk()) {
      for (const [name, grad] of node.grads) {
        const param = node.params.get(name);
        if (param) node.setParam(name, optimizer.update(`${node.id}:${name}`, param, grad));
      }
      node.clearGrads();
    }
  }

  /** Set the rate of every dropout layer below (Thinc's set_dropout_rate). */
  setDropoutRate(rate: number): void {
    for (const node of this.walk()) if (node.name === "dropout") node.attrs.dropout_rate = rate;
  }

  /**
   * Run `fn` with some parameters swapped in (the optimizer's averages, keyed like
   * Optimizer.update keys), then put the originals back.
   */
  useParams<T>(replacements: ReadonlyMap<string, Tensor>, fn: () => T): T {
    const saved: Array<[AnyModel, string, Tensor | null]> = [];
    for (const node of this.walk()) {
      for (const name of node.params.keys()) {
        const replacement = replacements.get(`${node.id}:${name}`);
        if (replacement) {
          saved.push([node, name, node.params.get(name)!]);
          node.params.set(name, replacement);
        }
      }
    }
    try {
      return fn();
    } finally {
      for (const [node, name, original] of saved) node.params.set(name, original);
    }
  }

  /** A deep copy: new ids, copied dims and attrs, cloned params; shared sublayers stay shared. */
  copy(): Model<InT, OutT> {
    return copyNode(this, new Map()) as Model<InT, OutT>;
  }

  /** Dims, params and plain attrs of every node, as msgpack (layout in serialize.ts). */
  toBytes(): Uint8Array {
    return modelToBytes(this);
  }

  /** Load what toBytes wrote into a model of the same architecture. */
  fromBytes(bytes: Uint8Array): this {
    return modelFromBytes(this, bytes);
  }

  /** toBytes to a file, written to a temporary name and renamed when complete. */
  toDisk(path: string): void {
    modelToDisk(this, path);
  }

  fromDisk(path: string): this {
    return modelFromDisk(this, path);
  }

  /** Dispose every parameter and gradient of this tree. */
  dispose(): void {
    for (const node of this.walk()) {
      for (const param of node.params.values()) param?.dispose();
      for (const name of node.params.keys()) node.params.set(name, null);
      node.clearGrads();
    }
  }

  private stateError(what: string, name: string, verb: string): TsnlpError {
    const known = what === "dimension" ? this.dimNames : what === "parameter" ? this.paramNames : [...this.refNames.keys()];
    return new TsnlpError("E_MODEL_STATE", `Model '${this.name}' ${verb} ${what} '${name}'.`, {
      hint: known.length > 0 ? `Its ${what}s: ${known.join(", ")}.` : `It has no ${what}s.`,
    });
  }

  /** @internal for serialization and copying */
  static internals(model: AnyModel): { dims: Map<string, number | null>; params: Map<string, Tensor | null> } {
    return { dims: model.dims, params: model.params };
  }
}

function copyNode(node: AnyModel, copies: Map<number, AnyModel>): AnyModel {
  const done = copies.get(node.id);
  if (done) return done;
  const { dims, params } = Model.internals(node);
  const copy = new Model(node.name, node.forward, {
    init: node.init,
    dims: Object.fromEntries(dims),
    params: Object.fromEntries([...params].map(([name, value]) => [name, value ? value.clone() : null])),
    attrs: node.attrs,
  });
  copies.set(node.id, copy);
  copy.layers.push(...node.layers.map((layer) => copyNode(layer, copies)));
  for (const [name, ref] of node.refs) copy.setRef(name, ref ? copyNode(ref, copies) : null);
  return copy;
}

/**
 * Run `fn` in an engine scope: every tensor it creates is disposed at the end, except what
 * models and optimizers keep (params, gradients, optimizer state). One training step runs in
 * one scope.
 */
export function withScope<T>(fn: () => T): T {
  tf.engine().startScope();
  scopeDepth++;
  try {
    const result = fn();
    if (result instanceof Promise) throw new TypeError("withScope takes a synchronous function: a scope cannot span an await.");
    return result;
  } finally {
    scopeDepth--;
    tf.engine().endScope();
  }
}

let scopeDepth = 0;

/**
 * Run `fn` in the caller's scope when there is one, else in a scope of its own. A pipeline's
 * update opens one scope for all its components, so that the tok2vec's output lives until the
 * last listener has backpropagated into it; a component updated on its own still cleans up.
 */
export function inStepScope<T>(fn: () => T): T {
  return scopeDepth > 0 ? fn() : withScope(fn);
}
