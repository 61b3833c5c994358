/**
 * tsnlp's public API: everything a command does, a script can do through these.
 */
import { implementBuiltins } from "./implementations.js";

// The registry's built-in declarations get their implementations before any config is resolved.
implementBuiltins();

export { implementBuiltins };
export { fillAndValidate, fillConfig } from "./config/fill.js";
export type { FillOptions, FillResult } from "./config/fill.js";
export { describeDiff, fillConfigFile } from "./config/fill-file.js";
export { initConfig } from "./config/init-config.js";
export type { InitConfigOptions } from "./config/init-config.js";
export { interpolate } from "./config/interpolate.js";
export { ConfigValidationError, formatIssues } from "./config/issues.js";
export type { ConfigIssue } from "./config/issues.js";
export { configToString, formatOf, loadConfig, parseConfig, readConfig } from "./config/load.js";
export type { ConfigFormat } from "./config/load.js";
export { applyOverrides, overridesFromEnv, parseOverrides } from "./config/overrides.js";
export { inspectConfig } from "./config/report.js";
export { Interp, isSection } from "./config/tree.js";
export type { Section, Value } from "./config/tree.js";
export { validateConfig } from "./config/validate.js";
export { REGISTRY_NAMES, Registry, argInfo, declareFactory, declareFunction, loadCode, notAvailable, registry, t } from "./registry/index.js";
export type { Decl, FactoryDecl, FunctionDecl, RegistryName } from "./registry/index.js";
export { TsnlpError } from "./util/errors.js";
export { formatSig, sig } from "./util/signature.js";
export type { Sig } from "./util/signature.js";
export * from "./tokens/index.js";
export {
  createTokenizer,
  createVocab,
  getLanguageDefaults,
  LANGUAGES_WITH_DATA,
  registerLanguageFunctions,
  Tokenizer,
} from "./lang/index.js";
export type { LanguageDefaults, TokenizedText, TokenizerFactory, TokenizerHost, TokenizerOptions, TokenizerRules } from "./lang/index.js";
export { convertFile, convertText, FILE_TYPES } from "./training/convert.js";
export type { ConvertedFile, ConvertOptions, ConvertResult, ConvertTextOptions, FileType } from "./training/convert.js";
export { CONVERTERS, detectConverter, docsToJson } from "./training/converters/index.js";
export { createCorpusReader } from "./training/corpus.js";
export type { CorpusOptions } from "./training/corpus.js";
export { createJsonlReader, createPlainTextReader } from "./training/corpus-text.js";
export type { JsonlCorpusOptions, PlainTextCorpusOptions } from "./training/corpus-text.js";
export type { Augmenter, Reader, ReaderNlp } from "./training/reader-types.js";
export { hashString, murmurHash64A } from "./util/hash.js";
export { getLayersModel, tfjsWrapper } from "./ml/wrappers/index.js";
export type { TfjsConvertInputs, TfjsConvertOutputs, TfjsWrapperOptions } from "./ml/wrappers/index.js";
export { blank, Language } from "./language.js";
export type { AddPipeOptions, FromConfigOptions, NlpUpdateOptions } from "./language.js";
export { loadPipeline, loadPipeline as load, pipelineToDisk } from "./language/disk.js";
export type { Meta } from "./language/meta.js";
export { Pipe, minibatch } from "./pipes/pipe.js";
export type { InitializeOptions, PipelineContext, Scores, ScoreValue, ScorerFn } from "./pipes/pipe.js";
export { TrainablePipe } from "./pipes/trainable-pipe.js";
export type { UpdateOptions } from "./pipes/trainable-pipe.js";
export { Tagger } from "./pipes/tagger.js";
export { Tok2Vec } from "./pipes/tok2vec.js";
export { Tok2VecListener } from "./ml/models/tok2vec-listener.js";
export { train } from "./training/train.js";
export type { TrainOptions, TrainResult } from "./training/train.js";
export { evaluateModel } from "./training/evaluate.js";
export type { EvaluateModelOptions, EvaluateModelResult } from "./training/evaluate.js";
export { Model, withScope } from "./ml/model.js";
export { selectBackend } from "./ml/backend.js";
export { fixRandomSeed } from "./util/random.js";
export { debugData, hasErrors, printReport } from "./training/debug-data/index.js";
export { EntityRecognizer } from "./pipes/ner.js";
export { EntityRuler } from "./pipes/entity-ruler.js";
export { Sentencizer } from "./pipes/sentencizer.js";
export { Matcher, PhraseMatcher } from "./matcher/index.js";
export { DependencyParser } from "./pipes/parser.js";
export { deprojectivize, projectivize } from "./pipes/transition/nonproj.js";
export { Morphologizer } from "./pipes/morphologizer.js";
export { SentenceRecognizer } from "./pipes/senter.js";
export { EditTreeLemmatizer } from "./pipes/trainable-lemmatizer.js";
export { Lemmatizer } from "./pipes/lemmatizer.js";
export { AttributeRuler } from "./pipes/attribute-ruler.js";
export { TextCategorizer } from "./pipes/textcat.js";
export { MultiLabelTextCategorizer } from "./pipes/textcat-multilabel.js";
export { SpanCategorizer } from "./pipes/spancat.js";
export { Vectors } from "./tokens/vectors.js";
export { renderDeps, renderEntities, renderSpans, writeDisplacyPages } from "./render/index.js";
export { pretrain } from "./training/pretrain/pretrain.js";
export { initTok2vec } from "./training/pretrain/init-tok2vec.js";
export { initVectors } from "./training/init-vectors.js";
export { loadVectorsFrom } from "./language/vectors.js";
