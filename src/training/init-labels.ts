/**
 * `tsnlp init labels` as a library function (init_labels_cli in spacy/cli/init_pipeline.py,
 * v3.5.4): initialize the pipeline on the config's training corpus, then write each
 * component's label data to OUTPUT/NAME.json. Training can then read the labels with
 * spacy.read_labels.v1 in [initialize.components.NAME] instead of scanning the corpus.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Language } from "../language.js";
import { selectBackend } from "../ml/backend.js";
import type { Pipe } from "../pipes/pipe.js";
import { writeFileAtomic } from "../util/io.js";
import { createPrinter, type Printer } from "../util/printer.js";
import { type ConfigSource, initPipelineFromConfig, readFilledConfig } from "./init-pipeline.js";

export interface InitLabelsOptions extends ConfigSource {
  gpuId?: number;
  printer?: Printer;
}

export interface InitLabelsResult {
  nlp: Language;
  /** The file written for each component that has label data. */
  files: Record<string, string>;
  /** Components without label data. */
  without: string[];
}

const SILENT = createPrinter(() => {});

export async function initLabels(configPath: string, outputPath: string, options: InitLabelsOptions = {}): Promise<InitLabelsResult> {
  const printer = options.printer ?? SILENT;
  mkdirSync(outputPath, { recursive: true });
  const { config, registry } = await readFilledConfig(configPath, options);
  await selectBackend({ gpuId: options.gpuId ?? -1 });
  const nlp = await initPipelineFromConfig(config, registry);
  const files: Record<string, string> = {};
  const without: string[] = [];
  for (const [name, component] of nlp.pipeline) {
    const data = labelData(component);
    if (data === null) {
      without.push(name);
      printer.info(`No label data found for component '${name}'`);
      continue;
    }
    const file = join(outputPath, `${name}.json`);
    writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
    files[name] = file;
    printer.good(`Saving label data for component '${name}' to ${file}`);
  }
  return { nlp, files, without };
}

/** spaCy's component.label_data: what the component's initialize takes back as `labels`, or null. */
export function labelData(component: Pipe): unknown {
  return component.labelData;
}
