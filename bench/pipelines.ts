/**
 * Full training runs on the shared corpora, next to spaCy 3.5.4's figures in
 * ../shared/ANCHORS.md: dev and test score, training words/s, prediction words/s, peak RSS.
 * Each task runs in its own process (bench/pipeline-run.ts). This takes a long time (tens of
 * minutes per task on 2 cores), so `npm run bench` leaves it out: run
 * `npm run bench -- pipelines`, with BENCH_PIPELINES=tagger,ner to choose tasks.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DATA, TASKS } from "./pipeline-tasks.js";

interface Figures {
  task: string;
  backend: string;
  epochs: number;
  trainWords: number;
  devBest: number;
  test: number;
  more: Record<string, number>;
  trainWordsPerSecond: number;
  predictWordsPerSecond: number;
  peakRssMb: number;
}

export default async function run(): Promise<void> {
  console.log("\npipelines: full training runs with the configs `init config` writes, against spaCy 3.5.4 (../shared/ANCHORS.md)");
  if (!existsSync(DATA)) {
    console.log("  skipped: ../shared/data is not beside the checkout");
    return;
  }
  const chosen = (process.env.BENCH_PIPELINES ?? TASKS.map((t) => t.name).join(",")).split(",");
  for (const task of TASKS.filter((t) => chosen.includes(t.name))) {
    const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "pipeline-run.ts"), task.name], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const line = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || !line.startsWith("{")) {
      console.log(`  ${task.name}: failed (exit ${child.status})`);
      continue;
    }
    const f = JSON.parse(line) as Figures;
    const a = task.anchor;
    const pct = (x: number) => (x * 100).toFixed(2);
    console.log(`  ${task.name} (${f.epochs} epochs, ${f.trainWords} training words, ${f.backend}):`);
    console.log(`    ${a.key}: dev best ${pct(f.devBest)}, test ${pct(f.test)}   (spaCy test ${pct(a.spacyTest)})`);
    for (const [key, spacy] of Object.entries(task.more ?? {})) console.log(`    ${key}: test ${pct(f.more[key] ?? 0)}   (spaCy ${pct(spacy)})`);
    console.log(`    training ${Math.round(f.trainWordsPerSecond)} words/s of CPU time   (spaCy ~${a.spacyWordsPerSecond}; ratio ${(f.trainWordsPerSecond / a.spacyWordsPerSecond).toFixed(2)})`);
    const spacyPredict = a.spacyPredictWordsPerSecond ? `   (spaCy ${a.spacyPredictWordsPerSecond})` : "";
    console.log(`    prediction ${Math.round(f.predictWordsPerSecond)} words/s${spacyPredict}`);
    console.log(`    peak RSS ${Math.round(f.peakRssMb)} MB   (spaCy ${a.spacyRssMb} MB)`);
  }
}
