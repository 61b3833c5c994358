import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { info, stringToList } from "../training/info.js";

export default class Info extends TsnlpCommand {
  static override summary = "Print information about tsnlp or a pipeline";
  static override description =
    "Like 'spacy info': without MODEL, tsnlp's version, location and platform, the Node.js version, the TensorFlow.js backends installed and the one a run uses; with a pipeline folder, its meta.json (without the scores). --markdown prints Markdown to paste into an issue.";
  static override examples = ["<%= config.bin %> info", "<%= config.bin %> info out/model-best --exclude labels,sources", "<%= config.bin %> info --markdown"];
  static override args = {
    model: Args.string({ required: false, description: "pipeline folder (e.g. out/model-best)" }),
  };
  static override flags = {
    markdown: Flags.boolean({ default: false, description: "print Markdown for a GitHub issue" }),
    silent: Flags.boolean({ char: "s", default: false, description: "print nothing" }),
    exclude: Flags.string({ char: "e", default: "labels", description: "comma-separated keys to leave out" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Info);
    this.setVerbose(flags.verbose);
    const result = await info(args.model, { markdown: flags.markdown, exclude: stringToList(flags.exclude) });
    if (flags.silent) return;
    if (!flags.markdown) this.printer.divider(result.title);
    for (const line of result.lines) this.printer.text(line);
  }
}
