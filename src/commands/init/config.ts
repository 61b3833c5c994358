import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../../cli/base.js";
import { initConfig } from "../../config/init-config.js";
import { type ConfigFormat, configToString } from "../../config/load.js";
import { TEMPLATE_COMPONENTS } from "../../config/template.js";
import { registry } from "../../registry/index.js";
import { TsnlpError } from "../../util/errors.js";
import { exists, writeFileAtomic } from "../../util/io.js";

export default class InitConfig extends TsnlpCommand {
  static override summary = "Create a complete training config for a language and pipeline";
  static override description = `Renders the quickstart template for the options and fills in every default, like 'spacy init config'. Write to a file, or to standard output with '-'.

Components: ${TEMPLATE_COMPONENTS.join(", ")}. tok2vec is added when a component listens to it.`;
  static override examples = [
    "<%= config.bin %> init config config.cfg --lang en --pipeline tagger,parser,ner",
    "<%= config.bin %> init config config.cfg --pipeline textcat --optimize accuracy",
    "<%= config.bin %> init config config.toml --format toml --pipeline ner --pretraining",
    "<%= config.bin %> init config - --pipeline spancat",
  ];
  static override args = {
    output: Args.string({ required: true, description: "file to write (.cfg or .toml), or - for standard output" }),
  };
  static override flags = {
    lang: Flags.string({ char: "l", default: "en", description: "language code of the pipeline (e.g. en, de, zh)" }),
    pipeline: Flags.string({ char: "p", default: "tagger,parser,ner", description: "comma-separated components, e.g. tagger,parser,ner" }),
    optimize: Flags.string({ char: "o", default: "efficiency", options: ["efficiency", "accuracy"], description: "smaller and faster, or larger and more accurate" }),
    gpu: Flags.boolean({ char: "G", default: false, description: "the pipeline will train and run on a GPU (changes nlp.batch_size)" }),
    pretraining: Flags.boolean({ char: "t", default: false, description: "include a [pretraining] block for 'tsnlp pretrain'" }),
    force: Flags.boolean({ char: "F", default: false, description: "overwrite OUTPUT if it exists" }),
    format: Flags.string({ options: ["cfg", "toml"], description: "output format (default: from OUTPUT's extension, else cfg)" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(InitConfig);
    const format = (flags.format ?? (args.output.toLowerCase().endsWith(".toml") ? "toml" : "cfg")) as ConfigFormat;
    const toStdout = args.output === "-";
    if (!toStdout && exists(args.output) && !flags.force) {
      throw new TsnlpError("E_OUTPUT_EXISTS", `The output file exists already: ${args.output}`, { hint: "Use --force to overwrite it, or choose another name." });
    }
    const pipeline = flags.pipeline
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "");
    const { config, issues } = initConfig(registry, {
      lang: flags.lang,
      pipeline,
      optimize: flags.optimize as "efficiency" | "accuracy",
      gpu: flags.gpu,
      pretraining: flags.pretraining,
    });
    const text = configToString(config, format);
    if (toStdout) {
      process.stdout.write(text);
      return;
    }
    this.printer.info("Generated config template specific for your use case");
    this.printer.text(`- Language: ${flags.lang}\n- Pipeline: ${pipeline.join(", ")}\n- Optimize for: ${flags.optimize}\n- Hardware: ${flags.gpu ? "GPU" : "CPU"}`);
    for (const warning of issues) this.printer.warn(`${warning.path.join(".")} -> ${warning.key}: ${warning.message}`);
    writeFileAtomic(args.output, text);
    this.printer.good("Auto-filled config with all values");
    this.printer.good("Saved config", args.output);
    this.printer.text(`You can now add your data and train your pipeline:\ntsnlp train ${args.output} --paths.train ./train.spacy --paths.dev ./dev.spacy`);
  }
}
