/**
 * Pretraining on the shared raw text, then a low-data tagger with and without the pretrained
 * weights: pretrain the tok2vec of the config `init config --pipeline tagger --pretraining`
 * writes (the efficiency tok2vec) with the characters objective, and with the vectors objective
 * over the GloVe 20k vectors; then train a tagger on only the first 1,000 sentences of EWT train,
 * without [initialize] init_tok2vec and with each objective's model-last.bin, and report the
 * best dev TAG accuracy of each, pretraining words/s and the loss per word of each epoch.
 *
 * The same runs from the command line (DIR a scratch folder; head-conllu: the first 1,000
 * sentences of the file, which this suite writes itself):
 *
 *   tsnlp init config DIR/config.cfg --pipeline tagger --pretraining
 *   tsnlp init vectors en ../shared/data/vectors/glove.6B.100d.top20k.vec DIR/vectors
 *   tsnlp convert DIR/train-1000.conllu DIR/train --n-sents 10
 *   tsnlp convert ../shared/data/ud_en_ewt/en_ewt-ud-dev.conllu DIR/dev --n-sents 10
 *   tsnlp pretrain DIR/config.cfg DIR/pretrain-characters --paths.raw_text ../shared/data/raw_text/en_ewt_train_sentences.txt --pretraining.max_epochs 3
 *   tsnlp pretrain DIR/config-vectors.cfg DIR/pretrain-vectors --paths.raw_text ... --paths.vectors DIR/vectors --pretraining.max_epochs 3
 *   tsnlp train DIR/config.cfg --paths.train DIR/train/train-1000.spacy --paths.dev DIR/dev/en_ewt-ud-dev.spacy
 *       --training.max_epochs 15 --training.max_steps 0 --training.eval_frequency 50 [--paths.init_tok2vec DIR/pretrain-characters/model-last.bin]
 *
 * (config-vectors.cfg is config.cfg with [pretraining.objective] spacy.PretrainVectors.v1,
 * maxout_pieces = 3, hidden_size = 300, loss = "cosine".)
 *
 * Full runs take tens of minutes on 2 cores, so `npm run bench` leaves this out: run
 * `npm run bench -- pretrain`. Settings: BENCH_PRETRAIN_EPOCHS (3), BENCH_PRETRAIN_RAW (a file
 * in ../shared/data/raw_text; en_ewt_train_sentences.txt), BENCH_PRETRAIN_LIMIT (raw-text docs
 * per epoch, 0 for all), BENCH_PRETRAIN_BATCH (words per pretraining batch; spaCy's 3000),
 * BENCH_PRETRAIN_OBJECTIVES (characters,vectors), BENCH_PRETRAIN_SENTS
 * (1000), BENCH_PRETRAIN_TAGGER_EPOCHS (15), BENCH_VERBOSE=1 to see each run's own output.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configToString } from "../src/config/load.js";
import { initConfig } from "../src/config/init-config.js";
import { cloneValue, type Section } from "../src/config/tree.js";
import { implementBuiltins } from "../src/implementations.js";
import { registry } from "../src/registry/index.js";
import { convertFile } from "../src/training/convert.js";
import { initVectors } from "../src/training/init-vectors.js";
import { pretrain } from "../src/training/pretrain/pretrain.js";
import { train } from "../src/training/train.js";
import { DATA } from "./pipeline-tasks.js";

const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
const env = (name: string, fallback: string) => process.env[name] ?? fallback;

interface PretrainFigures {
  objective: string;
  epochs: Array<{ epoch: number; words: number; seconds: number; cpuSeconds: number; lossPerWord: number; lossPerBatch: number }>;
  weights: string;
}

export default async function run(): Promise<void> {
  console.log("\npretrain: tok2vec pretraining on raw text, then a tagger on 1,000 EWT sentences with and without init_tok2vec");
  if (!existsSync(DATA)) {
    console.log("  skipped: ../shared/data is not beside the checkout");
    return;
  }
  implementBuiltins(registry);
  const verbose = process.env.BENCH_VERBOSE ? process.stdout : quiet;
  const epochs = Number(env("BENCH_PRETRAIN_EPOCHS", "3"));
  const raw = join(DATA, "raw_text", env("BENCH_PRETRAIN_RAW", "en_ewt_train_sentences.txt"));
  const limit = Number(env("BENCH_PRETRAIN_LIMIT", "0"));
  const batchWords = Number(env("BENCH_PRETRAIN_BATCH", "3000"));
  const sentences = Number(env("BENCH_PRETRAIN_SENTS", "1000"));
  const taggerEpochs = Number(env("BENCH_PRETRAIN_TAGGER_EPOCHS", "15"));
  const objectives = env("BENCH_PRETRAIN_OBJECTIVES", "characters,vectors").split(",");
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-bench-pretrain-"));
  console.log(`  working in ${dir}`);

  const config = initConfig(registry, { lang: "en", pipeline: ["tagger"], pretraining: true }).config;
  const configPath = join(dir, "config.cfg");
  writeFileSync(configPath, configToString(config));
  const vectorsConfig = cloneValue(config);
  (vectorsConfig.pretraining as Section).objective = { "@architectures": "spacy.PretrainVectors.v1", maxout_pieces: 3, hidden_size: 300, loss: "cosine" };
  const vectorsConfigPath = join(dir, "config-vectors.cfg");
  writeFileSync(vectorsConfigPath, configToString(vectorsConfig));

  const subset = join(dir, `train-${sentences}.conllu`);
  writeFileSync(subset, firstSentences(join(DATA, "ud_en_ewt/en_ewt-ud-train.conllu"), sentences));
  const trainCorpus = convertFile(subset, join(dir, "train"), { nSents: 10 }).files[0]!.output;
  const devCorpus = convertFile(join(DATA, "ud_en_ewt/en_ewt-ud-dev.conllu"), join(dir, "dev"), { nSents: 10 }).files[0]!.output;

  const pretrained: PretrainFigures[] = [];
  for (const objective of objectives) {
    const overrides: Record<string, string | number> = {
      "paths.raw_text": raw,
      "pretraining.max_epochs": epochs,
      "corpora.pretrain.limit": limit,
      "pretraining.batcher.size": batchWords,
    };
    let path = configPath;
    if (objective === "vectors") {
      const vectors = join(dir, "vectors");
      await initVectors("en", join(DATA, "vectors/glove.6B.100d.top20k.vec"), vectors);
      overrides["paths.vectors"] = vectors;
      path = vectorsConfigPath;
    }
    const out = join(dir, `pretrain-${objective}`);
    const result = await pretrain(path, out, { overrides, stdout: verbose, stderr: quiet });
    pretrained.push({
      objective,
      weights: join(out, "model-last.bin"),
      epochs: result.epochs.map((e) => ({
        epoch: e.epoch,
        words: e.words,
        seconds: e.seconds,
        cpuSeconds: e.cpuSeconds,
        lossPerWord: e.loss / Math.max(e.words, 1),
        lossPerBatch: e.loss / Math.max(e.batches, 1),
      })),
    });
    const figures = pretrained.at(-1)!;
    console.log(`  pretraining, ${objective} objective (${result.backend.name}, ${figures.epochs[0]?.words ?? 0} words per epoch):`);
    for (const e of figures.epochs) {
      const perCpu = Math.round(e.words / e.cpuSeconds);
      console.log(
        `    epoch ${e.epoch}: ${perCpu} words/s of CPU time (${Math.round(e.words / e.seconds)} of wall time), loss per word ${e.lossPerWord.toFixed(4)}, per batch ${e.lossPerBatch.toFixed(4)}`,
      );
    }
  }

  const trainTagger = async (name: string, folder: string, initTok2vec: string | null) => {
    const cpuStarted = process.cpuUsage();
    const result = await train(configPath, {
      output: join(dir, folder),
      overrides: {
        "paths.train": trainCorpus,
        "paths.dev": devCorpus,
        "paths.init_tok2vec": initTok2vec,
        "training.max_epochs": taggerEpochs,
        "training.max_steps": 0,
        "training.eval_frequency": 50,
        "system.seed": 0,
      },
      stdout: verbose,
      stderr: quiet,
    });
    const cpu = process.cpuUsage(cpuStarted);
    const accuracies = result.rows.map((row) => Number(row.otherScores.tag_acc ?? 0));
    const best = (Math.max(...accuracies) * 100).toFixed(2);
    console.log(`  tagger on ${sentences} sentences, ${name}: dev TAG best ${best} (${((cpu.user + cpu.system) / 1e6).toFixed(0)} s of CPU)`);
    console.log(`    dev TAG every 50 steps: ${accuracies.map((acc) => (acc * 100).toFixed(1)).join(" ")}`);
  };
  await trainTagger("without init_tok2vec", "tagger", null);
  for (const figures of pretrained) await trainTagger(`init_tok2vec from the ${figures.objective} objective`, `tagger-${figures.objective}`, figures.weights);
}

/** The first n sentences of a CoNLL-U file (sentences end at a blank line). */
function firstSentences(path: string, n: number): string {
  const blocks = readFileSync(path, "utf8")
    .split(/\r?\n\s*\r?\n/)
    .filter((block) => block.trim() !== "");
  return `${blocks.slice(0, n).join("\n\n")}\n\n`;
}
