import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../../cli/base.js";
import { splitOverrides } from "../../cli/overrides.js";
import { initLabels } from "../../training/init-labels.js";

export default class InitLabels extends TsnlpCommand {
  static override summary = "Write the labels of each component, found in the training data, to JSON files";
  static override description =
    "Like 'spacy init labels': initializes the pipeline the config describes on its training corpus and writes the label data of each component that has labels to OUTPUT_PATH/NAME.json. Read them back in training with [initialize.components.NAME.labels] @readers = \"spacy.read_labels.v1\", so that initialization need not scan the corpus for labels. Config overrides (--paths.train corpus/train.spacy) apply before the config is filled.";
  static override examples = [
    "<%= config.bin %> init labels config.cfg labels --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy",
    "<%= config.bin %> init labels config.cfg labels --code my_components.ts",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml), or - for standard input" }),
    output_path: Args.string({ required: true, description: "folder for the label files (created if missing)" }),
  };
  static override flags = {
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to use (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(this.argv);
    const { args, flags } = await this.parse(InitLabels, split.argv);
    this.setVerbose(flags.verbose);
    await initLabels(args.config, args.output_path, { code: flags.code, gpuId: flags["gpu-id"], overrides: split.overrides, printer: this.printer });
  }
}
