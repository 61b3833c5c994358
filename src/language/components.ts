/**
 * Building a pipeline's components from their config blocks, and linking tok2vec listeners
 * to the tok2vec components they listen to (spaCy's Language.create_pipe and _link_components).
 */
import { resolveConfig } from "../config/resolve.js";
import { findFactory } from "../config/factories.js";
import { isSection, type Section } from "../config/tree.js";
import { isListener } from "../ml/models/tok2vec-listener.js";
import { notAvailable, type Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import { didYouMean, nearest } from "../util/suggest.js";
import type { Pipe, PipelineContext } from "../pipes/pipe.js";
import { Tok2Vec } from "../pipes/tok2vec.js";

/** Build one component from the interpolated, filled config. */
export function buildComponent(config: Section, name: string, nlp: PipelineContext, registry: Registry): Pipe {
  const components = isSection(config.components) ? config.components : {};
  const block = components[name];
  if (!isSection(block)) {
    const close = nearest(name, Object.keys(components), 3);
    throw new TsnlpError("E_PIPE_NO_CONFIG", `nlp.pipeline names '${name}', but the config has no [components.${name}] block.${didYouMean(name, close)}`, {
      hint: `Add a [components.${name}] block with a factory, or remove '${name}' from [nlp] pipeline.`,
    });
  }
  if (typeof block.source === "string" && block.factory === undefined) {
    throw new TsnlpError("E_PIPE_SOURCE", `components.${name}: sourcing a component from another pipeline ("source") is not supported yet.`, {
      hint: "Train the component in this pipeline instead (give it a factory).",
    });
  }
  if (typeof block.factory !== "string") {
    throw new TsnlpError("E_PIPE_NO_FACTORY", `components.${name} has no factory.`, { hint: `Add factory = "..." to [components.${name}], e.g. factory = "tagger".` });
  }
  const decl = findFactory(registry, block.factory, nlp.lang);
  if (!decl) {
    const close = nearest(block.factory, registry.names("factories"), 3);
    throw new TsnlpError("E_PIPE_UNKNOWN_FACTORY", `components.${name}: there is no factory '${block.factory}'.${didYouMean(block.factory, close)}`, {
      hint: "Run 'tsnlp debug config --show-functions' for the factories tsnlp knows, or register yours in a --code file.",
    });
  }
  if (!decl.build) {
    const error = notAvailable(decl);
    throw new TsnlpError(error.code, `components.${name}: ${error.message}`, { hint: error.hint });
  }
  const { factory: _factory, ...settings } = block;
  const args = resolveConfig(settings, registry, ["components", name]);
  return decl.build({ ...args, nlp, name }) as Pipe;
}

/**
 * Connect every listener layer to the tok2vec component it names ("*" for any), looking only
 * at components after that tok2vec, as spaCy does. A width that differs is an error here,
 * before training, rather than a shape error deep in a matMul.
 */
export function linkListeners(pipeline: ReadonlyArray<readonly [string, Pipe]>): void {
  pipeline.forEach(([upstreamName, upstream], i) => {
    if (!(upstream instanceof Tok2Vec)) return;
    upstream.listeners.length = 0;
    upstream.listeningComponents.length = 0;
    for (const [name, component] of pipeline.slice(i + 1)) {
      const model = (component as { model?: unknown }).model;
      if (!model || typeof (model as { walk?: unknown }).walk !== "function") continue;
      for (const node of (model as Tok2Vec["model"]).walk()) {
        if (!isListener(node) || !upstream.listensToMe(node)) continue;
        checkWidth(upstreamName, upstream, name, node.hasDim("nO") === true ? node.getDim("nO") : null);
        upstream.addListener(node, name);
      }
    }
  });
}

function checkWidth(upstreamName: string, upstream: Tok2Vec, name: string, listenerWidth: number | null): void {
  const width = upstream.model.hasDim("nO") === true ? upstream.model.getDim("nO") : null;
  if (width === null || listenerWidth === null || width === listenerWidth) return;
  throw new TsnlpError(
    "E_LISTENER_WIDTH",
    `components.${name}: its tok2vec listener has width ${listenerWidth}, but the tok2vec component '${upstreamName}' it listens to outputs vectors of width ${width}.`,
    { hint: `Set the listener's width to ${width} (e.g. width = \${components.${upstreamName}.model.encode.width}).` },
  );
}

