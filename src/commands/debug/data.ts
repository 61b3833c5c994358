import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../../cli/base.js";
import { splitOverrides } from "../../cli/overrides.js";
import { debugData, hasErrors, printReport } from "../../training/debug-data/index.js";

export default class DebugData extends TsnlpCommand {
  static override summary = "Analyze and validate training and evaluation data";
  static override description =
    "Like 'spacy debug data': reads the config and its training and evaluation corpora ([training] train_corpus and dev_corpus), checks that the pipeline initializes on the training data, and reports statistics and problems for each component: low label counts, labels missing from the training data, misaligned tokens, overlap between training and evaluation data, entities with whitespace boundaries, text classification consistency and class imbalance, span lengths and distinctiveness, tags. Ends with the number of checks passed, warnings and errors, and exits 1 when there are errors. --verbose adds spaCy's explanations, label counts and the most common words. Config overrides (--paths.train corpus/train.spacy) apply before the config is filled.";
  static override examples = [
    "<%= config.bin %> debug data config.cfg --paths.train corpus/train.spacy --paths.dev corpus/dev.spacy",
    "<%= config.bin %> debug data config.cfg --verbose",
    "<%= config.bin %> debug data config.cfg --ignore-warnings --no-format",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml), or - for standard input" }),
  };
  static override flags = {
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
    "ignore-warnings": Flags.boolean({ default: false, description: "ignore warnings, only show stats and errors" }),
    "no-format": Flags.boolean({ default: false, description: "don't pretty-print the results (no icons, colors or dividers)" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(this.argv);
    const { args, flags } = await this.parse(DebugData, split.argv);
    this.setVerbose(flags.verbose);
    const report = await debugData(args.config, { overrides: split.overrides, code: flags.code });
    printReport(report, { verbose: flags.verbose, ignoreWarnings: flags["ignore-warnings"], noFormat: flags["no-format"] });
    if (hasErrors(report)) this.exit(1);
  }
}
