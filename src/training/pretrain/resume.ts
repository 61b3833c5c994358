/**
 * --resume-path and --epoch-resume (spacy/cli/pretrain.py verify_cli_args and
 * spacy/training/pretrain.py _resume_model, v3.5.4). Weights saved as modelN.bin resume at
 * epoch N + 1; --epoch-resume N starts at epoch N instead (and is needed for any other file
 * name), so that a resumed run does not overwrite the files of the epochs it continues from.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { AnyModel } from "../../ml/model.js";
import { TsnlpError } from "../../util/errors.js";

const EPOCH_FILE = /^model(\d+)\.bin$/;

/** The first epoch of a resumed run; checks the path and the epoch before any work starts. */
export function resumeStartEpoch(resumePath: string, epochResume?: number | null): number {
  if (!existsSync(resumePath)) {
    throw new TsnlpError("E_PRETRAIN_RESUME", `--resume-path ${resumePath} does not exist.`, {
      hint: "Give a weights file written by an earlier `tsnlp pretrain` run, such as OUTPUT_DIR/model3.bin.",
    });
  }
  if (statSync(resumePath).isDirectory()) {
    throw new TsnlpError("E_PRETRAIN_RESUME", `--resume-path should be a weights file, but ${resumePath} is a directory.`, {
      hint: "Give one of the model{epoch}.bin files in it.",
    });
  }
  if (epochResume !== undefined && epochResume !== null) {
    if (!Number.isInteger(epochResume) || epochResume < 0) {
      throw new TsnlpError("E_PRETRAIN_RESUME", `The argument --epoch-resume has to be greater or equal to 0. ${epochResume} is invalid.`, {
        hint: "Give the epoch to continue counting from, e.g. --epoch-resume 4 after model3.bin.",
      });
    }
    return epochResume;
  }
  const match = EPOCH_FILE.exec(basename(resumePath));
  if (!match) {
    throw new TsnlpError("E_PRETRAIN_RESUME", `Cannot tell which epoch ${resumePath} was saved at: its name is not model{epoch}.bin.`, {
      hint: "You have to use the --epoch-resume setting when using a renamed weight file for --resume-path.",
    });
  }
  return Number(match[1]) + 1;
}

/** Load the weights to resume from into the tok2vec; weights of another architecture are an error naming the mismatch. */
export function loadResumeWeights(tok2vec: AnyModel, resumePath: string, where: string): void {
  try {
    tok2vec.fromBytes(readFileSync(resumePath));
  } catch (error) {
    if (!(error instanceof TsnlpError)) throw error;
    throw new TsnlpError("E_PRETRAIN_RESUME", `The weights in ${resumePath} do not fit ${where}: ${error.message}`, {
      file: resumePath,
      hint: "Resume with the config the weights were pretrained with.",
      cause: error,
    });
  }
}
