/**
 * All counts for one corpus in one place (spaCy's _compile_gold): the corpus-wide ones, and
 * those of each kind of annotation the pipeline trains on. Kinds without a collector yet
 * (parsing, morphology, lemmas) get none; see sections.ts.
 */
import type { Example } from "../../tokens/example.js";
import type { DataKind } from "./kinds.js";
import { type CorpusStats, collectCorpusStats } from "./stats-corpus.js";
import { collectMorphStats, type MorphStats } from "./stats-morph.js";
import { collectNerStats, type NerStats } from "./stats-ner.js";
import { collectParserStats, type ParserStats } from "./stats-parser.js";
import { collectSpancatStats, type SpancatStats } from "./stats-spancat.js";
import { collectTaggerStats, type TaggerStats } from "./stats-tagger.js";
import { collectTextcatStats, type TextcatStats } from "./stats-textcat.js";

export interface GoldStats {
  corpus: CorpusStats;
  ner?: NerStats;
  spancat?: SpancatStats;
  textcat?: TextcatStats;
  tagger?: TaggerStats;
  morphologizer?: MorphStats;
  parser?: ParserStats;
}

export function compileGold(examples: readonly Example[], kinds: ReadonlySet<DataKind>): GoldStats {
  const stats: GoldStats = { corpus: collectCorpusStats(examples) };
  if (kinds.has("ner")) stats.ner = collectNerStats(examples);
  if (kinds.has("spancat")) stats.spancat = collectSpancatStats(examples);
  if (kinds.has("textcat") || kinds.has("textcat_multilabel")) stats.textcat = collectTextcatStats(examples);
  if (kinds.has("tagger")) stats.tagger = collectTaggerStats(examples);
  if (kinds.has("morphologizer")) stats.morphologizer = collectMorphStats(examples);
  if (kinds.has("parser")) stats.parser = collectParserStats(examples);
  return stats;
}
