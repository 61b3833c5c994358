/** The score types the scorers share with the pipeline components. */
export type { ScoreValue, ScorerFn, Scores } from "../pipes/pipe.js";
