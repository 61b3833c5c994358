/** The English rule-based tokenizer on the EWT training sentences: words per second, cold and warm cache. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createTokenizer, createVocab } from "../src/lang/create.js";
import { median, RUNS, timeRuns } from "./stats.js";

const shared = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared");
const sentencesFile = join(shared, "data/raw_text/en_ewt_train_sentences.txt");

function wordsPerSecond(words: number, times: number[]): string {
  return `${Math.round(words / (median(times) / 1000)).toLocaleString("en-US")} words/s`.padStart(18);
}

export default async function benchTokenizer(): Promise<void> {
  if (!existsSync(sentencesFile)) {
    console.log(`Tokenizer: skipped, ${sentencesFile} is absent (it lives in ../shared beside the checkout)`);
    return;
  }
  const texts = readFileSync(sentencesFile, "utf8")
    .split("\n")
    .filter((line) => line !== "");
  const vocab = createVocab("en");
  const counter = createTokenizer(vocab, "en");
  let words = 0;
  for (const text of texts) words += counter.split(text).words.length;
  const runs = Math.max(RUNS, 5);
  console.log(`Tokenizer (en), EWT train: ${texts.length.toLocaleString("en-US")} sentences, ${words.toLocaleString("en-US")} tokens, median of ${runs} runs`);

  const cold = await timeRuns(runs, () => {
    const tokenizer = createTokenizer(vocab, "en");
    for (const text of texts) tokenizer.split(text);
  });
  console.log(`  split, cold cache (new tokenizer each run)  ${wordsPerSecond(words, cold)}   ${median(cold).toFixed(0)} ms`);

  const warmTokenizer = createTokenizer(vocab, "en");
  for (const text of texts) warmTokenizer.split(text);
  const warm = await timeRuns(runs, () => {
    for (const text of texts) warmTokenizer.split(text);
  });
  console.log(`  split, warm cache                           ${wordsPerSecond(words, warm)}   ${median(warm).toFixed(0)} ms`);

  const docs = await timeRuns(runs, () => {
    for (const text of texts) warmTokenizer.call(text);
  });
  console.log(`  call (to Doc), warm cache                   ${wordsPerSecond(words, docs)}   ${median(docs).toFixed(0)} ms`);

  const construct = await timeRuns(runs, () => createTokenizer(vocab, "en"));
  console.log(`  building the English tokenizer              ${median(construct).toFixed(1).padStart(8)} ms`);
}
