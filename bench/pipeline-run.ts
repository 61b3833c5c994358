/**
 * One task of the pipelines benchmark, in its own process so that its peak memory is its own:
 * convert the corpora, write the config `init config` makes, train, evaluate on test, and
 * print one JSON line of figures. Words/s for training is corpus words × epochs over the
 * process's CPU time (evaluations included), as ../shared/ANCHORS.md measures spaCy.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configToString } from "../src/config/load.js";
import { initConfig } from "../src/config/init-config.js";
import { implementBuiltins } from "../src/implementations.js";
import { registry } from "../src/registry/index.js";
import { DocBin } from "../src/tokens/docbin.js";
import { Vocab } from "../src/tokens/vocab.js";
import { convertFile } from "../src/training/convert.js";
import { evaluateModel } from "../src/training/evaluate.js";
import { train } from "../src/training/train.js";
import { writeFileAtomic } from "../src/util/io.js";
import { TASKS } from "./pipeline-tasks.js";

const task = TASKS.find((t) => t.name === process.argv[2]);
if (!task) throw new Error(`unknown task ${process.argv[2]}`);
implementBuiltins(registry);
const dir = mkdtempSync(join(tmpdir(), `tsnlp-bench-${task.name}-`));
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

async function convert(file: string, split: string): Promise<string> {
  const result = await convertFile(file, join(dir, split), task!.convert);
  const written = result.files[0]!.output;
  if (task!.entsToSpans) {
    const bin = DocBin.fromDisk(written);
    const out = new DocBin();
    for (const doc of bin.getDocs(new Vocab({ lang: "en" }))) {
      doc.spans.set(task!.entsToSpans, doc.ents);
      out.add(doc);
    }
    out.toDisk(written);
  }
  return written;
}

const train_ = await convert(task.files.train, "train");
const dev = await convert(task.files.dev, "dev");
const test = task.files.test === task.files.dev ? dev : await convert(task.files.test, "test");
const words = DocBin.fromDisk(train_).tokenCount;
const configPath = join(dir, "config.cfg");
writeFileAtomic(configPath, configToString(initConfig(registry, { lang: "en", pipeline: task.pipeline.split(",") }).config));
const cpuBefore = process.cpuUsage();
const result = await train(configPath, {
  output: join(dir, "out"),
  overrides: { "paths.train": train_, "paths.dev": dev, "training.max_steps": 0, "training.max_epochs": task.epochs, "system.seed": 0 },
  stdout: process.env.BENCH_VERBOSE ? process.stdout : quiet,
  stderr: quiet,
});
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const evaluated = await evaluateModel(join(dir, "out/model-best"), test);
const devBest = Math.max(...result.rows.map((row) => Number(row.otherScores[task.anchor.key] ?? 0)));
console.log(
  JSON.stringify({
    task: task.name,
    backend: result.backend.name,
    epochs: task.epochs,
    trainWords: words,
    devBest,
    test: evaluated.scores[task.anchor.key],
    more: Object.fromEntries(Object.keys(task.more ?? {}).map((key) => [key, evaluated.scores[key]])),
    trainWordsPerSecond: (words * task.epochs) / cpuSeconds,
    predictWordsPerSecond: evaluated.scores.speed,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuSeconds,
  }),
);
rmSync(dir, { recursive: true, force: true });
