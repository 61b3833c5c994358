/**
 * Saving model-last and model-best during training, and the state `--resume` needs beside
 * model-last: the raw (not averaged) weights of every trainable component, the optimizer's
 * moments and averages, the step and epoch counters and the random generator's state.
 * model-last holds the averaged weights when the optimizer keeps averages, as spaCy saves it.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Language } from "../language.js";
import type { Optimizer } from "../ml/model.js";
import { GradientOptimizer, optimizerFromBytes, optimizerToBytes, stableKeys } from "../ml/optimizers/index.js";
import { TrainablePipe } from "../pipes/trainable-pipe.js";
import { TsnlpError } from "../util/errors.js";
import { writeFileAtomic } from "../util/io.js";
import { randomState } from "../util/random.js";

export const MODEL_LAST = "model-last";
export const MODEL_BEST = "model-best";
export const TRAINING_STATE = "training-state";

export interface LoopState {
  step: number;
  epoch: number;
  words: number;
  checkpoints: Array<[number, number]>;
  random: number;
}

export type BeforeToDisk = (nlp: Language) => Language;

/** Optimizer keys that survive a restart: component name and position in its model tree. */
export function pipelineKeys(nlp: Language): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [name, component] of nlp.components) {
    if (component instanceof TrainablePipe) for (const [live, stable] of stableKeys(component.model, `${name}/`)) keys.set(live, stable);
  }
  return keys;
}

export async function saveCheckpoint(nlp: Language, optimizer: Optimizer, output: string, isBest: boolean, state: Omit<LoopState, "random">, beforeToDisk: BeforeToDisk): Promise<void> {
  const averages = optimizer instanceof GradientOptimizer ? optimizer.averages : undefined;
  const last = join(output, MODEL_LAST);
  nlp.useParams(averages, () => beforeToDisk(nlp).toDisk(last));
  await writeTrainingState(nlp, optimizer, join(last, TRAINING_STATE), { ...state, random: randomState() });
  if (isBest) copyFolderAtomic(last, join(output, MODEL_BEST), [TRAINING_STATE]);
}

async function writeTrainingState(nlp: Language, optimizer: Optimizer, dir: string, state: LoopState): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, component] of nlp.components) {
    if (component instanceof TrainablePipe) writeFileAtomic(join(dir, `${name}.weights`), component.model.toBytes());
  }
  if (optimizer instanceof GradientOptimizer) writeFileAtomic(join(dir, "optimizer.bin"), await optimizerToBytes(optimizer, pipelineKeys(nlp)));
  writeFileAtomic(join(dir, "state.json"), `${JSON.stringify(state, null, 2)}\n`);
}

/** Restore what saveCheckpoint wrote beside a model-last into a pipeline loaded from it. */
export function readTrainingState(nlp: Language, optimizer: Optimizer, modelLast: string): LoopState {
  const dir = join(modelLast, TRAINING_STATE);
  const statePath = join(dir, "state.json");
  if (!existsSync(statePath)) {
    throw new TsnlpError("E_RESUME_NO_STATE", `Cannot resume from ${modelLast}: it has no ${TRAINING_STATE}/state.json.`, {
      file: modelLast,
      hint: "Give the model-last folder that `tsnlp train` wrote (model-best does not keep the training state).",
    });
  }
  for (const [name, component] of nlp.components) {
    const weights = join(dir, `${name}.weights`);
    if (component instanceof TrainablePipe && existsSync(weights)) component.model.fromBytes(readFileSync(weights));
  }
  const optimizerPath = join(dir, "optimizer.bin");
  if (optimizer instanceof GradientOptimizer && existsSync(optimizerPath)) optimizerFromBytes(optimizer, readFileSync(optimizerPath), pipelineKeys(nlp));
  return JSON.parse(readFileSync(statePath, "utf8")) as LoopState;
}

/** Copy a folder to a temporary name beside the target, then swap it in. */
function copyFolderAtomic(from: string, to: string, skip: readonly string[]): void {
  const temp = join(dirname(to), `.${basename(to)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    cpSync(from, temp, { recursive: true, filter: (source) => !skip.includes(basename(source)) });
    const old = existsSync(to) ? `${temp}.old` : null;
    if (old) renameSync(to, old);
    renameSync(temp, to);
    if (old) rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
