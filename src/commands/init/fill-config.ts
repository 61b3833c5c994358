import { Args, Flags } from "@oclif/core";
import chalk from "chalk";
import { TsnlpCommand } from "../../cli/base.js";
import { describeDiff, fillConfigFile } from "../../config/fill-file.js";
import { type ConfigFormat, formatOf } from "../../config/load.js";
import { loadCode, registry } from "../../registry/index.js";
import { writeFileAtomic } from "../../util/io.js";

export default class InitFillConfig extends TsnlpCommand {
  static override summary = "Fill a partial config with every default setting";
  static override description =
    "Adds the built-in defaults, each component's factory defaults, the missing arguments of every function block and the score weights, then validates the result, like 'spacy init fill-config'. The base file is never modified unless it is also OUTPUT; the output is written whole or not at all.";
  static override examples = [
    "<%= config.bin %> init fill-config base.cfg config.cfg",
    "<%= config.bin %> init fill-config base.cfg config.cfg --pretraining",
    "<%= config.bin %> init fill-config base.cfg --diff",
    "<%= config.bin %> init fill-config base.cfg config.cfg --code my_functions.ts",
  ];
  static override args = {
    base: Args.string({ required: true, description: "partial config (.cfg or .toml), or - for standard input" }),
    output: Args.string({ required: false, default: "-", description: "file to write, or - for standard output (the default)" }),
  };
  static override flags = {
    pretraining: Flags.boolean({ char: "t", default: false, description: "add the [pretraining] defaults" }),
    diff: Flags.boolean({ char: "D", default: false, description: "print the changes made to the base config" }),
    code: Flags.string({ char: "c", description: "a .js or .ts file that registers your own functions" }),
    format: Flags.string({ options: ["cfg", "toml"], description: "output format (default: from OUTPUT's extension, else the base's)" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(InitFillConfig);
    this.setVerbose(flags.verbose);
    if (flags.code) await loadCode(flags.code, registry);
    const toStdout = args.output === "-";
    const format = (flags.format ?? (toStdout ? (args.base === "-" ? "cfg" : formatOf(args.base)) : formatOf(args.output))) as ConfigFormat;
    const result = fillConfigFile(args.base, registry, { pretraining: flags.pretraining, format });
    for (const warning of result.issues) this.printer.warn(`${warning.path.join(".")} -> ${warning.key}: ${warning.message}`);
    if (toStdout) {
      process.stdout.write(result.text);
    } else {
      writeFileAtomic(args.output, result.text);
      this.printer.good("Auto-filled config with all values");
      this.printer.good("Saved config", args.output);
    }
    if (flags.diff) {
      this.printer.divider("Changes");
      this.printer.text(describeDiff(result.baseText, result.text, { added: chalk.green, removed: chalk.red }));
    }
  }
}
