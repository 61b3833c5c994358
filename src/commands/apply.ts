import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../cli/base.js";
import { applyPipeline } from "../training/apply.js";
import { type StepProgress, startStepProgress } from "../training/loggers/progress.js";

export default class Apply extends TsnlpCommand {
  static override summary = "Run a trained pipeline over texts and save the annotated docs";
  static override description =
    "Like 'spacy apply': reads the texts of DATA_PATH (a .spacy file of docs, a .jsonl file with one JSON object per line whose --text-key holds the text, a .txt file with one text per line, or a folder searched recursively for such files), runs the pipeline over them in batches and writes every annotated doc into one .spacy file (.spacy is added to OUTPUT_FILE when it has no extension). Other files in a folder are skipped with a warning.";
  static override examples = [
    "<%= config.bin %> apply out/model-best texts.jsonl annotated.spacy",
    "<%= config.bin %> apply out/model-best corpus/ annotated.spacy --batch-size 64 --force",
    "<%= config.bin %> apply out/model-best reviews.jsonl annotated.spacy --text-key body",
  ];
  static override args = {
    model: Args.string({ required: true, description: "pipeline folder (e.g. out/model-best)" }),
    data_path: Args.string({ required: true, description: ".spacy, .jsonl or .txt file, or a folder of them" }),
    output_file: Args.string({ required: true, description: "the .spacy file to write" }),
  };
  static override flags = {
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
    "text-key": Flags.string({ default: "text", description: "key of the text in each .jsonl line" }),
    force: Flags.boolean({ char: "F", default: false, description: "overwrite the output file if it exists" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to use (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    "batch-size": Flags.integer({ char: "b", default: 1, min: 1, description: "texts per batch" }),
    "n-process": Flags.integer({ char: "n", default: 1, min: 1, description: "accepted for spaCy compatibility; tsnlp runs in one process" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Apply);
    this.setVerbose(flags.verbose);
    const { loadCode, registry } = await import("../registry/index.js");
    const { implementBuiltins } = await import("../implementations.js");
    implementBuiltins(registry);
    for (const file of flags.code ?? []) await loadCode(file, registry);
    if (flags["n-process"] > 1) this.printer.warn(`--n-process ${flags["n-process"]} is ignored: tsnlp annotates in one process.`);
    // The bar starts with the first batch, after the messages about loading.
    let progress: StepProgress | undefined;
    let shown = 0;
    try {
      const result = await applyPipeline(args.model, args.data_path, args.output_file, {
        textKey: flags["text-key"],
        force: flags.force,
        gpuId: flags["gpu-id"],
        batchSize: flags["batch-size"],
        registry,
        printer: this.printer,
        onProgress: (docs) => {
          progress ??= startStepProgress(process.stderr, { total: 0, initial: 0, description: "Applying (docs)" });
          for (; shown < docs; shown++) progress.increment();
        },
      });
      progress?.close();
      this.printer.good(`Saved ${result.docs} annotated docs to ${result.output}`);
    } finally {
      progress?.close();
    }
  }
}
