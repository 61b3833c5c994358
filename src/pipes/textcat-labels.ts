/**
 * Label handling the classifiers (textcat, textcat_multilabel, spancat) share: spaCy's
 * resizable-model check (TrainablePipe._allow_extra_label, spacy/pipeline/trainable_pipe.pyx),
 * labels from [initialize.components.NAME] or from the gold data, and the checks on those
 * settings.
 */
import type { AnyModel } from "../ml/model.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";

/** What the helpers need of a component. */
interface LabelledPipe {
  readonly name: string;
  readonly factory: string;
  readonly model: AnyModel;
  readonly labels: readonly string[];
  addLabel(label: string): number;
}

/** spaCy's is_resizable: the model says how to grow its output layer. */
export function isResizable(model: AnyModel): boolean {
  return typeof model.attrs.resize_output === "function";
}

/** Grow the output layer to `count` classes (spaCy's set_output). */
export function resizeToLabels(model: AnyModel, count: number): void {
  (model.attrs.resize_output as (model: AnyModel, nO: number) => AnyModel)(model, count);
}

/** The model's number of output classes when known: its nO, else its output layer's. */
export function outputWidth(model: AnyModel): number | null {
  if (model.hasDim("nO") === true) return model.getDim("nO");
  if (model.hasRef("output_layer") === true) {
    const output = model.getRef("output_layer");
    if (output.hasDim("nO") === true) return output.getDim("nO");
  }
  return null;
}

/**
 * spaCy's E922: a model whose width already matches its `classes` cannot take a new label
 * unless it can be resized.
 */
export function allowExtraLabel(pipe: LabelledPipe, label: string, classes: number): void {
  const width = outputWidth(pipe.model);
  if (width === null || width !== classes || isResizable(pipe.model)) return;
  throw new TsnlpError(
    "E_PIPE_NOT_RESIZABLE",
    `Component '${pipe.name}' (${pipe.factory}) cannot learn the new label '${label}': its model has ${width} outputs for the labels it knows (${quoted(pipe.labels)}), and its architecture cannot grow them.`,
    {
      hint:
        "Train the component with every label from the start (list them in [initialize.components." +
        pipe.name +
        "] labels), or use an architecture that can grow (spacy.TextCatBOW.v2, spacy.TextCatCNN.v2).",
    },
  );
}

/**
 * Add the labels given in [initialize.components.NAME] labels, or else every category of the
 * gold docs in the order the examples give them (spaCy iterates `example.y.cats`).
 */
export function initializeLabels(pipe: LabelledPipe, getExamples: () => Iterable<Example>, labels: unknown): void {
  if (labels === undefined || labels === null) {
    for (const eg of getExamples()) for (const label of Object.keys(eg.reference.cats)) pipe.addLabel(label);
    return;
  }
  for (const label of checkedLabelList(pipe, labels)) pipe.addLabel(label);
}

/** The labels setting as a list of strings, or a TsnlpError naming the setting. */
export function checkedLabelList(pipe: LabelledPipe, labels: unknown): string[] {
  const list = Array.isArray(labels) ? labels : null;
  if (list === null || !list.every((label) => typeof label === "string" && label !== "")) {
    throw new TsnlpError("E_INIT_SETTINGS", `[initialize.components.${pipe.name}] labels must be a list of non-empty strings, not ${JSON.stringify(labels)}.`, {
      hint: 'Give labels = ["A", "B"], or a spacy.read_labels.v1 block reading the file `tsnlp init labels` wrote.',
    });
  }
  return list as string[];
}

/** Reject settings of [initialize.components.NAME] that the component does not take. */
export function unknownSettings(pipe: LabelledPipe, settings: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(settings).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  throw new TsnlpError(
    "E_INIT_SETTINGS",
    `[initialize.components.${pipe.name}] has ${unknown.length === 1 ? "a setting" : "settings"} that ${pipe.factory} does not take: ${quoted(unknown)}.`,
    { hint: `${pipe.factory} takes ${quoted(known)}; remove the others.` },
  );
}

/** A doc and its gold categories, for messages: `"I like it" (cats {"POS": 1})`. */
export function catsDescription(doc: Doc): string {
  const text = doc.text.length > 60 ? `${doc.text.slice(0, 57)}...` : doc.text;
  return `the doc ${JSON.stringify(text)} (cats ${JSON.stringify(doc.cats)})`;
}

function quoted(items: readonly string[]): string {
  return items.map((item) => `'${item}'`).join(", ");
}
