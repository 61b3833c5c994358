/**
 * Benchmarks print figures; tests check behaviour. Each suite reports medians of several runs.
 * `npm run bench` runs every suite but `pipelines` and `pretrain`; `npm run bench -- tokenizer docbin` runs the named ones.
 * BENCH_RUNS sets the number of runs.
 */
const SUITES: Record<string, () => Promise<{ default: () => Promise<void> }>> = {
  cli: () => import("./cli.js"),
  docbin: () => import("./docbin.js"),
  convert: () => import("./convert.js"),
  tokenizer: () => import("./tokenizer.js"),
  ml: () => import("./ml.js"),
  vectors: () => import("./vectors.js"),
  pipelines: () => import("./pipelines.js"),
  pretrain: () => import("./pretrain.js"),
};

/** Suites that run only when named: full training runs take tens of minutes. */
const ON_REQUEST = new Set(["pipelines", "pretrain"]);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark suite(s): ${unknown.join(", ")}. Available: ${Object.keys(SUITES).join(", ")}.`);
  process.exit(1);
}
console.log(`tsnlp benchmarks (node ${process.version}, ${process.platform}-${process.arch})`);
for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES).filter((suite) => !ON_REQUEST.has(suite))) {
  const suite = await SUITES[name]!();
  await suite.default();
}
