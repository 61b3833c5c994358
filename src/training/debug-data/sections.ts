/**
 * The per-component sections of debug data, in spaCy's order. Each names the kind of
 * annotation it reads (kinds.ts says which factories train on it) and the check that writes
 * it. A new analysis is one entry here, with its stats-*.ts collector in gold-stats.ts.
 */
import { checkMorphologizer } from "./check-morph.js";
import { checkNer } from "./check-ner.js";
import { checkParser } from "./check-parser.js";
import { notCheckedYet } from "./check-pending.js";
import { checkSpancat } from "./check-spancat.js";
import { checkTagger } from "./check-tagger.js";
import { checkTextcat, checkTextcatMultilabel } from "./check-textcat.js";
import type { CheckContext } from "./context.js";
import type { DataKind } from "./kinds.js";
import type { SectionWriter } from "./report.js";

export interface ComponentSection {
  title: string;
  kind: DataKind;
  check: (ctx: CheckContext, out: SectionWriter) => void;
}

export const COMPONENT_SECTIONS: readonly ComponentSection[] = [
  { title: "Span Categorization", kind: "spancat", check: checkSpancat },
  { title: "Named Entity Recognition", kind: "ner", check: checkNer },
  { title: "Text Classification (Exclusive Classes)", kind: "textcat", check: checkTextcat },
  { title: "Text Classification (Multilabel)", kind: "textcat_multilabel", check: checkTextcatMultilabel },
  { title: "Part-of-speech Tagging", kind: "tagger", check: checkTagger },
  { title: "Morphologizer (POS+Morph)", kind: "morphologizer", check: checkMorphologizer },
  { title: "Dependency Parsing", kind: "parser", check: checkParser },
  { title: "Trainable Lemmatizer", kind: "lemmatizer", check: notCheckedYet("lemmas") },
];
