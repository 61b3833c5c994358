/** DocBin (.spacy) reading and writing, on UD English-EWT train. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import type { Doc } from "../src/tokens/doc.js";
import { DocBin } from "../src/tokens/docbin.js";
import { Vocab } from "../src/tokens/vocab.js";
import { convertText } from "../src/training/convert.js";
import { SHARED } from "../test/helpers/shared.js";
import { describeTimes, median, RUNS, timeRuns } from "./stats.js";

/** UD English-EWT train as `tsnlp convert --converter conllu` makes it: one doc per sentence (n_sents 1), 12,544 docs. */
function ewtTrainDocs(vocab: Vocab, conllu: string): Doc[] {
  return convertText(readFileSync(conllu, "utf8"), { converter: "conllu", nSents: 1, vocab, file: conllu });
}

export default async function benchDocBin(): Promise<void> {
  const trainFile = join(SHARED, "data", "ud_en_ewt", "en_ewt-ud-train.conllu");
  if (!existsSync(trainFile)) {
    console.log(`DocBin: skipped, it needs ${trainFile} (the shared folder beside the checkout)`);
    return;
  }
  const docs = ewtTrainDocs(new Vocab({ lang: "en" }), trainFile);
  const tokens = docs.reduce((sum, doc) => sum + doc.length, 0);
  const bytes = new DocBin({ docs }).toBytes();
  const payloadBytes = inflateSync(bytes).length;
  const runs = Math.max(RUNS, 5);
  console.log(
    `DocBin: ${docs.length} docs, ${tokens} tokens; .spacy file ${(bytes.length / 1e6).toFixed(2)} MB (${(payloadBytes / 1e6).toFixed(1)} MB uncompressed), ${runs} runs`,
  );

  const report = (label: string, times: number[]) => {
    const seconds = median(times) / 1000;
    const perSecond = (count: number) => Math.round(count / seconds).toLocaleString("en-US");
    const megabytes = (size: number) => (size / 1e6 / seconds).toFixed(1);
    console.log(`  ${label.padEnd(40)} ${describeTimes(times)}`);
    console.log(
      `  ${"".padEnd(40)} ${perSecond(docs.length)} docs/s, ${perSecond(tokens)} tokens/s, ${megabytes(bytes.length)} MB/s of .spacy file, ${megabytes(payloadBytes)} MB/s uncompressed`,
    );
  };
  const vocab = new Vocab({ lang: "en" });
  const readAll = (into: Vocab) => {
    let count = 0;
    for (const doc of DocBin.fromBytes(bytes).getDocs(into)) count += doc.length;
    if (count !== tokens) throw new Error(`read ${count} tokens, expected ${tokens}`);
  };
  readAll(vocab);
  report("read: fromBytes + getDocs (warm vocab)", await timeRuns(runs, () => readAll(vocab)));
  report("read: fromBytes + getDocs (new vocab)", await timeRuns(runs, () => readAll(new Vocab({ lang: "en" }))));
  report("write: add every doc + toBytes", await timeRuns(runs, () => new DocBin({ docs }).toBytes()));
  const filled = new DocBin({ docs });
  report("write: toBytes only (msgpack + zlib)", await timeRuns(runs, () => filled.toBytes()));
}
