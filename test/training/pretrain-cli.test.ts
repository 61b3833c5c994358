/** `tsnlp pretrain` as a user runs it (the built CLI), and init_tok2vec through `tsnlp train`. */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { TAGGED, TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";

const TEXTS = [
  "I like green eggs and ham .",
  "They eat red apples every day .",
  "We see big dogs in the park .",
  "The dog runs fast down the street .",
  "A cat sleeps well on the warm mat .",
];

const VECTORS_PRETRAINING = `
[paths]
raw_text = null

[pretraining]
max_epochs = 1
dropout = 0.2
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 3000
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
@architectures = "spacy.PretrainVectors.v1"
maxout_pieces = 3
hidden_size = 32
loss = "cosine"

[pretraining.optimizer]
@optimizers = "Adam.v1"

[corpora]

[corpora.pretrain]
@readers = "spacy.JsonlCorpus.v1"
path = \${paths.raw_text}
min_length = 5
max_length = 500
limit = 0
`;

function workspace(): { dir: string; raw: string; train: string } {
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-pretrain-cli-"));
  const raw = join(dir, "raw.txt");
  writeFileSync(raw, `${TEXTS.join("\n")}\n`);
  const vocab = new Vocab({ lang: "en" });
  const bin = new DocBin();
  for (const line of TAGGED) {
    const pairs = line.split(" ").map((pair) => pair.split("/") as [string, string]);
    bin.add(new Doc(vocab, { words: pairs.map(([w]) => w), tags: pairs.map(([, t]) => t) }));
  }
  bin.toDisk(join(dir, "train.spacy"));
  return { dir, raw, train: join(dir, "train.spacy") };
}

describe("tsnlp pretrain", function () {
  this.timeout(120_000);

  it("--help shows a summary, arguments, flags and examples", () => {
    const result = tsnlp(["pretrain", "--help"]);
    assert.equal(result.status, 0, result.output);
    for (const heading of ["USAGE", "ARGUMENTS", "FLAGS", "DESCRIPTION", "EXAMPLES"]) assert.match(result.stdout, new RegExp(`^${heading}`, "m"));
    assert.match(result.stdout, /--resume-path/);
    assert.match(result.stdout, /--epoch-resume/);
  });

  it("pretrains the tok2vec of `init config --pretraining` on plain text, and `train` starts from the weights", () => {
    const ws = workspace();
    const config = join(ws.dir, "config.cfg");
    assert.equal(tsnlp(["init", "config", config, "--pipeline", "tagger", "--pretraining"]).status, 0);
    const out = join(ws.dir, "pretrain");
    const result = tsnlp(["pretrain", config, out, "--paths.raw_text", ws.raw, "--pretraining.max_epochs", "2"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /ℹ Loading config from: /);
    assert.match(result.stdout, /Pre-training tok2vec layer - starting at epoch 0/);
    assert.match(result.stdout, /^ {2}# {6}# Words {3}Total Loss {5}Loss {4}w\/s$/m);
    assert.match(result.stdout, /✔ Successfully finished pretrain/);
    for (const name of ["model0.bin", "model1.bin", "model-last.bin", "config.cfg"]) assert.ok(existsSync(join(out, name)), `${name} is missing`);
    const log = readFileSync(join(out, "log.jsonl"), "utf8").trim().split("\n");
    assert.equal(log.length, 3);
    assert.match(log[0]!, /^\{"nr_word":\d+,"loss":[\d.]+,"epoch_loss":[\d.]+,"epoch":0\}$/);

    const resumed = tsnlp(["pretrain", config, out, "--paths.raw_text", ws.raw, "--pretraining.max_epochs", "3", "--resume-path", join(out, "model1.bin")]);
    assert.equal(resumed.status, 0, resumed.output);
    assert.match(resumed.stdout, /Output directory is not empty/);
    assert.match(resumed.stdout, /ℹ Resuming from epoch: 2/);
    assert.ok(existsSync(join(out, "model2.bin")));

    const trained = tsnlp([
      "train",
      config,
      "--paths.train",
      ws.train,
      "--paths.dev",
      ws.train,
      "--paths.init_tok2vec",
      join(out, "model-last.bin"),
      "--training.max_steps",
      "2",
      "--training.eval_frequency",
      "1",
    ]);
    assert.equal(trained.status, 0, trained.output);
  });

  it("a bad resume path is a clear error with exit code 1", () => {
    const ws = workspace();
    const config = join(ws.dir, "config.cfg");
    writeFileSync(config, TINY_TAGGER_CONFIG + VECTORS_PRETRAINING);
    const missing = tsnlp(["pretrain", config, join(ws.dir, "out"), "--paths.raw_text", ws.raw, "--resume-path", join(ws.dir, "model7.bin")]);
    assertUserError(missing);
    assert.match(missing.stderr, /--resume-path .*model7\.bin does not exist/);
    const renamed = join(ws.dir, "weights.bin");
    writeFileSync(renamed, "");
    const unnumbered = tsnlp(["pretrain", config, join(ws.dir, "out"), "--paths.raw_text", ws.raw, "--resume-path", renamed]);
    assertUserError(unnumbered);
    assert.match(unnumbered.stderr, /You have to use the --epoch-resume setting/);
  });

  it("a config without a [pretraining] block is a clear error with exit code 1", () => {
    const ws = workspace();
    const config = join(ws.dir, "config.cfg");
    writeFileSync(config, TINY_TAGGER_CONFIG);
    const result = tsnlp(["pretrain", config, join(ws.dir, "out"), "--paths.raw_text", ws.raw]);
    assertUserError(result);
    assert.match(result.stderr, /✘ The \[pretraining\] block in your config is empty/);
    assert.match(result.stderr, /tsnlp init fill-config .*--pretraining/);
    assert.ok(!existsSync(join(ws.dir, "out")), "nothing is written");
  });

  it("the vectors objective without vectors is a clear error with exit code 1", () => {
    const ws = workspace();
    const config = join(ws.dir, "config.cfg");
    writeFileSync(config, TINY_TAGGER_CONFIG + VECTORS_PRETRAINING);
    const result = tsnlp(["pretrain", config, join(ws.dir, "out"), "--paths.raw_text", ws.raw]);
    assertUserError(result);
    assert.match(result.stderr, /pretraining\.objective: spacy\.PretrainVectors\.v1 .*vocab has none/);
    assert.match(result.stderr, /\[initialize\] vectors/);
  });
});
