/**
 * spaCy's console loggers (spacy/training/loggers.py in 3.5.4 for v2 and v3, spacy-legacy's
 * spacy_legacy/loggers.py for v1): a table row per evaluation, an optional progress bar, and
 * for v2 / v3 an optional JSONL log file.
 *
 * The table is spaCy's, character for character, plus one column of tsnlp's own: WORDS/S
 * (training words per second, rounded), placed just before SCORE so that SCORE stays last.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import chalk, { Chalk, type ChalkInstance } from "chalk";
import { TsnlpError } from "../../util/errors.js";
import { type Align, pyFixed, setupTable, tableRow } from "./format.js";
import { openLogFile } from "./log-file.js";
import { type StepProgress, startStepProgress } from "./progress.js";
import type { LoggerContext, LoggerSetup, TrainingInfo } from "./types.js";

export type ProgressBarKind = "train" | "eval";

export interface ConsoleLoggerOptions {
  /** "train": steps until max_steps; "eval": steps until the next evaluation; null: no bar. */
  progressBar?: ProgressBarKind | null;
  /** Print the table on stdout. */
  consoleOutput?: boolean;
  /** Also write one JSON line per evaluation to this file; null for none. */
  outputFile?: string | null;
}

const PROGRESS_KINDS: readonly ProgressBarKind[] = ["train", "eval"];
const SPACING = 2;
const WORDS_PER_SECOND_COLUMN = "Words/s";

/** spacy.ConsoleLogger.v3. */
export function consoleLoggerV3(options: ConsoleLoggerOptions = {}): LoggerSetup {
  const progressBar = options.progressBar ?? null;
  const consoleOutput = options.consoleOutput ?? true;
  let outputFile = options.outputFile ?? null;
  if (progressBar !== null && !PROGRESS_KINDS.includes(progressBar)) {
    throw new TsnlpError("E_LOGGER_PROGRESS_BAR", `Got '${progressBar}' as console progress bar type, but expected one of the following: train, eval.`, {
      hint: 'Set progress_bar to "train", "eval" or null in [training.logger].',
    });
  }
  // Like spaCy, decide when the logger is built (as the config is resolved) whether an older log would be overwritten.
  const logExists = outputFile !== null && outputFile !== "" && existsSync(outputFile);
  if (outputFile && !logExists) mkdirSync(dirname(outputFile), { recursive: true });
  if (outputFile === "") outputFile = null;

  return (ctx: LoggerContext, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr) => {
    const write = (text: string) => stdout.write(`${text}\n`);
    const color = colorFor(stdout);
    let logFile: ReturnType<typeof openLogFile> | null = null;
    if (logExists) {
      write(color.yellow(`⚠ Saving logs is disabled because ${outputFile} already exists.`));
    } else if (outputFile) {
      write(color.blue(`ℹ Saving results to ${outputFile}`));
      logFile = openLogFile(outputFile);
    }

    const table = trainingTable(ctx);
    if (consoleOutput) {
      write(tableRow(table.header, table.widths, SPACING));
      write(
        tableRow(
          table.widths.map((width) => "-".repeat(width)),
          table.widths,
          SPACING,
        ),
      );
    }

    let progress: StepProgress | null = null;
    return {
      logStep(info: TrainingInfo | null): void {
        if (info === null) {
          progress?.increment();
          return;
        }
        const scores = scoreValues(ctx, info);
        logFile?.writeStep(info, ctx.trainableNames, scores);
        progress?.close();
        progress = null;
        if (!consoleOutput) return;
        write(tableRow(table.row(info, scores), table.widths, SPACING, table.aligns));
        if (progressBar === "train") {
          progress = startStepProgress(stderr, { total: ctx.maxSteps, initial: info.step, description: `Last Eval Epoch: ${info.epoch}` });
        } else if (progressBar === "eval") {
          progress = startStepProgress(stderr, { total: ctx.evalFrequency, initial: 0, description: `Epoch ${info.epoch + 1}` });
        }
      },
      finalize(): void {
        progress?.close();
        progress = null;
        logFile?.close();
        logFile = null;
      },
    };
  };
}

/** spacy.ConsoleLogger.v2: v3 with a yes/no progress bar, which counts to the next evaluation. */
export function consoleLoggerV2(options: { progressBar?: boolean; consoleOutput?: boolean; outputFile?: string | null } = {}): LoggerSetup {
  return consoleLoggerV3({ progressBar: options.progressBar ? "eval" : null, consoleOutput: options.consoleOutput, outputFile: options.outputFile });
}

/** spacy.ConsoleLogger.v1 (spacy-legacy): the table and an optional progress bar, no log file. */
export function consoleLoggerV1(options: { progressBar?: boolean } = {}): LoggerSetup {
  return consoleLoggerV3({ progressBar: options.progressBar ? "eval" : null, consoleOutput: true, outputFile: null });
}

/** The columns spaCy logs: components with a loss, then each score whose weight is not null. */
export function scoreColumns(scoreWeights: Record<string, number | null>): string[] {
  return Object.entries(scoreWeights)
    .filter(([, weight]) => weight !== null && weight !== undefined)
    .map(([column]) => column);
}

interface TrainingTable {
  header: string[];
  widths: number[];
  aligns: Align[];
  row(info: TrainingInfo, scores: Map<string, number | null>): string[];
}

function trainingTable(ctx: LoggerContext): TrainingTable {
  const lossColumns = ctx.trainableNames.map((name) => `Loss ${name}`);
  const columns = scoreColumns(ctx.scoreWeights);
  const { header, widths } = setupTable(
    ["E", "#", ...lossColumns, ...columns, WORDS_PER_SECOND_COLUMN, "Score"],
    [3, 6, ...lossColumns.map(() => 8), ...columns.map(() => 6), WORDS_PER_SECOND_COLUMN.length, 6],
  );
  return {
    header,
    widths,
    aligns: widths.map(() => "r"),
    row: (info, scores) => [
      String(info.epoch),
      String(info.step),
      ...ctx.trainableNames.map((name) => pyFixed(info.losses[name] ?? 0, 2)),
      ...[...scores.values()].map((score) => (score === null ? "-" : pyFixed(score, 2))),
      formatWordsPerSecond(info),
      pyFixed(info.score, 2),
    ],
  };
}

/**
 * Each score column's value as the table shows it: times 100 except "speed", 0 when the
 * evaluation has no such key (spaCy's default). spaCy fails on a null, which tsnlp shows as "-".
 */
export function scoreValues(ctx: LoggerContext, info: TrainingInfo): Map<string, number | null> {
  const values = new Map<string, number | null>();
  for (const column of scoreColumns(ctx.scoreWeights)) {
    const raw = column in info.otherScores ? info.otherScores[column] : 0.0;
    if (raw === null || raw === undefined) {
      values.set(column, null);
      continue;
    }
    const score = asFloat(raw);
    if (score === null) {
      throw new TsnlpError("E_LOGGER_SCORE_TYPE", `Can't log score for '${column}' in table: not a valid score (${describeType(raw)}).`, {
        hint: `Give '${column}' a weight of null in [training.score_weights] so that it gets no column, or make its scorer return a number.`,
      });
    }
    values.set(column, column === "speed" ? score : score * 100);
  }
  return values;
}

/** Python's float() on the values a scorer may return: numbers, booleans and numeric strings. */
function asFloat(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

function describeType(value: unknown): string {
  if (Array.isArray(value)) return "list";
  if (typeof value === "object" && value !== null) return "a table of scores";
  return typeof value;
}

function formatWordsPerSecond(info: TrainingInfo): string {
  const rate = info.wordsPerSecond ?? (info.seconds > 0 ? info.words / info.seconds : Number.NaN);
  return Number.isFinite(rate) ? String(Math.round(rate)) : "-";
}

/** Color only on a terminal, and never with NO_COLOR or after --no-color turned chalk off. */
function colorFor(stream: NodeJS.WritableStream): ChalkInstance {
  const terminal = (stream as { isTTY?: boolean }).isTTY === true && process.env.NO_COLOR === undefined;
  return new Chalk({ level: terminal ? chalk.level : 0 });
}
