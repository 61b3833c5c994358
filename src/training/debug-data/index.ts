/**
 * `tsnlp debug data` as a library function (spacy/cli/debug_data.py, v3.5.4): read the config
 * and both corpora, check that the pipeline initializes on the training data, count what the
 * data holds for each kind of component, and report spaCy's checks (✔ passed, ⚠ warnings,
 * ✘ errors) section by section. The command prints the report and exits 1 on errors.
 *
 * Stages, one file each: setup.ts (config and pipeline), corpora.ts (reading), gold-stats.ts
 * with the stats-*.ts collectors (counting), the check-*.ts files listed in sections.ts
 * (judging), print.ts (printing).
 */
import { implementBuiltins } from "../../implementations.js";
import type { Overrides } from "../../config/overrides.js";
import { loadCode, registry as globalRegistry, type Registry } from "../../registry/index.js";
import { checkTrainingStats, checkVocab } from "./check-training.js";
import type { CheckContext } from "./context.js";
import { readCorpusAt } from "./corpora.js";
import { compileGold } from "./gold-stats.js";
import { checkInitialization } from "./initialize-check.js";
import { kindsOf } from "./kinds.js";
import { type DebugDataReport, ReportBuilder } from "./report.js";
import { COMPONENT_SECTIONS } from "./sections.js";
import { setUpDebugData } from "./setup.js";

export interface DebugDataOptions {
  /** `--section.key value` overrides, applied before the config is filled. */
  overrides?: Overrides;
  /** Files that register functions or components (--code). */
  code?: readonly string[];
  registry?: Registry;
}

export async function debugData(configPath: string, options: DebugDataOptions = {}): Promise<DebugDataReport> {
  const registry = implementBuiltins(options.registry ?? globalRegistry);
  for (const file of options.code ?? []) await loadCode(file, registry);
  const setup = setUpDebugData(configPath, { overrides: options.overrides, registry });
  const report = new ReportBuilder();
  const validation = report.section("Data file validation");
  const corpora = [
    { what: "training", path: setup.trainCorpus, read: await readCorpusAt(setup.resolved, setup.trainCorpus, registry, setup.nlp) },
    { what: "evaluation", path: setup.devCorpus, read: await readCorpusAt(setup.resolved, setup.devCorpus, registry, setup.nlp) },
  ];
  const [train, dev] = corpora.map((corpus) => corpus.read);
  if (!train?.ok || !dev?.ok) {
    for (const { what, path, read } of corpora) {
      if (!read.ok) validation.fail(`Can't load the ${what} corpus (${path}): ${read.error.message}`, read.error.hint);
    }
    return report.build();
  }
  const initialized = await checkInitialization(setup, train.examples, validation);
  validation.good("Corpus is loadable");
  const kinds = kindsOf(setup.components.map((component) => component.factory));
  const ctx: CheckContext = { setup, train: compileGold(train.examples, kinds), dev: compileGold(dev.examples, kinds), initialized };
  checkTrainingStats(ctx, report);
  checkVocab(ctx, report);
  // Without training docs every count below is empty: the errors above say what to fix.
  if (train.examples.length === 0) return report.build();
  for (const section of COMPONENT_SECTIONS) {
    if (kinds.has(section.kind)) section.check(ctx, report.section(section.title));
  }
  return report.build();
}

export type { DebugDataReport, Entry, Message, MessageLevel, ReportSection, SummaryCounts, Table } from "./report.js";
export { hasErrors, messagesAt } from "./report.js";
export { printReport, type PrintOptions } from "./print.js";
