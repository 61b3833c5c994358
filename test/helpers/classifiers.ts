/**
 * Small textcat, textcat_multilabel and spancat pipelines and toy corpora for the classifier
 * tests: models as small as will learn the data, so that each test file runs in seconds.
 */
import { strict as assert } from "node:assert";
import { parseConfig } from "../../src/config/load.js";
import type { Section } from "../../src/config/tree.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { withScope } from "../../src/ml/model.js";
import { tf } from "../../src/ml/tf.js";
import type { Floats2d } from "../../src/ml/types.js";
import { registerClassifierFactories } from "../../src/pipes/register-classifiers.js";
import type { TextCategorizer } from "../../src/pipes/textcat.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";
import { Span } from "../../src/tokens/span.js";
import type { Vocab } from "../../src/tokens/vocab.js";

implementBuiltins(registry);
registerClassifierFactories(registry);

const OPTIMIZER = `
[training]

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01
`;

/** textcat (or textcat_multilabel) over a TextCatBOW.v2: hashed unigrams into one sparse linear layer. */
export function bowConfig(factory: "textcat" | "textcat_multilabel", architecture = "spacy.TextCatBOW.v2"): string {
  return `
[nlp]
lang = "en"
pipeline = ["${factory}"]

[components]

[components.${factory}]
factory = "${factory}"

[components.${factory}.model]
@architectures = "${architecture}"
exclusive_classes = ${factory === "textcat"}
ngram_size = 1
no_output_layer = false
${OPTIMIZER}`;
}

const TINY_TOK2VEC = (path: string, width = 16) => `
[${path}]
@architectures = "spacy.Tok2Vec.v2"

[${path}.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [200,50,100,50]
include_static_vectors = false

[${path}.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = ${width}
depth = 1
window_size = 1
maxout_pieces = 2
`;

/** textcat over the default architecture, TextCatEnsemble.v2, with a tiny tok2vec. */
export const TEXTCAT_ENSEMBLE_CONFIG = `
[nlp]
lang = "en"
pipeline = ["textcat"]

[components]

[components.textcat]
factory = "textcat"

[components.textcat.model]
@architectures = "spacy.TextCatEnsemble.v2"
${TINY_TOK2VEC("components.textcat.model.tok2vec")}
[components.textcat.model.linear_model]
@architectures = "spacy.TextCatBOW.v2"
exclusive_classes = true
ngram_size = 1
no_output_layer = false
${OPTIMIZER}`;

/** spancat (Logistic scores) or spancat_singlelabel (Softmax with a negative class) on a tiny tok2vec. */
export function spancatConfig(factory: "spancat" | "spancat_singlelabel", extra = ""): string {
  const scorer = factory === "spancat" ? "spacy.LinearLogistic.v1" : "Softmax.v2";
  return `
[nlp]
lang = "en"
pipeline = ["${factory}"]

[components]

[components.${factory}]
factory = "${factory}"
spans_key = "sc"
${extra}

[components.${factory}.suggester]
@misc = "spacy.ngram_suggester.v1"
sizes = [1, 2]

[components.${factory}.model]
@architectures = "spacy.SpanCategorizer.v1"

[components.${factory}.model.reducer]
@layers = "spacy.mean_max_reducer.v1"
hidden_size = 16

[components.${factory}.model.scorer]
@layers = "${scorer}"
${TINY_TOK2VEC(`components.${factory}.model.tok2vec`)}
${OPTIMIZER}`;
}

export function pipelineFrom(config: string): Language {
  return Language.fromConfig(configSection(config));
}

export function configSection(config: string): Section {
  return parseConfig(config).tree;
}

/** Three exclusive topics, three docs each. */
export const TOPICS: ReadonlyArray<readonly [string, string]> = [
  ["The team won the match", "SPORT"],
  ["She scored a goal", "SPORT"],
  ["The players trained hard", "SPORT"],
  ["The soup was delicious", "FOOD"],
  ["He cooked pasta tonight", "FOOD"],
  ["We ate fresh bread", "FOOD"],
  ["It rained all day", "WEATHER"],
  ["The sun is shining", "WEATHER"],
  ["Snow fell overnight", "WEATHER"],
];

export const TOPIC_LABELS = ["SPORT", "FOOD", "WEATHER"];

/** Examples whose gold cats give 1 to the doc's topic and 0 to the others. */
export function topicExamples(nlp: Language, items: ReadonlyArray<readonly [string, string]> = TOPICS): Example[] {
  return items.map(([text, topic]) => catsExample(nlp, text, Object.fromEntries(TOPIC_LABELS.map((label) => [label, label === topic ? 1 : 0]))));
}

/** Docs with any number of the labels FOOD and SPORT; the last one says nothing of SPORT. */
export const MULTI: ReadonlyArray<readonly [string, Record<string, number>]> = [
  ["The team ate pizza after the match", { FOOD: 1, SPORT: 1 }],
  ["She scored a goal", { FOOD: 0, SPORT: 1 }],
  ["We ate fresh bread", { FOOD: 1, SPORT: 0 }],
  ["It rained all day", { FOOD: 0, SPORT: 0 }],
  ["He cooked pasta and watched the game", { FOOD: 1, SPORT: 1 }],
  ["The sun is shining", { FOOD: 0, SPORT: 0 }],
  ["The players trained hard", { FOOD: 0, SPORT: 1 }],
  ["The soup was delicious", { FOOD: 1 }],
];

export function multiExamples(nlp: Language): Example[] {
  return MULTI.map(([text, cats]) => catsExample(nlp, text, cats));
}

export function catsExample(nlp: Language, text: string, cats: Record<string, number>): Example {
  const reference = nlp.makeDoc(text);
  reference.cats = { ...cats };
  return new Example(nlp.makeDoc(text), reference);
}

/** Sentences with spans [start, end, label]; "ITEM" overlaps a COLOR and a FRUIT. */
export const SPANS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [number, number, string]>]> = [
  [
    "I like green apples .",
    [
      [2, 3, "COLOR"],
      [3, 4, "FRUIT"],
      [2, 4, "ITEM"],
    ],
  ],
  [
    "She eats red cherries .",
    [
      [2, 3, "COLOR"],
      [3, 4, "FRUIT"],
      [2, 4, "ITEM"],
    ],
  ],
  [
    "We buy yellow bananas .",
    [
      [2, 3, "COLOR"],
      [3, 4, "FRUIT"],
      [2, 4, "ITEM"],
    ],
  ],
  ["He sells blue boxes .", [[2, 3, "COLOR"]]],
  ["They want plums now .", [[2, 3, "FRUIT"]]],
  ["You see a dog .", []],
];

/** The same sentences with their span groups under "sc"; `labels` keeps only some labels. */
export function spanExamples(nlp: Language, labels?: readonly string[]): Example[] {
  return SPANS.map(([text, spans]) => {
    const reference = nlp.makeDoc(text);
    reference.spans.set(
      "sc",
      spans.filter(([, , label]) => labels === undefined || labels.includes(label)).map(([start, end, label]) => new Span(reference, start, end, { label })),
    );
    return new Example(nlp.makeDoc(text), reference);
  });
}

/** A doc's span group as sorted "start:end:label" strings. */
export function spanKeys(doc: Doc, key = "sc"): string[] {
  return [...(doc.spans.get(key) ?? [])].map((span) => `${span.start}:${span.end}:${span.label}`).sort();
}

/** Train a pipeline on examples for some steps; the losses of the named component, step by step. */
export function trainSteps(nlp: Language, examples: Example[], steps: number, component: string): number[] {
  const optimizer = nlp.initialize(() => examples);
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const stepLosses: Record<string, number> = {};
    nlp.update(examples, { sgd: optimizer, losses: stepLosses });
    losses.push(stepLosses[component] ?? Number.NaN);
  }
  return losses;
}

/** The examples spaCy's get_loss was given for the golden numbers below. */
export function goldenLossExamples(vocab: Vocab): Example[] {
  const items: Array<[string[], Record<string, number>]> = [
    [["one", "two"], { A: 1, B: 0, C: 0 }],
    [["three"], { B: 1 }],
    [["four", "five", "six"], { A: 0, B: 0, C: 1 }],
  ];
  return items.map(([words, cats]) => {
    const reference = new Doc(vocab, { words });
    reference.cats = cats;
    return new Example(new Doc(vocab, { words }), reference);
  });
}

/** spaCy's test pattern for scores: ((i * 7 + j * 3) % 10) / 10 + 0.05. */
export function goldenLoss(pipe: TextCategorizer, examples: Example[]): [number, number[]] {
  return withScope(() => {
    const values = Float32Array.from({ length: 9 }, (_, k) => ((Math.floor(k / 3) * 7 + (k % 3) * 3) % 10) / 10 + 0.05);
    const [loss, gradient] = pipe.getLoss(examples, tf.tensor2d(values, [3, 3]) as Floats2d);
    return [loss, Array.from(gradient.dataSync())];
  });
}

export function assertClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(actual[i]! - expected[i]!) < 1e-6, `[${i}]: ${actual[i]} vs ${expected[i]}`);
}
