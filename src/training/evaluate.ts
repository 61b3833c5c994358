/**
 * `tsnlp evaluate` as a library function (spacy/cli/evaluate.py, v3.5.4): load a trained
 * pipeline, read a corpus, score the pipeline on it, optionally write the scores as JSON and
 * displaCy-style HTML pages of the predictions.
 */
import { writeFileAtomic } from "../util/io.js";
import { loadPipeline } from "../language/disk.js";
import type { Language } from "../language.js";
import { selectBackend } from "../ml/backend.js";
import type { Scores } from "../pipes/pipe.js";
import { writeDisplacyPages } from "../render/index.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { createCorpusReader } from "./corpus.js";
import { type ResultTable, resultTables } from "./results.js";

export interface EvaluateModelOptions {
  output?: string;
  gpuId?: number;
  goldPreproc?: boolean;
  displacyPath?: string;
  displacyLimit?: number;
  perComponent?: boolean;
  spansKey?: string;
}

export interface EvaluateModelResult {
  nlp: Language;
  scores: Scores;
  tables: ResultTable[];
  /** What --output holds. */
  data: Record<string, unknown>;
  displacyFiles: string[];
}

export async function evaluateModel(modelPath: string, dataPath: string, options: EvaluateModelOptions = {}): Promise<EvaluateModelResult> {
  await selectBackend({ gpuId: options.gpuId ?? -1 });
  const nlp = loadPipeline(modelPath);
  const examples: Example[] = [];
  for await (const eg of createCorpusReader(dataPath, { goldPreproc: options.goldPreproc ?? false })(nlp)) examples.push(eg);
  if (examples.length === 0) {
    throw new TsnlpError("E_EMPTY_CORPUS", `The evaluation data ${dataPath} holds no documents.`, { file: dataPath, hint: "Give a .spacy file (from `tsnlp convert`) with documents." });
  }
  const scores = nlp.evaluate(examples, { perComponent: options.perComponent });
  const spansKey = options.spansKey ?? "sc";
  const { tables, data } = options.perComponent ? { tables: [], data: scores } : resultTables(scores, spansKey);
  if (options.output) writeFileAtomic(options.output, `${JSON.stringify(data, null, 2)}\n`);
  const displacyFiles = options.displacyPath
    ? writeDisplacyPages(
        options.displacyPath,
        // As spaCy renders them: the first docs' texts run through the pipeline afresh.
        nlp.pipe(examples.slice(0, options.displacyLimit ?? 25).map((eg) => eg.reference.text)),
        { limit: options.displacyLimit ?? 25, spansKey, title: String(nlp.meta.name ?? "pipeline"), style: displacyStyles(nlp) },
      )
    : [];
  return { nlp, scores, tables, data: data as Record<string, unknown>, displacyFiles };
}

/**
 * spaCy renders entities when the pipeline has an ner or entity_ruler, dependency parses when it
 * has a parser, spans when it has a spancat.
 */
function displacyStyles(nlp: Language): Array<"ent" | "dep" | "span"> {
  const factories = nlp.pipeline.map(([, component]) => component.factory);
  const styles: Array<"ent" | "dep" | "span"> = [];
  if (factories.some((f) => f === "ner" || f === "entity_ruler")) styles.push("ent");
  if (factories.some((f) => f === "parser" || f === "beam_parser")) styles.push("dep");
  if (factories.some((f) => f === "spancat" || f === "spancat_singlelabel")) styles.push("span");
  return styles.length > 0 ? styles : ["ent"];
}
