import type { ScoreValue as PipeScoreValue } from "../pipes/pipe.js";
import type { Example } from "../tokens/example.js";

/**
 * A score as spaCy's scorers return it: a number, null when undefined, a table of them, or a
 * line of text (cats_score_desc says which score cats_score is).
 */
export type ScoreValue = PipeScoreValue | string | { [key: string]: ScoreValue };
export type Scores = Record<string, ScoreValue>;

/**
 * What a registered scorer builds (spaCy's make_*_scorer() result): the component passes its
 * settings in `options` under spaCy's names (labels, threshold, spans_key, ...).
 */
export type ScorerFn = (examples: readonly Example[], options?: Record<string, unknown>) => Scores;
