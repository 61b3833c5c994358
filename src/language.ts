/**
 * The pipeline object (spaCy's Language, `nlp`): a vocab, a tokenizer and components in
 * order, created from a config. `nlp.call(text)` annotates one text, `nlp.pipe(texts)` a
 * stream in batches; update, initialize and evaluate drive training; toDisk / fromDisk save
 * a folder like spaCy's (config.cfg, meta.json, tokenizer, vocab/, one folder per component).
 */
import { fillAndValidate } from "./config/fill.js";
import { interpolate } from "./config/interpolate.js";
import { cloneValue, isSection, type Section, type Value } from "./config/tree.js";
import { createTokenizer, createVocab } from "./lang/create.js";
import type { TokenizerFactory } from "./lang/register.js";
import type { Tokenizer } from "./lang/tokenizer.js";
import { buildComponent, linkListeners } from "./language/components.js";
import { evaluatePipeline, type EvaluateOptions } from "./language/evaluate.js";
import { initializePipeline, type InitializePipelineOptions } from "./language/initialize.js";
import { pipelineToDisk } from "./language/disk.js";
import { defaultMeta, type Meta } from "./language/meta.js";
import { withScope, type Optimizer } from "./ml/model.js";
import { minibatch, type Pipe, type PipelineContext, type Scores } from "./pipes/pipe.js";
import { Tok2Vec } from "./pipes/tok2vec.js";
import { TrainablePipe } from "./pipes/trainable-pipe.js";
import { resolveConfig } from "./config/resolve.js";
import { registry as globalRegistry, type Registry } from "./registry/index.js";
import type { Doc } from "./tokens/doc.js";
import type { Example } from "./tokens/example.js";
import type { Vocab } from "./tokens/vocab.js";
import { TsnlpError } from "./util/errors.js";
import { didYouMean, nearest } from "./util/suggest.js";

export interface AddPipeOptions {
  name?: string;
  /** Settings of [components.NAME] (function blocks as {"@architectures": ...} objects). */
  config?: Section;
  before?: string;
  after?: string;
  first?: boolean;
  last?: boolean;
}

export interface NlpUpdateOptions {
  drop?: number;
  sgd?: Optimizer;
  losses?: Record<string, number>;
  /** Components not to update (frozen ones). */
  exclude?: readonly string[];
  /** Components whose predictions are set on the examples after they update (annotating_components). */
  annotates?: readonly string[];
}

export interface FromConfigOptions {
  registry?: Registry;
  /** Fill defaults before validating (default true). */
  autoFill?: boolean;
  vocab?: Vocab;
  /** Components to build disabled, besides [nlp] disabled. */
  disable?: readonly string[];
}

export class Language implements PipelineContext {
  readonly vocab: Vocab;
  readonly lang: string;
  tokenizer: Tokenizer;
  /** The filled config, references kept as written (`${...}`). */
  config: Section;
  meta: Meta;
  batchSize: number;
  readonly registry: Registry;
  private readonly entries: Array<[string, Pipe]> = [];
  private readonly disabledNames = new Set<string>();
  /** The optimizer made by initialize(), from [training] optimizer. */
  optimizer?: Optimizer;

  constructor(options: { lang: string; vocab?: Vocab; tokenizer?: Tokenizer; config?: Section; registry?: Registry; meta?: Meta }) {
    this.lang = options.lang;
    this.vocab = options.vocab ?? createVocab(options.lang);
    this.tokenizer = options.tokenizer ?? createTokenizer(this.vocab, options.lang);
    this.registry = options.registry ?? globalRegistry;
    this.config = options.config ?? fillAndValidate({ nlp: { lang: options.lang } }, this.registry).config;
    this.meta = options.meta ?? defaultMeta(options.lang);
    const nlp = isSection(this.config.nlp) ? this.config.nlp : {};
    this.batchSize = typeof nlp.batch_size === "number" ? nlp.batch_size : 1000;
  }

  /** A pipeline from a config: components built in [nlp] pipeline order, listeners linked. */
  static fromConfig(config: Section, options: FromConfigOptions = {}): Language {
    const registry = options.registry ?? globalRegistry;
    const filled = options.autoFill === false ? cloneValue(config) : fillAndValidate(cloneValue(config), registry).config;
    const resolved = interpolate(filled);
    const nlpBlock = isSection(resolved.nlp) ? resolved.nlp : {};
    const lang = nlpBlock.lang;
    if (typeof lang !== "string" || lang === "") {
      throw new TsnlpError("E_CONFIG_NO_LANG", "The config's [nlp] block has no lang.", { hint: 'Add lang = "en" (or your language\'s code) under [nlp].' });
    }
    const vocab = options.vocab ?? createVocab(lang);
    const tokenizerBlock = isSection(nlpBlock.tokenizer) ? nlpBlock.tokenizer : { "@tokenizers": "spacy.Tokenizer.v1" };
    const makeTokenizer = resolveConfig(tokenizerBlock as Section, registry, ["nlp", "tokenizer"]) as unknown as TokenizerFactory;
    const nlp = new Language({ lang, vocab, tokenizer: makeTokenizer({ vocab, lang }), config: filled, registry });
    const pipeline = (Array.isArray(nlpBlock.pipeline) ? nlpBlock.pipeline : []) as string[];
    for (const name of pipeline) nlp.entries.push([name, buildComponent(resolved, name, nlp, registry)]);
    const disabled = [...((Array.isArray(nlpBlock.disabled) ? nlpBlock.disabled : []) as string[]), ...(options.disable ?? [])];
    for (const name of disabled) nlp.disable(name);
    linkListeners(nlp.entries);
    return nlp;
  }

  // ---- the pipeline ----

  /** Enabled components in order, as [name, component]. */
  get pipeline(): Array<[string, Pipe]> {
    return this.entries.filter(([name]) => !this.disabledNames.has(name));
  }

  /** Every component, disabled ones included. */
  get components(): Array<[string, Pipe]> {
    return [...this.entries];
  }

  get pipeNames(): string[] {
    return this.pipeline.map(([name]) => name);
  }

  get componentNames(): string[] {
    return this.entries.map(([name]) => name);
  }

  get disabled(): string[] {
    return this.componentNames.filter((name) => this.disabledNames.has(name));
  }

  hasPipe(name: string): boolean {
    return this.entries.some(([n]) => n === name);
  }

  getPipe(name: string): Pipe {
    const entry = this.entries.find(([n]) => n === name);
    if (!entry) throw this.unknownComponent(name);
    return entry[1];
  }

  /** Add a component made by a registered factory; its settings are filled from the factory's defaults. */
  addPipe(factory: string, options: AddPipeOptions = {}): Pipe {
    const name = options.name ?? factory;
    if (this.hasPipe(name)) {
      throw new TsnlpError("E_PIPE_EXISTS", `The pipeline already has a component named '${name}'.`, { hint: "Give the new one another name: addPipe(factory, { name })." });
    }
    const index = this.insertionIndex(options);
    const config = cloneValue(this.config);
    if (!isSection(config.components)) config.components = {};
    const components = config.components as Section;
    components[name] = { factory, ...cloneValue(options.config ?? {}) };
    const nlpBlock = config.nlp as Section;
    const order = [...((nlpBlock.pipeline as string[]) ?? [])];
    const before = this.entries[index]?.[0];
    order.splice(before === undefined ? order.length : order.indexOf(before), 0, name);
    nlpBlock.pipeline = order;
    const filled = fillAndValidate(config, this.registry).config;
    const component = buildComponent(interpolate(filled), name, this, this.registry);
    this.config = filled;
    this.entries.splice(index, 0, [name, component]);
    linkListeners(this.entries);
    return component;
  }

  removePipe(name: string): Pipe {
    const component = this.getPipe(name);
    this.entries.splice(
      this.entries.findIndex(([n]) => n === name),
      1,
    );
    this.disabledNames.delete(name);
    const nlpBlock = this.config.nlp as Section;
    nlpBlock.pipeline = ((nlpBlock.pipeline as string[]) ?? []).filter((n) => n !== name);
    if (isSection(this.config.components)) delete this.config.components[name];
    for (const [, other] of this.entries) if (other instanceof Tok2Vec) other.removeListeners(name);
    return component;
  }

  disable(name: string): void {
    this.getPipe(name);
    this.disabledNames.add(name);
    this.syncDisabled();
  }

  enable(name: string): void {
    this.getPipe(name);
    this.disabledNames.delete(name);
    this.syncDisabled();
  }

  /** Disable some components (or all but some) and get a function that restores the previous state. */
  selectPipes(options: { disable?: readonly string[]; enable?: readonly string[] }): () => void {
    const before = new Set(this.disabledNames);
    const toDisable = options.disable ?? this.componentNames.filter((name) => !(options.enable ?? []).includes(name));
    for (const name of toDisable) this.disable(name);
    for (const name of options.enable ?? []) this.enable(name);
    return () => {
      this.disabledNames.clear();
      for (const name of before) this.disabledNames.add(name);
      this.syncDisabled();
    };
  }

  // ---- processing ----

  makeDoc(text: string): Doc {
    return this.tokenizer.call(text);
  }

  /** Tokenize and annotate one text (or annotate a Doc). */
  call(text: string | Doc): Doc {
    let doc = typeof text === "string" ? this.makeDoc(text) : text;
    for (const [, component] of this.pipeline) doc = component.call(doc);
    return doc;
  }

  /** Annotate a stream of texts in batches; docs come out in order. */
  *pipe(texts: Iterable<string | Doc>, options: { batchSize?: number } = {}): Generator<Doc> {
    const batchSize = options.batchSize ?? this.batchSize;
    const components = this.pipeline.map(([, component]) => component);
    for (const batch of minibatch(texts, batchSize)) {
      let docs: Iterable<Doc> = batch.map((text) => (typeof text === "string" ? this.makeDoc(text) : text));
      for (const component of components) docs = component.pipe(docs, { batchSize });
      yield* docs;
    }
  }

  // ---- training ----

  /**
   * Update every trainable component on a batch, in pipeline order, all in one engine scope
   * (the tok2vec's output must live until its last listener has backpropagated). The
   * optimizer steps once every component has backpropagated: spaCy steps each component right
   * after its own update, which applies a tok2vec's gradient one batch late (its listeners
   * backpropagate into it after its step); here a step never replaces weights that a pending
   * backprop still reads.
   */
  update(examples: readonly Example[], options: NlpUpdateOptions = {}): Record<string, number> {
    const losses = options.losses ?? {};
    if (examples.length === 0) return losses;
    const exclude = new Set(options.exclude ?? []);
    const annotates = new Set(options.annotates ?? []);
    try {
      withScope(() => {
        for (const [name, component] of this.pipeline) {
          if (!exclude.has(name) && component instanceof TrainablePipe) {
            component.update(examples, { drop: options.drop, losses });
          }
          if (annotates.has(name)) {
            const docs = [...component.pipe(examples.map((eg) => eg.predicted))];
            docs.forEach((doc, i) => {
              examples[i]!.predicted = doc;
            });
          }
        }
        if (options.sgd) {
          for (const [name, component] of this.pipeline) {
            if (!exclude.has(name) && component instanceof TrainablePipe) component.finishUpdate(options.sgd);
          }
        }
      });
    } finally {
      for (const [, component] of this.entries) if (component instanceof Tok2Vec) component.clearListeners();
    }
    return losses;
  }

  /** Initialize every component for training (labels, model shapes) and make the optimizer. */
  initialize(getExamples: () => Iterable<Example>, options: InitializePipelineOptions = {}): Optimizer {
    this.optimizer = initializePipeline(this, getExamples, options);
    return this.optimizer;
  }

  /** Run the pipeline over copies of the examples' predicted docs and score them against the references. */
  evaluate(examples: readonly Example[], options: EvaluateOptions = {}): Scores {
    return evaluatePipeline(this, examples, options);
  }

  /** Run `fn` with every trainable component's parameters swapped for the given ones (the optimizer's averages). */
  useParams<T>(params: ReadonlyMap<string, import("./ml/tf.js").Tensor> | undefined, fn: () => T): T {
    if (!params || params.size === 0) return fn();
    const models = this.entries.flatMap(([, component]) => (component instanceof TrainablePipe ? [component.model] : []));
    const run = (i: number): T => (i === models.length ? fn() : models[i]!.useParams(params, () => run(i + 1)));
    return run(0);
  }

  /** Save the pipeline folder (see src/language/disk.ts). */
  toDisk(path: string): void {
    pipelineToDisk(this, path);
  }

  // ---- helpers ----

  /** The resolved value of a config section (e.g. "training"), function blocks built. */
  resolveSection(section: string): Record<string, unknown> {
    const resolved = interpolate(this.config);
    const block = resolved[section];
    return isSection(block) ? resolveConfig(block, this.registry, [section]) : {};
  }

  /** The interpolated config (references resolved, functions not built). */
  interpolatedConfig(): Section {
    return interpolate(this.config);
  }

  private syncDisabled(): void {
    const nlpBlock = this.config.nlp as Section;
    nlpBlock.disabled = this.disabled as Value[];
  }

  private insertionIndex(options: AddPipeOptions): number {
    const chosen = [options.before, options.after, options.first, options.last].filter((x) => x !== undefined && x !== false).length;
    if (chosen > 1) throw new TsnlpError("E_PIPE_POSITION", "Give at most one of before, after, first and last.");
    if (options.first) return 0;
    if (options.before !== undefined) return this.indexOf(options.before);
    if (options.after !== undefined) return this.indexOf(options.after) + 1;
    return this.entries.length;
  }

  private indexOf(name: string): number {
    const index = this.entries.findIndex(([n]) => n === name);
    if (index < 0) throw this.unknownComponent(name);
    return index;
  }

  private unknownComponent(name: string): TsnlpError {
    const names = this.componentNames;
    return new TsnlpError("E_PIPE_UNKNOWN", `The pipeline has no component '${name}'.${didYouMean(name, nearest(name, names, 3))}`, {
      hint: names.length > 0 ? `Its components: ${names.join(", ")}.` : "The pipeline is empty.",
    });
  }
}

/** An empty pipeline for a language: tokenizer only. */
export function blank(lang: string, options: { registry?: Registry } = {}): Language {
  return Language.fromConfig({ nlp: { lang } }, options);
}

