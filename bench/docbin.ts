/** DocBin (.spacy) reading and writing, on a corpus the size of UD English-EWT train. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import type { Doc } from "../src/tokens/doc.js";
import { DocBin } from "../src/tokens/docbin.js";
import { spanToDoc } from "../src/tokens/example-span-doc.js";
import { Vocab } from "../src/tokens/vocab.js";
import { SPACY_FIXTURES } from "../test/helpers/shared.js";
import { describeTimes, median, RUNS, timeRuns } from "./stats.js";

const TARGET_DOCS = 12_500;

/** EWT train has 12,543 sentences and 204,585 tokens: the dev file's sentences, repeated until there are as many docs. */
function trainSizedDocs(vocab: Vocab, devFile: string): Doc[] {
  const sentences: Doc[] = [];
  for (const doc of DocBin.fromDisk(devFile).getDocs(vocab)) {
    let start = 0;
    for (let i = 1; i <= doc.length; i++) {
      if (i === doc.length || doc.sentStarts[i] === 1) {
        sentences.push(spanToDoc(doc, start, i));
        start = i;
      }
    }
  }
  return Array.from({ length: TARGET_DOCS }, (_, i) => sentences[i % sentences.length]!);
}

export default async function benchDocBin(): Promise<void> {
  const devFile = join(SPACY_FIXTURES, "golden", "en_ewt-ud-dev.spacy");
  if (!existsSync(devFile)) {
    console.log(`DocBin: skipped, it needs ${devFile} (the shared folder beside the checkout)`);
    return;
  }
  const docs = trainSizedDocs(new Vocab({ lang: "en" }), devFile);
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
