/**
 * Implementations of the textcat, textcat_multilabel, spancat and spancat_singlelabel factories
 * declared in src/registry/builtins/factories (textcat.ts, spancat.ts), with the settings
 * spaCy's make_* functions pass (spacy/pipeline/textcat*.py, spancat.py, v3.5.4).
 */
import { Model } from "../ml/model.js";
import type { Suggester } from "../ml/models/spancat.js";
import type { Registry } from "../registry/registry.js";
import { TsnlpError } from "../util/errors.js";
import type { PipelineContext, ScorerFn } from "./pipe.js";
import { SpanCategorizer } from "./spancat.js";
import { TextCategorizer } from "./textcat.js";
import { MultiLabelTextCategorizer } from "./textcat-multilabel.js";

export function registerClassifierFactories(registry: Registry): void {
  registry.implement("factories", "textcat", (args) => {
    const a = new FactoryArgs("textcat", args);
    return new TextCategorizer(a.nlp.vocab, a.model(), a.name, { threshold: a.number("threshold"), scorer: a.scorer() }, "textcat");
  });
  registry.implement("factories", "textcat_multilabel", (args) => {
    const a = new FactoryArgs("textcat_multilabel", args);
    return new MultiLabelTextCategorizer(a.nlp.vocab, a.model(), a.name, { threshold: a.number("threshold"), scorer: a.scorer() });
  });
  registry.implement("factories", "spancat", (args) => {
    const a = new FactoryArgs("spancat", args);
    return new SpanCategorizer(
      a.nlp.vocab,
      a.model(),
      a.name,
      {
        suggester: a.suggester(),
        spansKey: a.string("spans_key"),
        threshold: a.number("threshold"),
        maxPositive: a.optionalInt("max_positive"),
        negativeWeight: null,
        allowOverlap: true,
        addNegativeLabel: false,
        scorer: a.scorer(),
      },
      "spancat",
    );
  });
  registry.implement("factories", "spancat_singlelabel", (args) => {
    const a = new FactoryArgs("spancat_singlelabel", args);
    return new SpanCategorizer(
      a.nlp.vocab,
      a.model(),
      a.name,
      {
        suggester: a.suggester(),
        spansKey: a.string("spans_key"),
        threshold: null,
        maxPositive: 1,
        negativeWeight: a.number("negative_weight"),
        allowOverlap: a.boolean("allow_overlap"),
        addNegativeLabel: true,
        scorer: a.scorer(),
      },
      "spancat_singlelabel",
    );
  });
}

/** Typed reads of a factory's resolved settings, with errors that name the config block. */
class FactoryArgs {
  readonly nlp: PipelineContext;
  readonly name: string;

  constructor(
    factory: string,
    private readonly args: Record<string, unknown>,
  ) {
    this.name = typeof args.name === "string" ? args.name : factory;
    const nlp = args.nlp as PipelineContext | undefined;
    if (!nlp?.vocab) throw new TsnlpError("E_FACTORY_ARGS", `The ${factory} factory of '${this.name}' was called without the pipeline (nlp).`);
    this.nlp = nlp;
  }

  private wrong(key: string, expected: string, hint?: string): TsnlpError {
    return new TsnlpError(
      "E_FACTORY_ARGS",
      `components.${this.name} -> ${key} must be ${expected}, not ${JSON.stringify(this.args[key]) ?? typeof this.args[key]}.`,
      { hint },
    );
  }

  model(): Model {
    const model = this.args.model;
    if (model instanceof Model) return model;
    throw this.wrong("model", "a model (a block with @architectures)");
  }

  scorer(): ScorerFn | undefined {
    const scorer = this.args.scorer;
    if (scorer === null || scorer === undefined) return undefined;
    if (typeof scorer === "function") return scorer as ScorerFn;
    throw this.wrong("scorer", "a registered scorer (a block with @scorers) or null");
  }

  suggester(): Suggester {
    const suggester = this.args.suggester;
    if (typeof suggester === "function") return suggester as Suggester;
    throw this.wrong("suggester", "a suggester (a block with @misc)", 'Use @misc = "spacy.ngram_suggester.v1" with sizes = [1, 2, 3].');
  }

  number(key: string): number | undefined {
    const value = this.args[key];
    if (value === undefined) return undefined;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    throw this.wrong(key, "a number");
  }

  optionalInt(key: string): number | null {
    const value = this.args[key];
    if (value === undefined || value === null) return null;
    if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
    throw this.wrong(key, "a whole number of at least 1, or null");
  }

  string(key: string): string | undefined {
    const value = this.args[key];
    if (value === undefined) return undefined;
    if (typeof value === "string" && value !== "") return value;
    throw this.wrong(key, "a non-empty string");
  }

  boolean(key: string): boolean | undefined {
    const value = this.args[key];
    if (value === undefined) return undefined;
    if (typeof value === "boolean") return value;
    throw this.wrong(key, "true or false");
  }
}
