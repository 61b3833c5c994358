/**
 * Reading static vectors: the shared GloVe 10k and 20k x 100 files, and a synthetic 1M x 50
 * word2vec file written to a temporary folder; then saving and loading the 1M table in a
 * pipeline's binary layout, and pruning the 20k table.
 */
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { selectBackend } from "../src/ml/backend.js";
import { readVectorsFile } from "../src/tokens/vectors-text.js";
import { Vectors } from "../src/tokens/vectors.js";
import { plainNearestSearch } from "../src/tokens/vectors-nearest.js";
import { backendNearestSearch } from "../src/training/init-vectors-nearest.js";
import { SHARED } from "../test/helpers/shared.js";
import { describeTimes, median, RUNS, timeRuns } from "./stats.js";

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

async function benchFile(label: string, path: string, runs: number): Promise<Vectors> {
  const size = statSync(path).size;
  const rssBefore = process.memoryUsage().rss;
  let vectors: Vectors | undefined;
  const times = await timeRuns(runs, async () => {
    vectors = (await readVectorsFile(path)).vectors;
  });
  const seconds = median(times) / 1000;
  const [rows, width] = vectors!.shape;
  console.log(`  ${label.padEnd(34)} ${describeTimes(times)}`);
  const table = vectors!.byteSize;
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  console.log(
    `  ${"".padEnd(34)} ${rows.toLocaleString("en-US")} x ${width}, ${mb(size)} MB: ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s, ${(size / 1e6 / seconds).toFixed(0)} MB/s; the table holds ${mb(table)} MB (floats ${mb(rows * width * 4)} MB, words ${mb(table - rows * width * 4)} MB); process RSS grew ${mb(rssGrowth)} MB`,
  );
  return vectors!;
}

/** A word2vec file of `rows` random words and values with 4 decimals, as fastText writes them. */
async function writeSynthetic(path: string, rows: number, width: number): Promise<void> {
  const out = createWriteStream(path, { highWaterMark: 1 << 22 });
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 0x100000000;
  };
  let buffer = `${rows} ${width}\n`;
  for (let r = 0; r < rows; r++) {
    let line = `w${r.toString(36)}`;
    for (let k = 0; k < width; k++) line += ` ${(next() * 2 - 1).toFixed(4)}`;
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

export default async function benchVectors(): Promise<void> {
  const runs = Math.max(RUNS, 5);
  console.log(`Vectors: reading text files (median of ${runs} runs; memory: the typed arrays a loaded table holds, no object per word)`);
  let glove20k: Vectors | undefined;
  for (const name of ["glove.6B.100d.top10k.vec", "glove.6B.100d.top20k.vec"]) {
    const path = join(SHARED, "data", "vectors", name);
    if (!existsSync(path)) {
      console.log(`  ${name}: skipped, it needs ${path} (the shared folder beside the checkout)`);
      continue;
    }
    glove20k = await benchFile(name, path, runs);
  }

  const dir = mkdtempSync(join(tmpdir(), "tsnlp-bench-vectors-"));
  try {
    const synthetic = join(dir, "synthetic-1m.vec");
    const written = await timeRuns(1, () => writeSynthetic(synthetic, 1_000_000, 50));
    console.log(`  (wrote a synthetic 1,000,000 x 50 file of ${mb(statSync(synthetic).size)} MB in ${(written[0]! / 1000).toFixed(1)} s)`);
    const big = await benchFile("synthetic 1M x 50 .vec", synthetic, 3);
    const folder = join(dir, "vocab");
    const saveTimes = await timeRuns(3, () => big.toDisk(folder));
    console.log(`  ${"save 1M x 50 (vocab/vectors*)".padEnd(34)} ${describeTimes(saveTimes)}`);
    const loadTimes = await timeRuns(runs, () => Vectors.fromDisk(folder));
    console.log(`  ${"load 1M x 50 (vocab/vectors*)".padEnd(34)} ${describeTimes(loadTimes)}`);
    const lookups = Array.from({ length: 100_000 }, (_, i) => `w${((i * 7919) % 1_000_000).toString(36)}`);
    const lookupTimes = await timeRuns(runs, () => {
      for (const word of lookups) if (big.rowOf(word) < 0) throw new Error(`${word} missing`);
    });
    console.log(
      `  ${"rowOf, 100k words of 1M".padEnd(34)} ${describeTimes(lookupTimes)}   (${((median(lookupTimes) * 1e6) / lookups.length).toFixed(0)} ns per word)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  if (glove20k) {
    const backend = await selectBackend();
    for (const [label, search] of [
      ["plain TypeScript", plainNearestSearch],
      [`${backend.name} backend`, backendNearestSearch],
    ] as const) {
      const times = await timeRuns(1, () => glove20k!.copy().prune(5000, { search }));
      console.log(`  ${`prune 20k -> 5k (${label})`.padEnd(34)} ${describeTimes(times)}`);
    }
  }
}
