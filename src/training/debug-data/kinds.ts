/**
 * The kinds of annotation debug data analyses, and the factories that train on each. spaCy
 * 3.5.4 looks for the factory names alone; the beam variants and spancat_singlelabel read the
 * same annotation, so they count too (spaCy's later versions add spancat_singlelabel).
 */
export type DataKind = "ner" | "spancat" | "textcat" | "textcat_multilabel" | "tagger" | "morphologizer" | "parser" | "lemmatizer";

export const KIND_FACTORIES: Readonly<Record<DataKind, readonly string[]>> = {
  spancat: ["spancat", "spancat_singlelabel"],
  ner: ["ner", "beam_ner"],
  textcat: ["textcat"],
  textcat_multilabel: ["textcat_multilabel"],
  tagger: ["tagger"],
  morphologizer: ["morphologizer"],
  parser: ["parser", "beam_parser"],
  lemmatizer: ["trainable_lemmatizer"],
};

/** The kinds that some of these factories train. */
export function kindsOf(factories: Iterable<string | null>): Set<DataKind> {
  const present = new Set(factories);
  const kinds = new Set<DataKind>();
  for (const [kind, names] of Object.entries(KIND_FACTORIES) as Array<[DataKind, readonly string[]]>) {
    if (names.some((name) => present.has(name))) kinds.add(kind);
  }
  return kinds;
}
