/**
 * The "Dependency Parsing" section (spacy/cli/debug_data.py, v3.5.4): sentence counts and
 * lengths, documents of one sentence (the parser then cannot learn to split texts),
 * non-projective trees, rare labels (before and after projectivizing), labels in one corpus
 * only, several root labels, and trees that projectivizing failed to fix. Where spaCy counts
 * non-projective dev trees after projectivizing (always 0), they are counted before here.
 */
import type { GoldStats } from "./gold-stats.js";
import type { CheckContext } from "./context.js";
import { fixed, formatLabelCounts } from "./format.js";
import type { SectionWriter } from "./report.js";
import type { ParserStats } from "./stats-parser.js";
import { DEP_LABEL_THRESHOLD } from "./thresholds.js";
import { DELIMITER } from "../../pipes/transition/nonproj.js";

/** The parse counts of a corpus, once the corpus counts carry them. */
export function parserStatsOf(stats: GoldStats): ParserStats | undefined {
  return (stats as GoldStats & { parser?: ParserStats }).parser;
}

export function checkParser(ctx: CheckContext, out: SectionWriter): void {
  const stats = parserStatsOf(ctx.train);
  if (!stats) return;
  const dev = parserStatsOf(ctx.dev);
  const corpus = ctx.train.corpus;
  let lowData = false;
  if (stats.nSents > 0) {
    out.info(`Found ${stats.nSents} sentence(s) with an average length of ${fixed(corpus.nWords / stats.nSents, 1)} words.`);
  } else {
    out.warn("Found no annotated sentences in the train data: no token has a dependency label.");
  }
  const sentsPerDoc = corpus.texts.size === 0 ? 0 : stats.nSents / corpus.texts.size;
  if (sentsPerDoc < 1.1) {
    out.warn(
      `The training data contains ${fixed(sentsPerDoc, 2)} sentences per document. When there are very few documents containing more than one sentence, the parser will not learn how to segment longer texts into sentences.`,
    );
  }
  if (stats.nNonproj > 0) out.info(`Found ${stats.nNonproj} nonprojective train sentence(s)`);
  if (dev && dev.nNonproj > 0) out.info(`Found ${dev.nNonproj} nonprojective dev sentence(s)`);
  out.info(`${stats.depsUnprojectivized.size} label(s) in train data`);
  out.info(`${stats.deps.size} label(s) in projectivized train data`);
  out.verbose(formatLabelCounts(stats.depsUnprojectivized.mostCommon()));
  for (const [label, count] of stats.depsUnprojectivized.entries()) {
    if (count > DEP_LABEL_THRESHOLD) continue;
    out.warn(`Low number of examples for label '${label}' (${count})`);
    lowData = true;
  }
  const rareDecorated = stats.deps.entries().filter(([label, count]) => count <= DEP_LABEL_THRESHOLD && label.includes(DELIMITER));
  if (rareDecorated.length > 0) {
    out.warn(
      `Low number of examples for ${rareDecorated.length} label(s) in the projectivized dependency trees used for training. You may want to projectivize labels such as punct before training in order to improve parser performance.`,
    );
    verboseWarn(out, "Projectivized labels with low numbers of examples: ", rareDecorated.map(([label, count]) => `${label}: ${count}`).join(", "));
    lowData = true;
  }
  if (dev) {
    const onlyTrain = stats.deps.keys().filter((label) => !dev.deps.has(label));
    if (onlyTrain.length > 0) verboseWarn(out, "The following labels were found only in the train data:", onlyTrain.join(", "));
    const onlyDev = dev.deps.keys().filter((label) => !stats.deps.has(label));
    if (onlyDev.length > 0) verboseWarn(out, "The following labels were found only in the dev data:", onlyDev.join(", "));
  }
  if (lowData) out.verbose(`To train a parser, your data should include at least ${DEP_LABEL_THRESHOLD} instances of each label.`);
  if (stats.roots.size > 1) {
    out.warn(
      `Multiple root labels (${stats.roots.keys().join(", ")}) found in training data. The parser uses a single root label ROOT so this distinction will not be available.`,
    );
  }
  if (stats.nNonprojProjectivized > 0) out.fail(`Found ${stats.nNonprojProjectivized} nonprojective projectivized train sentence(s)`);
  if (stats.nCycles > 0) out.fail(`Found ${stats.nCycles} projectivized train sentence(s) with cycles`);
}

/** A warning shown only with --verbose (spaCy's msg.warn(..., show=verbose)); it still counts. */
function verboseWarn(out: SectionWriter, title: string, text: string): void {
  out.section.entries.push({ kind: "message", level: "warn", title, text, verboseOnly: true });
}
