/**
 * The transition-based dependency parser (spaCy's DependencyParser, spacy/pipeline/dep_parser.pyx,
 * on the Parser base of spacy/pipeline/transition_parser.pyx, v3.5.4): arc-eager moves with
 * sentence breaks (ArcEager) scored by spacy.TransitionBasedParser with state_type "parser",
 * parsed greedily and trained with the dynamic oracle on pseudo-projective gold trees. It
 * writes token heads and labels, and the sentence starts that follow from the tree; decorated
 * labels ("dep||head") are undone after each prediction (deprojectivize).
 *
 * Labels seen fewer than min_action_freq times in the training data get no moves of their own;
 * their arcs are learned as "dep". Labels are never added on the fly from the docs.
 *
 * On disk: `cfg`, `moves` (the labels by action, which fix the model's output order) and
 * `model`; the model is resized to the saved moves before its weights are read.
 */
import type { AnyModel } from "../ml/model.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import { minibatch, type PipeBatchOptions, type ScorerFn } from "./pipe.js";
import { TransitionPipe } from "./transition-pipe.js";
import { ArcEager } from "./transition/arc-eager.js";
import type { ArcEagerGold } from "./transition/arc-eager-gold.js";
import { cutArcEagerBatch } from "./transition/arc-eager-oracle.js";
import { greedyParse } from "./transition/greedy.js";
import { DELIMITER, deprojectivize } from "./transition/nonproj.js";
import { type GoldBatch, notInitialized } from "./transition/oracle.js";
import { comparePython } from "./transition/python-order.js";
import type { TransitionState } from "./transition/state.js";
import { type LabelsByAction, labelsFromRecord } from "./transition/transition-system.js";

export interface DependencyParserOptions {
  /** The transition system; a fresh ArcEager when left out. */
  moves?: ArcEager | null;
  /** Cut docs into segments of about this many moves during training; 0 or less: never. */
  updateWithOracleCutSize?: number;
  /** Labels seen fewer times in the training data back off to "dep". */
  minActionFreq?: number;
  /** spaCy's experimental subtoken merging; tsnlp does not have it. */
  learnTokens?: boolean;
  scorer?: ScorerFn;
}

/** Docs per prediction batch when the caller gives none (spaCy's Parser.pipe default). */
const DEFAULT_BATCH_SIZE = 256;

export class DependencyParser extends TransitionPipe<ArcEagerGold> {
  moves: ArcEager;

  constructor(vocab: Vocab, model: AnyModel, name = "parser", options: DependencyParserOptions = {}) {
    super(
      vocab,
      model,
      name,
      "parser",
      {
        moves: null,
        update_with_oracle_cut_size: options.updateWithOracleCutSize ?? 100,
        multitasks: [],
        min_action_freq: options.minActionFreq ?? 30,
        learn_tokens: options.learnTokens ?? false,
        beam_width: 1,
        beam_density: 0.0,
        beam_update_prob: 0.0,
        incorrect_spans_key: null,
      },
      options.scorer,
    );
    if (options.learnTokens === true) {
      throw new TsnlpError("E_PARSER_LEARN_TOKENS", `Component '${name}' has learn_tokens = true, which tsnlp does not support.`, {
        hint: `Set components.${name}.learn_tokens = false (spaCy's default; subtoken merging is experimental there).`,
      });
    }
    if (typeof model.attrs.resize_output !== "function") {
      throw new TsnlpError("E_PARSER_MODEL", `The model of '${name}' is '${model.name}', which is not a transition-based model (it has no resize_output).`, {
        hint: 'Use @architectures = "spacy.TransitionBasedParser.v2" with state_type = "parser".',
      });
    }
    if (model.attrs.state_type !== undefined && model.attrs.state_type !== "parser") {
      throw new TsnlpError(
        "E_PARSER_MODEL",
        `The model of '${name}' has state_type = ${JSON.stringify(model.attrs.state_type)}, but the parser needs "parser".`,
        {
          hint: `Set components.${name}.model.state_type = "parser".`,
        },
      );
    }
    this.moves = options.moves ?? new ArcEager();
    if (this.moves.nMoves > 0) this.resize();
  }

  /**
   * The dependency labels (spaCy's DependencyParser.labels): sorted, from the labelled moves,
   * a decorated label counting as its head part, as spaCy counts it.
   */
  override get labels(): readonly string[] {
    const labels = new Set<string>();
    for (const name of this.moveNames) {
      const dash = name.indexOf("-");
      if (dash < 0) continue;
      let label = name.slice(dash + 1);
      const at = label.indexOf(DELIMITER);
      if (at >= 0) label = label.slice(at + DELIMITER.length);
      labels.add(label);
    }
    return [...labels].sort(comparePython);
  }

  /** The moves' names in model output order. */
  get moveNames(): string[] {
    return this.moves.classNames;
  }

  /** Labels by action with frequencies: what `initialize` takes back as `labels` (spaCy's label_data). */
  override get labelData(): Record<string, Record<string, number>> {
    return this.moves.toJSON().moves;
  }

  /** Add moves of every action for a label (spaCy's Parser.add_label). */
  override addLabel(label: string): number {
    if (typeof label !== "string" || label === "") {
      throw new TsnlpError("E_BAD_LABEL", `Component '${this.name}' got the label ${JSON.stringify(label)}; a dependency label is a non-empty string.`);
    }
    let resized = false;
    for (const action of this.moves.actionTypes) if (this.moves.addAction(action, label) === 1) resized = true;
    if (!resized) return 0;
    this.resize();
    this.vocab.strings.add(label);
    return 1;
  }

  predict(docs: Doc[]): TransitionState[] {
    const states = this.moves.initBatch(docs);
    if (!docs.some((doc) => doc.length > 0)) return states;
    if (this.moves.nMoves === 0) throw notInitialized(`The '${this.name}' component`);
    greedyParse(this.moves, this.parserModel, docs, states);
    return states;
  }

  setAnnotations(docs: Doc[], states: TransitionState[]): void {
    docs.forEach((doc, i) => {
      this.moves.setAnnotations(states[i]!, doc);
      deprojectivize(doc);
    });
  }

  /** Parse in sub-batches of docs of similar length, so that their states finish together (as spaCy's Parser.pipe). */
  override *pipe(docs: Iterable<Doc>, options: PipeBatchOptions = {}): Generator<Doc> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (const batch of minibatch(docs, batchSize)) {
      const byLength = [...batch].sort((a, b) => a.length - b.length);
      for (const sub of minibatch(byLength, Math.max(Math.floor(batchSize / 4), 2))) this.setAnnotations(sub, this.predictBatch(sub));
      yield* batch;
    }
  }

  protected cutBatch(examples: readonly Example[], maxMoves: number): GoldBatch<ArcEagerGold> {
    return cutArcEagerBatch(this.moves, examples, maxMoves);
  }

  protected actionsFromExamples(examples: Iterable<Example>): LabelsByAction {
    return this.moves.getActions(examples, { minFreq: Number(this.cfg.min_action_freq ?? 30) });
  }

  protected actionsFromLabels(labels: unknown): LabelsByAction {
    if (Array.isArray(labels) && labels.every((label) => typeof label === "string")) {
      return this.moves.getActions([], { leftLabels: labels as string[], rightLabels: labels as string[] });
    }
    if (typeof labels === "object" && labels !== null && !Array.isArray(labels)) {
      return labelsFromRecord(labels as Record<string, unknown>, `the labels of '${this.name}'`);
    }
    throw new TsnlpError(
      "E_BAD_LABELS",
      `The labels given to '${this.name}' are neither label data (action -> label -> count) nor a list of dependency labels.`,
      {
        hint: "Use the file `init labels` writes for the component, or a JSON list of dependency labels.",
      },
    );
  }
}
