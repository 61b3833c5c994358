/**
 * The JSONL training log of ConsoleLogger.v2 / v3: one line per evaluation with spaCy's
 * fields (epoch, step, losses, scores, score), the scores as the table shows them (times 100
 * except speed). Each line is written straight away, so a crashed run keeps its log.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { jsonFloat, jsonObject } from "./format.js";
import type { TrainingInfo } from "./types.js";

export interface LogFile {
  writeStep(info: TrainingInfo, trainableNames: readonly string[], scores: ReadonlyMap<string, number | null>): void;
  close(): void;
}

export function openLogFile(path: string): LogFile {
  let fd: number | null = openSync(path, "w");
  return {
    writeStep(info, trainableNames, scores) {
      if (fd === null) return;
      writeSync(fd, `${logLine(info, trainableNames, scores)}\n`);
    },
    close() {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** One line of the log, spelled as srsly.json_dumps spells it. */
export function logLine(info: TrainingInfo, trainableNames: readonly string[], scores: ReadonlyMap<string, number | null>): string {
  const losses = jsonObject(trainableNames.map((name) => [name, jsonFloat(info.losses[name] ?? 0)] as const));
  const scoreFields = jsonObject([...scores].map(([column, score]) => [column, score === null ? "null" : jsonFloat(score)] as const));
  return jsonObject([
    ["epoch", JSON.stringify(info.epoch)],
    ["step", JSON.stringify(info.step)],
    ["losses", losses],
    ["scores", scoreFields],
    ["score", jsonFloat(info.score)],
  ]);
}
