/**
 * Implementations of the task heads declared in src/registry/builtins/textcat.ts, spancat.ts
 * and parser.ts: text classifiers, the span categorizer with its suggesters, reducer and
 * scorer, and the transition-based parser model. The declarations fix names and defaults.
 */
import type { Registry } from "../../registry/registry.js";
import { TsnlpError } from "../../util/errors.js";
import { buildTransitionBasedParser } from "./parser.js";
import { buildNgramRangeSuggester, buildNgramSuggester, buildSpanCategorizer, linearLogistic, meanMaxReducer } from "./spancat.js";
import { buildTextCatBOW, buildTextCatCNN, buildTextCatEnsemble } from "./textcat.js";

const num = (value: unknown): number | null => (typeof value === "number" ? value : null);

export function registerHeadModels(registry: Registry): void {
  registry.implement("architectures", "spacy.TextCatBOW.v1", (a) => buildTextCatBOW(a, 1));
  registry.implement("architectures", "spacy.TextCatBOW.v2", (a) => buildTextCatBOW(a, 2));
  registry.implement("architectures", "spacy.TextCatCNN.v1", (a) => buildTextCatCNN(a, 1));
  registry.implement("architectures", "spacy.TextCatCNN.v2", (a) => buildTextCatCNN(a, 2));
  registry.implement("architectures", "spacy.TextCatEnsemble.v2", (a) => buildTextCatEnsemble(a));

  registry.implement("architectures", "spacy.SpanCategorizer.v1", (a) => buildSpanCategorizer(a));
  registry.implement("layers", "spacy.LinearLogistic.v1", (a) => linearLogistic({ nO: num(a.nO), nI: num(a.nI) }));
  registry.implement("layers", "spacy.mean_max_reducer.v1", (a) => {
    const hidden = num(a.hidden_size);
    if (hidden === null) throw new TsnlpError("E_LAYER_ARGS", "spacy.mean_max_reducer.v1 needs 'hidden_size' (a whole number).");
    return meanMaxReducer(hidden);
  });
  registry.implement("misc", "spacy.ngram_suggester.v1", (a) => buildNgramSuggester((a.sizes as number[]) ?? []));
  registry.implement("misc", "spacy.ngram_range_suggester.v1", (a) => buildNgramRangeSuggester(Number(a.min_size), Number(a.max_size)));

  registry.implement("architectures", "spacy.TransitionBasedParser.v1", (a) => buildTransitionBasedParser(a, "spacy.TransitionBasedParser.v1"));
  registry.implement("architectures", "spacy.TransitionBasedParser.v2", (a) => buildTransitionBasedParser(a, "spacy.TransitionBasedParser.v2"));
}
