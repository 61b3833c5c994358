/**
 * `tsnlp assemble` as a library function (spacy/cli/assemble.py, v3.5.4): build the pipeline
 * a config describes and save it without training. As in spaCy the pipeline is initialized
 * with no training data (Language.initialize with a dummy "x y z" example): rule-based
 * components build their rules, models get their initial (random) weights, and a trainable
 * component that needs labels must get them from [initialize.components.NAME] labels (for
 * instance from `tsnlp init labels`), else assembling fails as spaCy's does (E143).
 */
import { existsSync, mkdirSync } from "node:fs";
import { Language } from "../language.js";
import { selectBackend } from "../ml/backend.js";
import { Doc } from "../tokens/doc.js";
import { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { type ConfigSource, readFilledConfig } from "./init-pipeline.js";

export interface AssembleOptions extends ConfigSource {
  printer?: Printer;
}

export interface AssembleResult {
  nlp: Language;
  outputPath: string;
}

const SILENT = createPrinter(() => {});

export async function assemble(configPath: string, outputPath: string, options: AssembleOptions = {}): Promise<AssembleResult> {
  const printer = options.printer ?? SILENT;
  const { config, registry } = await readFilledConfig(configPath, options);
  printer.divider("Initializing pipeline");
  await selectBackend();
  const nlp = Language.fromConfig(config, { registry, autoFill: false });
  const dummy = () => [Example.fromDict(new Doc(nlp.vocab, { words: ["x", "y", "z"] }), {})];
  try {
    nlp.initialize(dummy);
  } catch (error) {
    throw explainMissingLabels(error);
  }
  printer.good("Initialized pipeline");
  printer.divider("Serializing to disk");
  if (!existsSync(outputPath)) {
    mkdirSync(outputPath, { recursive: true });
    printer.good(`Created output directory: ${outputPath}`);
  }
  nlp.toDisk(outputPath);
  printer.good("Saved pipeline to output directory", outputPath);
  return { nlp, outputPath };
}

/** Without training data a component's labels can come only from the config. */
function explainMissingLabels(error: unknown): unknown {
  if (!(error instanceof TsnlpError) || error.code !== "E_PIPE_NO_LABELS") return error;
  const name = /Component '([^']+)'/.exec(error.message)?.[1] ?? "NAME";
  return new TsnlpError("E_PIPE_NO_LABELS", `Labels for component '${name}' not initialized: assemble reads no training data to find them in.`, {
    hint: `Give them in [initialize.components.${name}] labels (e.g. write them with \`tsnlp init labels\` and read them with @readers = "spacy.read_labels.v1"), or train the pipeline with \`tsnlp train\`.`,
    cause: error,
  });
}
