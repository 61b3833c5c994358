/**
 * The English lemmatizer (spaCy's EnglishLemmatizer, spacy/lang/en/lemmatizer.py, v3.5.4):
 * the rule-based lemmatizer that leaves base forms alone, telling them by POS and morphology
 * (a singular noun, an infinitive, a positive adjective...). It is the "lemmatizer" factory of
 * English pipelines ("en.lemmatizer", mode "rule" by default).
 *
 * Its tables are those of any lemmatizer of an English pipeline: tsnlp's small English rule
 * tables (src/lang/en/lemma-rules.ts) unless [initialize.components.NAME] lookups gives others.
 */
import type { Token } from "../tokens/token.js";
import { Lemmatizer } from "./lemmatizer.js";

export class EnglishLemmatizer extends Lemmatizer {
  override isBaseForm(token: Token): boolean {
    const pos = token.pos.toLowerCase();
    const morph = token.morphFeatures;
    if (pos === "noun" && morph.Number === "Sing") return true;
    if (pos === "verb" && morph.VerbForm === "Inf") return true;
    // A present-tense finite verb without Number is a VBP: the base form.
    if (pos === "verb" && morph.VerbForm === "Fin" && morph.Tense === "Pres" && morph.Number === undefined) return true;
    if (pos === "adj" && morph.Degree === "Pos") return true;
    return morph.VerbForm === "Inf" || morph.VerbForm === "None" || morph.Degree === "Pos";
  }
}
