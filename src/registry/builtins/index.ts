import type { Registry } from "../registry.js";
import { registerAugmenters } from "./augmenters.js";
import { registerBatchers } from "./batchers.js";
import { registerCallbacks } from "./callbacks.js";
import { registerEntityLinker } from "./entity_linker.js";
import { registerFactories } from "./factories/index.js";
import { registerInitializers } from "./initializers.js";
import { registerThincLayers } from "./layers.js";
import { registerLoggers } from "./loggers.js";
import { registerLosses } from "./losses.js";
import { registerMisc } from "./misc.js";
import { registerOptimizers } from "./optimizers.js";
import { registerParser } from "./parser.js";
import { registerPretrain } from "./pretrain.js";
import { registerReaders } from "./readers.js";
import { registerSchedules } from "./schedules.js";
import { registerScorers } from "./scorers.js";
import { registerSpacyLayers } from "./spacy_layers.js";
import { registerSpancat } from "./spancat.js";
import { registerTagger } from "./tagger.js";
import { registerTextcat } from "./textcat.js";
import { registerTok2Vec } from "./tok2vec.js";
import { registerTokenizers } from "./tokenizers.js";
import { registerTransformers } from "./transformers.js";

/** Every built-in declaration, registered in one place (a snapshot test lists the names). */
export function registerBuiltins(registry: Registry): void {
  // architectures
  registerTok2Vec(registry);
  registerTagger(registry);
  registerTextcat(registry);
  registerSpancat(registry);
  registerParser(registry);
  registerEntityLinker(registry);
  registerPretrain(registry);
  registerTransformers(registry);
  // layers
  registerSpacyLayers(registry);
  registerThincLayers(registry);
  // training
  registerOptimizers(registry);
  registerSchedules(registry);
  registerBatchers(registry);
  registerReaders(registry);
  registerLoggers(registry);
  registerAugmenters(registry);
  registerCallbacks(registry);
  // everything else
  registerScorers(registry);
  registerTokenizers(registry);
  registerMisc(registry);
  registerInitializers(registry);
  registerLosses(registry);
  // components
  registerFactories(registry);
}
