import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { splitOverrides } from "../cli/overrides.js";
import { pretrain } from "../training/pretrain/pretrain.js";

export default class Pretrain extends TsnlpCommand {
  static override summary = "Pretrain the tok2vec layer on raw text";
  static override description =
    "Like 'spacy pretrain': trains the tok2vec layer that [pretraining] component and layer name to predict each masked word's leading and trailing bytes (spacy.PretrainCharacters.v1) or its static vector (spacy.PretrainVectors.v1), on the raw text of [corpora.pretrain] (JSONL with a \"text\" per line, or plain text with one document per line). The weights go to OUTPUT_DIR as model{epoch}.bin after each epoch and model-last.bin at the end; set [initialize] init_tok2vec to one of them to start training from it. Add the [pretraining] block with 'tsnlp init fill-config --pretraining'.";
  static override examples = [
    "<%= config.bin %> pretrain config.cfg pretrain_out --paths.raw_text texts.jsonl",
    "<%= config.bin %> pretrain config.cfg pretrain_out --paths.raw_text texts.txt --pretraining.max_epochs 10",
    "<%= config.bin %> pretrain config.cfg pretrain_out --resume-path pretrain_out/model4.bin",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml) with a [pretraining] block, or - for standard input" }),
    output_dir: Args.string({ required: true, description: "folder for the weights of each epoch and log.jsonl (created when missing)" }),
  };
  static override flags = {
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions" }),
    "resume-path": Flags.string({ char: "r", description: "weights of an earlier run to continue from (a model{epoch}.bin file)" }),
    "epoch-resume": Flags.integer({
      description: "the epoch to resume counting from with --resume-path; by default the one after N in modelN.bin (needed for other file names)",
    }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to train on (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    "skip-last": Flags.boolean({ char: "L", default: false, description: "do not save model-last.bin" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(this.argv);
    const { args, flags } = await this.parse(Pretrain, split.argv);
    this.setVerbose(flags.verbose);
    let interrupted = false;
    const onInterrupt = () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      process.stderr.write("\nStopping after this batch (Ctrl-C again to quit at once)...\n");
    };
    process.on("SIGINT", onInterrupt);
    try {
      await pretrain(args.config, args.output_dir, {
        code: flags.code,
        resumePath: flags["resume-path"],
        epochResume: flags["epoch-resume"],
        gpuId: flags["gpu-id"],
        skipLast: flags["skip-last"],
        overrides: split.overrides,
        shouldStop: () => interrupted,
      });
    } finally {
      process.off("SIGINT", onInterrupt);
    }
    if (interrupted) this.exit(130);
  }
}
