/**
 * Language.evaluate (spacy/language.py, v3.5.4): run the pipeline over blank copies of the
 * examples' predicted docs, then score tokenization and every component; `speed` is words per
 * second over tokenization and the pipeline together.
 */
import { scoreTokenization } from "../scorer/index.js";
import type { Language } from "../language.js";
import type { Scores } from "../pipes/pipe.js";
import { Example } from "../tokens/example.js";

export interface EvaluateOptions {
  batchSize?: number;
  /** Scores under each component's name instead of one flat table. */
  perComponent?: boolean;
  /** Options passed to every component's scorer. */
  scorerOptions?: Record<string, unknown>;
}

export function evaluatePipeline(nlp: Language, given: readonly Example[], options: EvaluateOptions = {}): Scores {
  // Copies, as spaCy's _copy_examples: the caller's examples stay as they were, and the
  // predicted docs keep the annotation the reader gave them (input some components need).
  const examples = given.map((eg) => new Example(eg.predicted.copy(), eg.reference.copy(), { alignment: eg.alignment }));
  const start = performance.now();
  // Tokenizing the reference texts counts in the speed, as spaCy times it.
  for (const eg of examples) nlp.makeDoc(eg.reference.text);
  const docs = nlp.pipe(
    examples.map((eg) => eg.predicted),
    { batchSize: options.batchSize },
  );
  let i = 0;
  for (const doc of docs) examples[i++]!.predicted = doc;
  const seconds = (performance.now() - start) / 1000;
  const scores: Scores = { ...scoreTokenization(examples) };
  for (const [name, component] of nlp.pipeline) {
    const componentScores = component.score(examples, options.scorerOptions ?? {});
    if (options.perComponent) scores[name] = componentScores;
    else Object.assign(scores, componentScores);
  }
  const words = examples.reduce((sum, eg) => sum + eg.predicted.length, 0);
  scores.speed = seconds > 0 ? words / seconds : null;
  return scores;
}
