/**
 * The layer that pretraining trains and init_tok2vec loads (spaCy's get_tok2vec_ref and the
 * listener rule of create_pretraining_model, spacy/training/pretrain.py v3.5.4): the model of
 * [pretraining] component, or its `layer` ref; when that is a tok2vec listener, the model of the
 * tok2vec component it listens to. Both commands use this one rule, so the weights pretraining
 * saves go back where they came from.
 */
import type { Language } from "../../language.js";
import type { AnyModel } from "../../ml/model.js";
import { isListener, type Tok2VecListener } from "../../ml/models/tok2vec-listener.js";
import { Tok2Vec } from "../../pipes/tok2vec.js";
import { TrainablePipe } from "../../pipes/trainable-pipe.js";
import { TsnlpError } from "../../util/errors.js";
import { didYouMean, nearest } from "../../util/suggest.js";

export interface Tok2vecTarget {
  /** The component whose model holds the layer ([pretraining] component). */
  component: string;
  /** A ref of the component's model; "" for the whole model ([pretraining] layer). */
  layer: string;
}

export interface FoundTok2vec {
  model: AnyModel;
  /** Where the model lives, for messages: "components.tok2vec.model", "the model of 'tagger' (ref 'tok2vec')", ... */
  description: string;
}

/** The model that [pretraining] component and layer name. */
export function findTok2vec(nlp: Language, target: Tok2vecTarget): FoundTok2vec {
  const { component, layer } = target;
  if (!component) {
    throw new TsnlpError("E_PRETRAIN_COMPONENT", "pretraining.component is empty: it must name the component whose tok2vec is pretrained.", {
      hint: 'Set [pretraining] component (e.g. component = "tok2vec") and, for a tok2vec inside another component\'s model, layer (e.g. layer = "tok2vec").',
    });
  }
  if (!nlp.hasPipe(component)) {
    const names = nlp.componentNames;
    throw new TsnlpError(
      "E_PRETRAIN_COMPONENT",
      `pretraining.component is '${component}', but the pipeline has no such component.${didYouMean(component, nearest(component, names, 3))}`,
      {
        hint: `Name one of the pipeline's components (${names.join(", ") || "none"}) in [pretraining] component.`,
      },
    );
  }
  const pipe = nlp.getPipe(component);
  if (!(pipe instanceof TrainablePipe)) {
    throw new TsnlpError("E_PRETRAIN_COMPONENT", `pretraining.component is '${component}', which has no model to pretrain.`, {
      hint: "Name a component with a model (a tok2vec, or a component whose model has a tok2vec layer).",
    });
  }
  let model: AnyModel = pipe.model;
  let description = `components.${component}.model`;
  if (layer) {
    if (model.hasRef(layer) !== true) {
      const refs = [...model.refs].filter(([, ref]) => ref !== null).map(([name]) => name);
      throw new TsnlpError(
        "E_PRETRAIN_LAYER",
        `pretraining.layer is '${layer}', but the model of component '${component}' has no layer by that name.${didYouMean(layer, nearest(layer, refs, 3))}`,
        {
          hint:
            refs.length > 0
              ? `Its layers (refs): ${refs.join(", ")}; or set layer = "" for the whole model.`
              : 'It has no named layers: set layer = "" to pretrain the whole model.',
        },
      );
    }
    model = model.getRef(layer);
    description = `the '${layer}' layer of components.${component}.model`;
  }
  if (isListener(model)) {
    const upstream = upstreamOf(nlp, model);
    return { model: upstream.model, description: `components.${upstream.name}.model (the tok2vec that ${description} listens to)` };
  }
  return { model, description };
}

/** The tok2vec component a listener is linked to, or the one its upstream name gives ("*": "tok2vec", as spaCy). */
function upstreamOf(nlp: Language, listener: Tok2VecListener): Tok2Vec {
  for (const [, pipe] of nlp.components) if (pipe instanceof Tok2Vec && pipe.listeners.includes(listener)) return pipe;
  const name = listener.upstreamName === "*" ? "tok2vec" : listener.upstreamName;
  const pipe = nlp.hasPipe(name) ? nlp.getPipe(name) : undefined;
  if (pipe instanceof Tok2Vec) return pipe;
  throw new TsnlpError(
    "E_PRETRAIN_COMPONENT",
    `The pretrained layer is a tok2vec listener (upstream '${listener.upstreamName}'), but the pipeline has no tok2vec component '${name}' for it to listen to.`,
    {
      hint: "Add the tok2vec component the listener names, or point [pretraining] component and layer at a tok2vec model.",
    },
  );
}
