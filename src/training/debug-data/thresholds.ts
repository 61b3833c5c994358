/**
 * The numbers behind debug data's warnings: spaCy's own (spacy/cli/debug_data.py, v3.5.4), and
 * one for the class-imbalance check that tsnlp adds.
 */

/** A label with this many examples or fewer is "low"; spaCy asks for more to train a new label. */
export const NEW_LABEL_THRESHOLD = 50;
/** The same for dependency labels. */
export const DEP_LABEL_THRESHOLD = 20;
/** Fewer training examples than this is an error for a pipeline trained from scratch... */
export const BLANK_MODEL_MIN_THRESHOLD = 100;
/** ...and fewer than this a warning. */
export const BLANK_MODEL_THRESHOLD = 2000;
/** Weighted span distinctiveness (KL divergence from the corpus) under which spans look like any other text. */
export const SPAN_DISTINCT_THRESHOLD = 1;
/** The same for the tokens just outside the spans. */
export const BOUNDARY_DISTINCT_THRESHOLD = 1;
/** The span lengths reported are the most common ones that together cover this percentage of spans. */
export const SPAN_LENGTH_THRESHOLD_PERCENTAGE = 90;
/** tsnlp: a text-classification label this many times rarer than the most common label is a class imbalance. */
export const CLASS_IMBALANCE_RATIO = 10;
