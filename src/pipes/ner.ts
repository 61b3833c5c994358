/**
 * The transition-based entity recognizer (spaCy's EntityRecognizer, spacy/pipeline/ner.pyx,
 * on the Parser base of spacy/pipeline/transition_parser.pyx): BILUO moves (BiluoPushDown)
 * scored by spacy.TransitionBasedParser with state_type "ner", parsed greedily, and trained
 * with the dynamic oracle. It writes doc.ents, keeping entities already on the doc (an
 * entity_ruler's) and marking every other token O.
 *
 * On disk: `cfg`, `moves` (the labels by action, which fix the model's output order) and
 * `model`; the model is resized to the saved moves before its weights are read.
 */
import type { AnyModel } from "../ml/model.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";
import { TsnlpError } from "../util/errors.js";
import type { ScorerFn } from "./pipe.js";
import { TransitionPipe } from "./transition-pipe.js";
import { BiluoPushDown } from "./transition/biluo.js";
import { greedyParse } from "./transition/greedy.js";
import type { BiluoGold } from "./transition/biluo-gold.js";
import { cutGoldBatch, type GoldBatch, notInitialized } from "./transition/oracle.js";
import { comparePython } from "./transition/python-order.js";
import type { TransitionState } from "./transition/state.js";
import { type LabelsByAction, labelsFromRecord } from "./transition/transition-system.js";

export interface EntityRecognizerOptions {
  /** The transition system; a fresh BiluoPushDown when left out. */
  moves?: BiluoPushDown | null;
  /** Cut docs into segments of about this many moves during training; 0 or less: never. */
  updateWithOracleCutSize?: number;
  /** doc.spans key of the reference's spans known not to be entities. */
  incorrectSpansKey?: string | null;
  scorer?: ScorerFn;
}

export class EntityRecognizer extends TransitionPipe<BiluoGold> {
  moves: BiluoPushDown;

  constructor(vocab: Vocab, model: AnyModel, name = "ner", options: EntityRecognizerOptions = {}) {
    const incorrectSpansKey = options.incorrectSpansKey ?? null;
    super(
      vocab,
      model,
      name,
      "ner",
      {
        moves: null,
        update_with_oracle_cut_size: options.updateWithOracleCutSize ?? 100,
        multitasks: [],
        min_action_freq: 1,
        learn_tokens: false,
        beam_width: 1,
        beam_density: 0.0,
        beam_update_prob: 0.0,
        incorrect_spans_key: incorrectSpansKey,
      },
      options.scorer,
    );
    if (typeof model.attrs.resize_output !== "function") {
      throw new TsnlpError("E_NER_MODEL", `The model of '${name}' is '${model.name}', which is not a transition-based model (it has no resize_output).`, {
        hint: 'Use @architectures = "spacy.TransitionBasedParser.v2" with state_type = "ner".',
      });
    }
    this.moves = options.moves ?? new BiluoPushDown({ incorrectSpansKey });
    if (this.moves.nMoves > 0) this.resize();
  }

  /** The entity labels (spaCy's EntityRecognizer.labels): sorted, from the B/I/L/U moves. */
  override get labels(): readonly string[] {
    const labels = new Set<string>();
    for (const name of this.moveNames) if ("BILU".includes(name[0]!) && name[1] === "-") labels.add(name.slice(2));
    return [...labels].sort(comparePython);
  }

  /** The moves' names in model output order, without the internal label-less "U-". */
  get moveNames(): string[] {
    return this.moves.classNames.filter((name) => name !== "U-");
  }

  /** Labels by action with frequencies: what `initialize` takes back as `labels` (spaCy's label_data). */
  override get labelData(): Record<string, Record<string, number>> {
    return this.moves.toJSON().moves;
  }

  get incorrectSpansKey(): string | null {
    return (this.cfg.incorrect_spans_key as string | null | undefined) ?? null;
  }

  override addLabel(label: string): number {
    if (typeof label !== "string" || label === "") {
      throw new TsnlpError("E_BAD_LABEL", `Component '${this.name}' got the label ${JSON.stringify(label)}; an entity label is a non-empty string.`);
    }
    let resized = false;
    for (const action of this.moves.actionTypes) if (this.moves.addAction(action, label) === 1) resized = true;
    if (!resized) return 0;
    this.resize();
    this.vocab.strings.add(label);
    return 1;
  }

  predict(docs: Doc[]): TransitionState[] {
    this.ensureLabelsAdded(docs);
    const states = this.moves.initBatch(docs);
    if (!docs.some((doc) => doc.length > 0)) return states;
    if (this.moves.nMoves === 0) throw notInitialized(`The '${this.name}' component`);
    greedyParse(this.moves, this.parserModel, docs, states);
    return states;
  }

  setAnnotations(docs: Doc[], states: TransitionState[]): void {
    docs.forEach((doc, i) => {
      this.moves.setAnnotations(states[i]!, doc);
    });
  }

  protected override beforeUpdate(examples: readonly Example[]): void {
    this.ensureLabelsAdded([...examples.map((eg) => eg.predicted), ...examples.map((eg) => eg.reference)]);
  }

  protected cutBatch(examples: readonly Example[], maxMoves: number): GoldBatch<BiluoGold> {
    return cutGoldBatch(this.moves, examples, maxMoves);
  }

  protected actionsFromExamples(examples: Iterable<Example>): LabelsByAction {
    return this.moves.getActions(examples);
  }

  /** Add the labels the docs' entities use and the moves lack (spaCy's _ensure_labels_are_added). */
  private ensureLabelsAdded(docs: readonly Doc[]): void {
    const labels = new Set<string>();
    for (const doc of docs) for (const label of this.moves.docLabels(doc)) labels.add(label);
    let resized = false;
    for (const label of labels) {
      for (const action of this.moves.actionTypes) {
        if (this.moves.addAction(action, label) === 1) {
          this.vocab.strings.add(label);
          resized = true;
        }
      }
    }
    if (resized) this.resize();
  }

  protected actionsFromLabels(labels: unknown): LabelsByAction {
    if (Array.isArray(labels) && labels.every((label) => typeof label === "string")) return this.moves.getActions([], labels as string[]);
    if (typeof labels === "object" && labels !== null && !Array.isArray(labels)) {
      return labelsFromRecord(labels as Record<string, unknown>, `the labels of '${this.name}'`);
    }
    throw new TsnlpError("E_BAD_LABELS", `The labels given to '${this.name}' are neither label data (action -> label -> count) nor a list of entity types.`, {
      hint: "Use the file `init labels` writes for the component, or a JSON list of entity labels.",
    });
  }
}
