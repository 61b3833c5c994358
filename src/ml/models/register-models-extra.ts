/**
 * Implementations of spaCy's remaining encoder and classifier architectures declared in
 * src/registry/builtins/tok2vec.ts and textcat.ts: spacy.TorchBiLSTMEncoder.v1,
 * spacy.TextCatEnsemble.v1 and spacy.TextCatLowData.v1. Static vectors come from whatever
 * implements spacy.StaticVectors in the registry, looked up when a model needs them.
 */
import type { Registry } from "../../registry/registry.js";
import { TsnlpError } from "../../util/errors.js";
import { torchBiLSTMEncoder } from "./bilstm.js";
import { noStaticVectors, type StaticVectorsFactory, type StaticVectorsLayer, textCatEnsembleV1, textCatLowData } from "./textcat-legacy.js";

type Args = Record<string, unknown>;

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

function wholeNumber(name: string, args: Args, key: string): number {
  const value = num(args[key]);
  if (value === null) throw new TsnlpError("E_ARCH_ARGS", `${name} needs '${key}' (a whole number).`);
  return value;
}

/**
 * StaticVectors(width) as spaCy calls it (spacy-legacy's TextCatEnsemble.v1 asks for
 * spacy.StaticVectors.v1, TextCatLowData.v1 for the current one), built with its declared
 * defaults; a clear error while it has no implementation.
 */
function staticVectors(registry: Registry, name: string, architecture: string): StaticVectorsFactory {
  return (width) => {
    const decl = registry.find("layers", name);
    if (!decl?.build) throw noStaticVectors(architecture);
    return decl.build(decl.args.parse({ nO: width }) as Args, []) as StaticVectorsLayer;
  };
}

export function registerExtraModels(registry: Registry): void {
  registry.implement("architectures", "spacy.TorchBiLSTMEncoder.v1", (a) =>
    torchBiLSTMEncoder({
      width: wholeNumber("spacy.TorchBiLSTMEncoder.v1", a, "width"),
      depth: wholeNumber("spacy.TorchBiLSTMEncoder.v1", a, "depth"),
      dropout: num(a.dropout) ?? 0,
    }),
  );
  registry.implement("architectures", "spacy.TextCatEnsemble.v1", (a) => {
    const name = "spacy.TextCatEnsemble.v1";
    const pretrainedVectors = a.pretrained_vectors === true;
    return textCatEnsembleV1({
      width: wholeNumber(name, a, "width"),
      embedSize: wholeNumber(name, a, "embed_size"),
      pretrainedVectors,
      exclusiveClasses: a.exclusive_classes === true,
      ngramSize: wholeNumber(name, a, "ngram_size"),
      windowSize: wholeNumber(name, a, "window_size"),
      convDepth: wholeNumber(name, a, "conv_depth"),
      dropout: num(a.dropout),
      nO: num(a.nO),
      staticVectors: pretrainedVectors ? staticVectors(registry, "spacy.StaticVectors.v1", name) : undefined,
    });
  });
  registry.implement("architectures", "spacy.TextCatLowData.v1", (a) =>
    textCatLowData({
      width: wholeNumber("spacy.TextCatLowData.v1", a, "width"),
      dropout: num(a.dropout),
      nO: num(a.nO),
      staticVectors: staticVectors(registry, "spacy.StaticVectors.v2", "spacy.TextCatLowData.v1"),
    }),
  );
}
