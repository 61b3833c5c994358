import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { splitOverrides } from "../cli/overrides.js";
import { train } from "../training/train.js";

export default class Train extends TsnlpCommand {
  static override summary = "Train a pipeline from a config file";
  static override description =
    "Like 'spacy train': builds the pipeline the config describes, initializes it on the training corpus, trains it, and saves model-last and model-best into the output folder, with a training curve (training-curve.svg). Config overrides (--paths.train corpus/train.spacy) apply before the config is filled. Ctrl-C stops cleanly after the current step and saves model-last, which --resume continues from.";
  static override examples = [
    "<%= config.bin %> train config.cfg --output out --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy",
    "<%= config.bin %> train config.cfg -o out --training.max_epochs 5 --code my_components.ts",
    "<%= config.bin %> train config.cfg -o out --resume out/model-last",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml), or - for standard input" }),
  };
  static override flags = {
    output: Flags.string({ char: "o", description: "folder for model-last, model-best and the training curve; nothing is saved without it" }),
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to train on (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    resume: Flags.string({ description: "continue training from a model-last folder of an earlier run (optimizer state, step and epoch)" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(this.argv);
    const { args, flags } = await this.parse(Train, split.argv);
    this.setVerbose(flags.verbose);
    let interrupted = false;
    const onInterrupt = () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      process.stderr.write("\nStopping after this step and saving model-last (Ctrl-C again to quit at once)...\n");
    };
    process.on("SIGINT", onInterrupt);
    try {
      await train(args.config, {
        output: flags.output,
        code: flags.code,
        gpuId: flags["gpu-id"],
        overrides: split.overrides,
        resume: flags.resume,
        shouldStop: () => interrupted,
      });
    } finally {
      process.off("SIGINT", onInterrupt);
    }
    if (interrupted) this.exit(130);
  }
}
