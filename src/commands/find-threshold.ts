import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { findThreshold } from "../training/find-threshold.js";

export default class FindThreshold extends TsnlpCommand {
  static override summary = "Find the threshold of a component setting that maximizes a score";
  static override description =
    "Like 'spacy find-threshold': scores the pipeline on DATA_PATH with the setting THRESHOLD_KEY of component PIPE_NAME (a key of its config block, dotted for nested ones) at --n_trials values from 0 to 1, prints SCORES_KEY for each and the best threshold. Useful for the threshold of spancat and textcat_multilabel; textcat's exclusive classes use none.";
  static override examples = [
    "<%= config.bin %> find-threshold out/model-best corpus/dev.spacy spancat threshold spans_sc_f",
    "<%= config.bin %> find-threshold out/model-best corpus/dev.spacy textcat_multilabel threshold cats_macro_f --n_trials 21",
  ];
  static override args = {
    model: Args.string({ required: true, description: "pipeline folder (e.g. out/model-best)" }),
    data_path: Args.string({ required: true, description: ".spacy file or folder of them to score on" }),
    pipe_name: Args.string({ required: true, description: "the component whose setting is varied" }),
    threshold_key: Args.string({ required: true, description: "the setting in the component's config block, e.g. threshold" }),
    scores_key: Args.string({ required: true, description: "the score to maximize, e.g. spans_sc_f or cats_macro_f" }),
  };
  static override flags = {
    n_trials: Flags.integer({ char: "n", default: 11, min: 1, aliases: ["n-trials"], description: "thresholds tried, evenly spaced from 0 to 1" }),
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to use (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    "gold-preproc": Flags.boolean({ char: "G", default: false, description: "use the gold tokenization and sentences" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(FindThreshold);
    this.setVerbose(flags.verbose);
    const { loadCode, registry } = await import("../registry/index.js");
    const { implementBuiltins } = await import("../implementations.js");
    implementBuiltins(registry);
    for (const file of flags.code ?? []) await loadCode(file, registry);
    await findThreshold(args.model, args.data_path, args.pipe_name, args.threshold_key, args.scores_key, {
      nTrials: flags.n_trials,
      gpuId: flags["gpu-id"],
      goldPreproc: flags["gold-preproc"],
      registry,
      printer: this.printer,
    });
  }
}
