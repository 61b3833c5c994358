import type { Registry } from "../../registry.js";
import { registerEntityLinkerFactory } from "./entity_linker.js";
import { registerExperimentalFactories } from "./experimental.js";
import { registerFunctionFactories } from "./functions.js";
import { registerLemmatizerFactories } from "./lemmatizer.js";
import { registerParserFactories } from "./parser.js";
import { registerRulerFactories } from "./rulers.js";
import { registerSpancatFactories } from "./spancat.js";
import { registerTaggingFactories } from "./tagging.js";
import { registerTextcatFactories } from "./textcat.js";
import { registerTok2VecFactory } from "./tok2vec.js";
import { registerTransformerFactory } from "./transformer.js";

/** Every built-in component factory. */
export function registerFactories(registry: Registry): void {
  registerTok2VecFactory(registry);
  registerTaggingFactories(registry);
  registerParserFactories(registry);
  registerTextcatFactories(registry);
  registerSpancatFactories(registry);
  registerLemmatizerFactories(registry);
  registerEntityLinkerFactory(registry);
  registerRulerFactories(registry);
  registerFunctionFactories(registry);
  registerTransformerFactory(registry);
  registerExperimentalFactories(registry);
}
