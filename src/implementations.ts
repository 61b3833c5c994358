/**
 * Attaches tsnlp's implementations to the declarations in the registry. The registry layer
 * only declares (it may not import the layers above it); this file, at the top of the house,
 * wires each layer's `register*` function in once.
 */
import { registerLanguageFunctions } from "./lang/register.js";
import { registerCombinators } from "./ml/register-combinators.js";
import { registerDenseLayers } from "./ml/register-dense.js";
import { registerEmbedLayers } from "./ml/register-embed.js";
import { registerVectorLayers } from "./ml/register-vectors.js";
import { registerHeadModels } from "./ml/models/register-models-heads.js";
import { registerTok2VecModels } from "./ml/models/register-models-tok2vec.js";
import { registerTrainingFunctions } from "./ml/register-training.js";
import { registerRecurrentLayers } from "./ml/register-recurrent.js";
import { registerPretrainModels } from "./ml/models/register-models-pretrain.js";
import { registerExtraModels } from "./ml/models/register-models-extra.js";
import { registry as globalRegistry, type Registry } from "./registry/index.js";
import { registerCorpusFunctions } from "./training/register.js";
import { registerClassifierFactories } from "./pipes/register-classifiers.js";
import { registerCoreFactories } from "./pipes/register-core.js";
import { registerMorphFactories } from "./pipes/register-morph.js";
import { registerNerFactory } from "./pipes/register-ner.js";
import { registerParserFactory } from "./pipes/register-parser.js";
import { registerRuleFactories } from "./pipes/register-rules.js";
import { registerLemmaFactories } from "./pipes/register-lemma.js";
import { registerScorerFunctions } from "./scorer/register.js";
import { registerBatchers as implementBatchers } from "./training/register-batchers.js";
import { registerLoggers as implementLoggers } from "./training/loggers/register.js";

const implemented = new WeakSet<Registry>();

export function implementBuiltins(registry: Registry = globalRegistry): Registry {
  if (implemented.has(registry)) return registry;
  implemented.add(registry);
  registerLanguageFunctions(registry);
  registerCorpusFunctions(registry);
  registerCombinators(registry);
  registerDenseLayers(registry);
  registerEmbedLayers(registry);
  registerVectorLayers(registry);
  registerHeadModels(registry);
  registerTok2VecModels(registry);
  registerRecurrentLayers(registry);
  registerExtraModels(registry);
  registerPretrainModels(registry);
  registerTrainingFunctions(registry);
  registerScorerFunctions(registry);
  implementBatchers(registry);
  implementLoggers(registry);
  registerCoreFactories(registry);
  registerClassifierFactories(registry);
  registerNerFactory(registry);
  registerParserFactory(registry);
  registerMorphFactories(registry);
  registerRuleFactories(registry);
  registerLemmaFactories(registry);
  return registry;
}
