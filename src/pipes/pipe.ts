/**
 * The component contract (spaCy's Pipe, spacy/pipeline/pipe.pyx): a callable that annotates
 * a Doc in place. Rule-based components (entity_ruler, sentencizer) implement this alone;
 * trainable ones extend TrainablePipe.
 */
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";

/**
 * A score: a number, null when undefined (no gold of that kind), a table of them (per type,
 * per feature), or a line of text (cats_score_desc says which score cats_score is).
 */
export type ScoreValue = number | null | string | { [key: string]: ScoreValue };
export type Scores = Record<string, ScoreValue>;

/** A registered scorer's function (spaCy's `make_*_scorer()` result): component options go in `options`. */
export type ScorerFn = (examples: readonly Example[], options?: Record<string, unknown>) => Scores;

/** What a component may know of the pipeline it is in. */
export interface PipelineContext {
  readonly vocab: Vocab;
  readonly lang: string;
  /** Components in pipeline order, by name, disabled ones included. */
  readonly components: ReadonlyArray<readonly [string, Pipe]>;
  /** The enabled components, in order. */
  readonly pipeline: ReadonlyArray<readonly [string, Pipe]>;
  makeDoc(text: string): Doc;
}

export interface InitializeOptions {
  nlp: PipelineContext;
  /** Labels from [initialize.components.NAME] labels (spacy.read_labels.v1), when given. */
  labels?: unknown;
  /** Any other settings of [initialize.components.NAME]. */
  settings?: Record<string, unknown>;
}

export interface PipeBatchOptions {
  batchSize?: number;
}

export abstract class Pipe {
  /** The component's name in the pipeline (the key of [components.NAME]). */
  name: string;
  /** The factory that made it. */
  readonly factory: string;

  constructor(name: string, factory: string) {
    this.name = name;
    this.factory = factory;
  }

  /** Annotate one doc in place and return it. */
  abstract call(doc: Doc): Doc;

  /** Annotate a stream of docs; trainable components batch them. */
  *pipe(docs: Iterable<Doc>, _options: PipeBatchOptions = {}): Generator<Doc> {
    for (const doc of docs) yield this.call(doc);
  }

  /** Prepare for training or use: collect labels, build rules, initialize models. */
  initialize(_getExamples: () => Iterable<Example>, _options: InitializeOptions): void {}

  /** Score predicted against reference annotation in the examples; {} for components that set nothing scorable. */
  score(_examples: readonly Example[], _options: Record<string, unknown> = {}): Scores {
    return {};
  }

  get isTrainable(): boolean {
    return false;
  }

  /** The labels the component predicts or sets (empty when it has none). */
  get labels(): readonly string[] {
    return [];
  }

  /**
   * What initialize takes back as `labels` (spaCy's label_data, what `init labels` writes);
   * null for components that do not learn labels.
   */
  get labelData(): unknown {
    return null;
  }

  /** Save the component's state (labels, patterns, weights) into `dir`, which exists and is empty. */
  toDisk(_dir: string): void {}

  /** Restore what toDisk wrote. */
  fromDisk(_dir: string): this {
    return this;
  }
}

/** Split a stream into arrays of at most `size` items. */
export function* minibatch<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
