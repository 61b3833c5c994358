import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./shared.js";

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  output: string;
}

/** Run the built CLI (bin/run.js over dist/) as a user would, without color. */
export function tsnlp(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): CliResult {
  assert.ok(existsSync(join(REPO_ROOT, "dist/index.js")), "dist/ is missing: run `npm run build` (npm test does) before the CLI tests");
  const result = spawnSync(process.execPath, [join(REPO_ROOT, "bin/run.js"), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", TSNLP_CONFIG_OVERRIDES: "", ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

/** A user fault: exit code 1 and no stack trace. */
export function assertUserError(result: CliResult): void {
  assert.equal(result.status, 1, `expected exit code 1, got ${result.status}:\n${result.output}`);
  assert.doesNotMatch(result.output, /^\s+at .+:\d+:\d+\)?$/m, `a stack trace was printed:\n${result.output}`);
}
