/**
 * The text categorizer for independent categories (spaCy's MultiLabel_TextCategorizer,
 * spacy/pipeline/textcat_multilabel.py, v3.5.4): zero, one or several categories per doc.
 * A label missing from a doc's gold cats is unknown, so it gets no gradient; any number of
 * true categories is allowed, but each value must be 0 or 1.
 */
import type { AnyModel } from "../ml/model.js";
import type { Example } from "../tokens/example.js";
import type { Vocab } from "../tokens/vocab.js";
import type { InitializeOptions } from "./pipe.js";
import { firstExamples } from "./tagger.js";
import { TextCategorizer, type TextcatSettings } from "./textcat.js";
import { initializeLabels, unknownSettings } from "./textcat-labels.js";

/** Examples spaCy validates at initialization. */
const INIT_SAMPLE = 10;

export class MultiLabelTextCategorizer extends TextCategorizer {
  constructor(vocab: Vocab, model: AnyModel, name = "textcat_multilabel", settings: TextcatSettings = {}) {
    super(vocab, model, name, settings, "textcat_multilabel");
    // spaCy's cfg for this component has no positive_label.
    this.cfg = { labels: [], threshold: settings.threshold ?? 0.5 };
  }

  override get supportsMissingValues(): boolean {
    return true;
  }

  override initialize(getExamples: () => Iterable<Example>, options: InitializeOptions): void {
    unknownSettings(this, options.settings ?? {}, ["labels"]);
    initializeLabels(this, getExamples, options.labels);
    this.validateCategories(firstExamples(getExamples(), INIT_SAMPLE));
    this.initializeModel(getExamples);
  }

  /** Any number of true categories; only the values are checked. */
  protected override validateCategories(examples: Iterable<Example>): void {
    for (const eg of examples) this.checkCatValues(eg);
  }
}
