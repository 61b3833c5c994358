/**
 * [initialize] init_tok2vec (spaCy's init_tok2vec, spacy/training/initialize.py v3.5.4): load
 * weights written by `tsnlp pretrain` into the tok2vec that [pretraining] component and layer
 * name, after the components are initialized and before training starts.
 *
 * spaCy skips the weights silently when the config has no [pretraining] block; here the
 * pipeline's tok2vec component takes them, or the error says why none can.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { isSection, type Section } from "../../config/tree.js";
import type { Language } from "../../language.js";
import { Tok2Vec } from "../../pipes/tok2vec.js";
import { TsnlpError } from "../../util/errors.js";
import { type FoundTok2vec, findTok2vec, type Tok2vecTarget } from "./tok2vec-ref.js";

/** Load the pretrained weights at `path` into the pipeline's tok2vec; returns where they went. */
export function initTok2vec(nlp: Language, path: string, config: Section): FoundTok2vec {
  if (!existsSync(path) || statSync(path).isDirectory()) {
    throw new TsnlpError(
      "E_INIT_TOK2VEC_FILE",
      `initialize.init_tok2vec: can't find pretrained tok2vec weights at ${path}${existsSync(path) ? " (it is a folder)" : ""}.`,
      {
        hint: "Give the path of a weights file written by `tsnlp pretrain` (model{epoch}.bin or model-last.bin), e.g. --paths.init_tok2vec pretrain/model-last.bin.",
      },
    );
  }
  const target = targetOf(nlp, config);
  const found = findTok2vec(nlp, target);
  try {
    found.model.fromBytes(readFileSync(path));
  } catch (error) {
    if (!(error instanceof TsnlpError)) throw error;
    throw new TsnlpError("E_INIT_TOK2VEC_MISMATCH", `The pretrained weights in ${path} do not fit ${found.description}: ${error.message}`, {
      file: path,
      hint: "Pretrain and train with the same tok2vec settings (widths, rows, attrs, depth, window size), ideally from the same config file.",
      cause: error,
    });
  }
  return found;
}

/** [pretraining] component and layer, or the pipeline's tok2vec component when the config has no [pretraining] block. */
function targetOf(nlp: Language, config: Section): Tok2vecTarget {
  const block = config.pretraining;
  if (isSection(block) && Object.keys(block).length > 0) {
    return { component: typeof block.component === "string" ? block.component : "", layer: typeof block.layer === "string" ? block.layer : "" };
  }
  if (nlp.hasPipe("tok2vec")) return { component: "tok2vec", layer: "" };
  const tok2vecs = nlp.components.filter(([, pipe]) => pipe instanceof Tok2Vec).map(([name]) => name);
  if (tok2vecs.length === 1) return { component: tok2vecs[0]!, layer: "" };
  const why =
    tok2vecs.length === 0
      ? `the pipeline (${nlp.componentNames.join(", ") || "empty"}) has no tok2vec component`
      : `the pipeline has ${tok2vecs.length} tok2vec components (${tok2vecs.join(", ")})`;
  throw new TsnlpError(
    "E_INIT_TOK2VEC_TARGET",
    `initialize.init_tok2vec is set, but the config has no [pretraining] block saying which tok2vec the weights belong to, and ${why}.`,
    {
      hint: 'Add the [pretraining] block you pretrained with (at least component = "NAME" and layer = "" or the layer\'s name), or set initialize.init_tok2vec = null.',
    },
  );
}
