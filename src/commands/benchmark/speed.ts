import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../../cli/base.js";
import { benchmarkSpeed } from "../../training/benchmark-speed.js";
import { type StepProgress, startStepProgress } from "../../training/loggers/progress.js";

export default class BenchmarkSpeed extends TsnlpCommand {
  static override summary = "Measure how many words per second a pipeline annotates";
  static override description =
    "Like 'spacy benchmark speed': annotates the docs of DATA_PATH --warmup times over, then times --batches batches of texts drawn from them at random (in order with --no-shuffle), and prints the mean words per second with a 95% bootstrap confidence interval and the share of outlying batches.";
  static override examples = [
    "<%= config.bin %> benchmark speed out/model-best corpus/dev.spacy",
    "<%= config.bin %> benchmark speed out/model-best corpus/dev.spacy --batch-size 64 --batches 100 --warmup 1",
  ];
  static override args = {
    model: Args.string({ required: true, description: "pipeline folder (e.g. out/model-best)" }),
    data_path: Args.string({ required: true, description: ".spacy file or folder of them whose texts are annotated" }),
  };
  static override flags = {
    "batch-size": Flags.integer({ char: "b", min: 1, description: "docs per batch (default: the pipeline's [nlp] batch_size)" }),
    "no-shuffle": Flags.boolean({ default: false, description: "take the texts in corpus order instead of at random" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to use (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    batches: Flags.integer({ default: 50, min: 30, description: "batches to time (at least 30)" }),
    warmup: Flags.integer({ char: "w", default: 3, min: 0, description: "passes over the data before timing" }),
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(BenchmarkSpeed);
    this.setVerbose(flags.verbose);
    const { loadCode, registry } = await import("../../registry/index.js");
    const { implementBuiltins } = await import("../../implementations.js");
    implementBuiltins(registry);
    for (const file of flags.code ?? []) await loadCode(file, registry);
    const bars = new Map<string, StepProgress>();
    const shown = new Map<string, number>();
    const closeAll = () => {
      for (const bar of bars.values()) bar.close();
    };
    try {
      await benchmarkSpeed(args.model, args.data_path, {
        batchSize: flags["batch-size"],
        shuffle: !flags["no-shuffle"],
        gpuId: flags["gpu-id"],
        batches: flags.batches,
        warmup: flags.warmup,
        registry,
        printer: {
          ...this.printer,
          // The bar of a finished phase goes before the next line is printed.
          text: (line) => {
            closeAll();
            this.printer.text(line);
          },
        },
        onProgress: (phase, done, total) => {
          let bar = bars.get(phase);
          if (!bar) {
            bar = startStepProgress(process.stderr, { total, initial: 0, description: phase === "warmup" ? "Warming up (docs)" : "Benchmarking (docs)" });
            bars.set(phase, bar);
          }
          for (let i = shown.get(phase) ?? 0; i < done; i++) bar.increment();
          shown.set(phase, done);
        },
      });
    } finally {
      closeAll();
    }
  }
}
