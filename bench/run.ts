/**
 * Benchmarks print figures; tests check behaviour. Each benchmark reports the median of
 * several runs. Run with `npm run bench`.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function timeCommand(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [join(root, "bin/run.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`tsnlp ${args.join(" ")} failed:\n${result.stderr}`);
    times.push(elapsed);
  }
  return times;
}

const runs = Number(process.env.BENCH_RUNS ?? 9);
const cases: Array<[string, string[]]> = [
  ["tsnlp --help", ["--help"]],
  ["tsnlp init config - --pipeline tagger,parser,ner", ["init", "config", "-", "--pipeline", "tagger,parser,ner"]],
  ["tsnlp debug config examples/base_tagger.cfg", ["debug", "config", "examples/base_tagger.cfg"]],
];
console.log(`CLI start-up and config commands, ${runs} runs each (node ${process.version}, ${process.platform}-${process.arch})`);
for (const [label, args] of cases) {
  const times = timeCommand(args, runs);
  console.log(`${label.padEnd(52)} median ${median(times).toFixed(0).padStart(5)} ms   min ${Math.min(...times).toFixed(0).padStart(5)} ms   max ${Math.max(...times).toFixed(0).padStart(5)} ms`);
}
