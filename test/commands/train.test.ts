import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Doc } from "../../src/tokens/doc.js";
import { DocBin } from "../../src/tokens/docbin.js";
import { Vocab } from "../../src/tokens/vocab.js";
import { assertUserError, tsnlp } from "../helpers/cli.js";
import { TAGGED, TINY_TAGGER_CONFIG } from "../helpers/pipeline.js";
import { REPO_ROOT } from "../helpers/shared.js";

/** A folder with the tiny tagger config and the toy corpus as .spacy files. */
function workspace(): { dir: string; config: string; train: string; dev: string; empty: string } {
  const dir = mkdtempSync(join(tmpdir(), "tsnlp-train-cli-"));
  const vocab = new Vocab({ lang: "en" });
  const bin = new DocBin();
  for (const line of TAGGED) {
    const pairs = line.split(" ").map((pair) => pair.split("/") as [string, string]);
    bin.add(new Doc(vocab, { words: pairs.map(([w]) => w), tags: pairs.map(([, t]) => t) }));
  }
  const config = join(dir, "config.cfg");
  writeFileSync(config, TINY_TAGGER_CONFIG);
  bin.toDisk(join(dir, "train.spacy"));
  new DocBin().toDisk(join(dir, "empty.spacy"));
  return { dir, config, train: join(dir, "train.spacy"), dev: join(dir, "train.spacy"), empty: join(dir, "empty.spacy") };
}

const steps = (output: string) => [...output.matchAll(/^\s+(\d+)\s+(\d+)\s+[\d.]+\s+[\d.]+\s+([\d.]+)/gm)].map((m) => Number(m[2]));

describe("tsnlp train", function () {
  this.timeout(120_000);

  it("trains, prints spaCy's table, saves model-last, model-best and a curve, and evaluates", () => {
    const ws = workspace();
    const out = join(ws.dir, "out");
    const result = tsnlp(["train", ws.config, "-o", out, "--paths.train", ws.train, "--paths.dev", ws.dev, "--training.max_steps", "6", "--training.eval_frequency", "2"]);
    assert.equal(result.status, 0, result.output);
    assert.match(result.stdout, /Using CPU: TensorFlow\.js backend 'wasm'/);
    assert.match(result.stdout, /ℹ Pipeline: \['tok2vec', 'tagger'\]/);
    assert.match(result.stdout, /E\s+#\s+LOSS TOK2VEC\s+LOSS TAGGER\s+TAG_ACC\s+WORDS\/S\s+SCORE/);
    assert.deepEqual(steps(result.stdout), [0, 2, 4, 6]);
    for (const name of ["model-last/config.cfg", "model-best/meta.json", "model-last/tagger/model", "training-curve.svg"]) {
      assert.ok(existsSync(join(out, name)), `${name} is missing`);
    }
    const meta = JSON.parse(readFileSync(join(out, "model-best/meta.json"), "utf8"));
    assert.equal(typeof meta.performance.tag_acc, "number");
    const evaluated = tsnlp(["evaluate", join(out, "model-best"), ws.dev, "--output", join(ws.dir, "metrics.json")]);
    assert.equal(evaluated.status, 0, evaluated.output);
    assert.match(evaluated.stdout, /^TAG\s+\d+\.\d\d$/m);
    const metrics = JSON.parse(readFileSync(join(ws.dir, "metrics.json"), "utf8"));
    assert.equal(typeof metrics.tag_acc, "number");
    assert.equal(typeof metrics.speed, "number");
  });

  it("resumes from model-last with the step count and optimizer state", () => {
    const ws = workspace();
    const out = join(ws.dir, "out");
    const common = ["--paths.train", ws.train, "--paths.dev", ws.dev, "--training.eval_frequency", "2"];
    assert.equal(tsnlp(["train", ws.config, "-o", out, ...common, "--training.max_steps", "4"]).status, 0);
    const state = JSON.parse(readFileSync(join(out, "model-last/training-state/state.json"), "utf8"));
    assert.equal(state.step, 4);
    const resumed = tsnlp(["train", ws.config, "-o", out, ...common, "--training.max_steps", "8", "--resume", join(out, "model-last")]);
    assert.equal(resumed.status, 0, resumed.output);
    assert.match(resumed.stdout, /Resumed from .* at step 4, epoch \d+/);
    assert.deepEqual(steps(resumed.stdout), [6, 8]);
  });

  it("stops cleanly on Ctrl-C and leaves a loadable model-last", async () => {
    const ws = workspace();
    const out = join(ws.dir, "out");
    const child = spawn(process.execPath, [join(REPO_ROOT, "bin/run.js"), "train", ws.config, "-o", out, "--paths.train", ws.train, "--paths.dev", ws.dev, "--training.max_epochs", "0", "--training.eval_frequency", "1"], {
      env: { ...process.env, NO_COLOR: "1" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 60_000;
    while (!existsSync(join(out, "model-last/training-state/state.json")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 130, output);
    assert.match(output, /Stopping after this step/);
    assert.match(output, /Training stopped at step \d+/);
    const evaluated = tsnlp(["evaluate", join(out, "model-last"), ws.dev]);
    assert.equal(evaluated.status, 0, evaluated.output);
  });

  it("says clearly when the training corpus path is missing", () => {
    const ws = workspace();
    const result = tsnlp(["train", ws.config, "--paths.dev", ws.dev]);
    assertUserError(result);
    assert.match(result.output, /path/i);
  });

  it("says clearly when the training corpus is empty", () => {
    const ws = workspace();
    const result = tsnlp(["train", ws.config, "--paths.train", ws.empty, "--paths.dev", ws.dev]);
    assertUserError(result);
    assert.match(result.output, /training corpus .*is empty/);
  });

  it("says clearly when a listener's width differs from its tok2vec's", () => {
    const ws = workspace();
    const result = tsnlp(["train", ws.config, "--paths.train", ws.train, "--paths.dev", ws.dev, "--components.tagger.model.tok2vec.width", "16"]);
    assertUserError(result);
    assert.match(result.output, /listener has width 16/);
  });

  it("says clearly when the config has no [components] block for its pipeline", () => {
    const ws = workspace();
    const bare = join(ws.dir, "bare.cfg");
    writeFileSync(bare, '[nlp]\nlang = "en"\npipeline = ["tagger"]\n');
    const result = tsnlp(["train", bare, "--paths.train", ws.train, "--paths.dev", ws.dev]);
    assertUserError(result);
    assert.match(result.output, /tagger/);
  });

  it("says clearly when a resume folder has no training state", () => {
    const ws = workspace();
    const result = tsnlp(["train", ws.config, "--paths.train", ws.train, "--paths.dev", ws.dev, "--resume", ws.dir]);
    assertUserError(result);
  });
});
