import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { evaluateModel } from "../training/evaluate.js";

export default class Evaluate extends TsnlpCommand {
  static override summary = "Score a trained pipeline on annotated data";
  static override description =
    "Like 'spacy evaluate': loads the pipeline, runs it over the documents of a .spacy file (or a folder of them) and prints token accuracy, tag, POS, morphology and lemma accuracy, entity, span and sentence precision/recall/F, text classification scores, tables per label, and words per second.";
  static override aliases = ["benchmark:accuracy"];
  static override examples = [
    "<%= config.bin %> evaluate out/model-best corpus/dev.spacy",
    "<%= config.bin %> evaluate out/model-best corpus/test.spacy --output metrics.json --displacy-path pages",
  ];
  static override args = {
    model: Args.string({ required: true, description: "pipeline folder (e.g. out/model-best)" }),
    data_path: Args.string({ required: true, description: ".spacy file or folder of them to score on" }),
  };
  static override flags = {
    output: Flags.string({ char: "o", description: "write the scores to this JSON file" }),
    code: Flags.string({ char: "c", description: "a .js or .ts file that registers your own functions or components" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to use (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    "gold-preproc": Flags.boolean({ char: "G", default: false, description: "use the gold tokenization and sentences" }),
    "displacy-path": Flags.string({ char: "d", description: "write HTML pages of the predicted entities and spans into this folder" }),
    "displacy-limit": Flags.integer({ char: "l", default: 25, min: 0, description: "documents shown in the HTML pages" }),
    "per-component": Flags.boolean({ char: "P", default: false, description: "scores per component (written to --output)" }),
    "spans-key": Flags.string({ default: "sc", description: "span group the span scores and pages use" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Evaluate);
    this.setVerbose(flags.verbose);
    if (flags.code) {
      const { loadCode, registry } = await import("../registry/index.js");
      await loadCode(flags.code, registry);
    }
    const { implementBuiltins } = await import("../implementations.js");
    implementBuiltins();
    const result = await evaluateModel(args.model, args.data_path, {
      output: flags.output,
      gpuId: flags["gpu-id"],
      goldPreproc: flags["gold-preproc"],
      displacyPath: flags["displacy-path"],
      displacyLimit: flags["displacy-limit"],
      perComponent: flags["per-component"],
      spansKey: flags["spans-key"],
    });
    for (const table of result.tables) {
      this.printer.divider(table.title);
      this.printer.table(table.rows, table.header);
    }
    if (flags["per-component"] && !flags.output) this.printer.warn("--per-component is set but there is no --output file to save the scores to.");
    if (flags.output) this.printer.good(`Saved results to ${flags.output}`);
    for (const file of result.displacyFiles) this.printer.good(`Generated HTML page: ${file}`);
  }
}
