/** Converters: EWT train (CoNLL-U) and WNUT-17 train (NER columns), sentences and tokens per second. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ConvertTextOptions, convertFile, convertText } from "../src/training/convert.js";
import { median, RUNS, timeRuns } from "./stats.js";

const DATA = join(dirname(fileURLToPath(import.meta.url)), "../../shared/data");

const CASES: Array<{ label: string; path: string; options: ConvertTextOptions }> = [
  { label: "UD English-EWT train, conllu, --n-sents 10", path: "ud_en_ewt/en_ewt-ud-train.conllu", options: { converter: "conllu", nSents: 10 } },
  { label: "WNUT-17 train, ner, --n-sents 10", path: "ner_wnut17/wnut17train.conll", options: { converter: "ner", nSents: 10 } },
];

function rate(count: number, ms: number): string {
  return `${Math.round((count / ms) * 1000).toLocaleString("en-US")}`.padStart(9);
}

export default async function benchConvert(): Promise<void> {
  if (!existsSync(DATA)) {
    console.log(`Converters: skipped, the shared corpora (${DATA}) are absent`);
    return;
  }
  console.log(`Converters, median of ${RUNS} runs (text to docs; then the whole file to a .spacy file)`);
  const out = mkdtempSync(join(tmpdir(), "tsnlp-bench-convert-"));
  try {
    for (const { label, path, options } of CASES) {
      const file = join(DATA, path);
      const text = readFileSync(file, "utf8");
      let sentences = 0;
      let tokens = 0;
      const inMemory = median(
        await timeRuns(RUNS, () => {
          const docs = convertText(text, options);
          tokens = docs.reduce((sum, doc) => sum + doc.length, 0);
          sentences = docs.reduce((sum, doc) => sum + doc.sents.length, 0);
        }),
      );
      const toDisk = median(await timeRuns(RUNS, () => convertFile(file, out, options)));
      console.log(`  ${label} (${sentences.toLocaleString("en-US")} sentences, ${tokens.toLocaleString("en-US")} tokens)`);
      console.log(`    text to docs      ${inMemory.toFixed(0).padStart(6)} ms  ${rate(sentences, inMemory)} sentences/s  ${rate(tokens, inMemory)} tokens/s`);
      console.log(`    file to .spacy    ${toDisk.toFixed(0).padStart(6)} ms  ${rate(sentences, toDisk)} sentences/s  ${rate(tokens, toDisk)} tokens/s`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
