/** CLI start-up and config commands, timed as a user runs them. */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeTimes, RUNS, timeRuns } from "./stats.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function runTsnlp(args: string[]): void {
  const result = spawnSync(process.execPath, [join(root, "bin/run.js"), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  if (result.status !== 0) throw new Error(`tsnlp ${args.join(" ")} failed:\n${result.stderr}`);
}

export default async function benchCli(): Promise<void> {
  const runs = Math.max(RUNS, 9);
  const cases: Array<[string, string[]]> = [
    ["tsnlp --help", ["--help"]],
    ["tsnlp init config - --pipeline tagger,parser,ner", ["init", "config", "-", "--pipeline", "tagger,parser,ner"]],
    ["tsnlp debug config examples/base_tagger.cfg", ["debug", "config", "examples/base_tagger.cfg"]],
  ];
  console.log(`CLI start-up and config commands, ${runs} runs each`);
  for (const [label, args] of cases) {
    console.log(`  ${label.padEnd(52)} ${describeTimes(await timeRuns(runs, () => runTsnlp(args)))}`);
  }
}
