import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { splitOverrides } from "../cli/overrides.js";
import { assemble } from "../training/assemble.js";

export default class Assemble extends TsnlpCommand {
  static override summary = "Build a pipeline from a config and save it, without training";
  static override description =
    "Like 'spacy assemble': builds the pipeline the config describes, initializes it without training data and saves it to OUTPUT_PATH. Meant for pipelines of rule-based components (sentencizer, entity_ruler); a trainable component is saved with its initial weights, and one that needs labels must get them from [initialize.components.NAME] labels (see 'tsnlp init labels'). Config overrides (--nlp.lang de) apply before the config is filled.";
  static override examples = [
    "<%= config.bin %> assemble config.cfg out/rules",
    "<%= config.bin %> assemble config.cfg out/rules --paths.patterns patterns.jsonl --code my_components.ts",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml), or - for standard input" }),
    output_path: Args.string({ required: true, description: "folder to save the pipeline in" }),
  };
  static override flags = {
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(this.argv);
    const { args, flags } = await this.parse(Assemble, split.argv);
    this.setVerbose(flags.verbose);
    await assemble(args.config, args.output_path, { code: flags.code, overrides: split.overrides, printer: this.printer });
  }
}
