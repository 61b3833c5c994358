import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../../cli/base.js";
import { splitOverrides } from "../../cli/overrides.js";
import { debugModelFromConfig, parseLayerList } from "../../training/debug-model.js";

/** spaCy's multi-letter short options, which oclif (one letter per short flag) cannot declare. */
export const SPACY_SHORT_FLAGS: Readonly<Record<string, string>> = {
  "-DIM": "--dimensions",
  "-PAR": "--parameters",
  "-GRAD": "--gradients",
  "-ATTR": "--attributes",
  "-P0": "--print-step0",
  "-P1": "--print-step1",
  "-P2": "--print-step2",
  "-P3": "--print-step3",
};

/** Replace spaCy's short options by the long flags, up to a "--" that ends the options. */
export function expandSpacyShortFlags(argv: readonly string[]): string[] {
  const end = argv.indexOf("--");
  return argv.map((word, i) => (end !== -1 && i > end ? word : (SPACY_SHORT_FLAGS[word] ?? word)));
}

export default class DebugModel extends TsnlpCommand {
  static override summary = "Analyze a component's model as it initializes, trains and predicts";
  static override description =
    "Like 'spacy debug model': builds the pipeline from the config and follows one component's model through four steps: as built (0), after initialization on the training corpus or, without one, on four sample sentences (1), after three updates with Adam(0.001) and dropout 0.2 against simulated gold (2), and its prediction (3). For each printed step it lists every layer as 'Layer N: model ID ID: NAME' with, on request, its dimensions (None while unset), a sample of each parameter and gradient (shape and first values), and its attributes. spaCy's short options are accepted as well: -DIM, -PAR, -GRAD, -ATTR and -P0 to -P3 mean --dimensions, --parameters, --gradients, --attributes and --print-step0 to --print-step3. Config overrides (--paths.train corpus/train.spacy) apply before the pipeline is built.";
  static override examples = [
    "<%= config.bin %> debug model config.cfg tagger -DIM -PAR -P0 -P1 -P2 -P3 --paths.train corpus/train.spacy",
    "<%= config.bin %> debug model config.cfg tagger --layers 0,3 --parameters --gradients --print-step2",
    "<%= config.bin %> debug model config.cfg tok2vec --attributes --print-step1",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml), or - for standard input" }),
    component: Args.string({ required: true, description: "name of the pipeline component whose model is analysed" }),
  };
  static override flags = {
    layers: Flags.string({ char: "l", default: "", description: "comma-separated layer numbers (the N of 'Layer N') to print; all by default" }),
    dimensions: Flags.boolean({ default: false, description: "show each layer's dimensions (-DIM)" }),
    parameters: Flags.boolean({ default: false, description: "show a sample of each parameter (-PAR)" }),
    gradients: Flags.boolean({ default: false, description: "show a sample of each gradient (-GRAD)" }),
    attributes: Flags.boolean({ default: false, description: "show each layer's attributes (-ATTR)" }),
    "print-step0": Flags.boolean({ default: false, description: "print the model before initialization (-P0)" }),
    "print-step1": Flags.boolean({ default: false, description: "print the model after initialization (-P1)" }),
    "print-step2": Flags.boolean({ default: false, description: "print the model after the updates (-P2)" }),
    "print-step3": Flags.boolean({ default: false, description: "print the final prediction (-P3)" }),
    "gpu-id": Flags.integer({ char: "g", default: -1, description: "GPU to use (needs @tensorflow/tfjs-node-gpu); -1 for the CPU" }),
    code: Flags.string({ char: "c", multiple: true, description: "a .js or .ts file that registers your own functions or components" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(expandSpacyShortFlags(this.argv));
    const { args, flags } = await this.parse(DebugModel, split.argv);
    this.setVerbose(flags.verbose);
    await debugModelFromConfig(args.config, args.component, {
      overrides: split.overrides,
      code: flags.code,
      gpuId: flags["gpu-id"],
      layers: parseLayerList(flags.layers),
      dimensions: flags.dimensions,
      parameters: flags.parameters,
      gradients: flags.gradients,
      attributes: flags.attributes,
      printBeforeTraining: flags["print-step0"],
      printAfterInit: flags["print-step1"],
      printAfterTraining: flags["print-step2"],
      printPrediction: flags["print-step3"],
      printer: this.printer,
    });
  }
}
