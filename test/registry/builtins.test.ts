import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { argInfo, type FactoryDecl, type FunctionDecl, isRegistryName, REGISTRY_NAMES, Registry, type RegistryName } from "../../src/registry/index.js";
import { needShared, SPACY_FIXTURES } from "../helpers/shared.js";

const registry = new Registry();
registerBuiltins(registry);

/** Every registered name, per registry. Adding or removing a declaration must update this list. */
const SNAPSHOT: Record<RegistryName, string[]> = {
  architectures: [
    "spacy-transformers.Tok2VecTransformer.v1",
    "spacy-transformers.Tok2VecTransformer.v2",
    "spacy-transformers.Tok2VecTransformer.v3",
    "spacy-transformers.TransformerListener.v1",
    "spacy-transformers.TransformerModel.v1",
    "spacy-transformers.TransformerModel.v2",
    "spacy-transformers.TransformerModel.v3",
    "spacy.CharacterEmbed.v1",
    "spacy.CharacterEmbed.v2",
    "spacy.EntityLinker.v1",
    "spacy.EntityLinker.v2",
    "spacy.HashEmbedCNN.v1",
    "spacy.HashEmbedCNN.v2",
    "spacy.MaxoutWindowEncoder.v1",
    "spacy.MaxoutWindowEncoder.v2",
    "spacy.MishWindowEncoder.v1",
    "spacy.MishWindowEncoder.v2",
    "spacy.MultiHashEmbed.v1",
    "spacy.MultiHashEmbed.v2",
    "spacy.PretrainCharacters.v1",
    "spacy.PretrainVectors.v1",
    "spacy.SpanCategorizer.v1",
    "spacy.Tagger.v1",
    "spacy.Tagger.v2",
    "spacy.TextCatBOW.v1",
    "spacy.TextCatBOW.v2",
    "spacy.TextCatCNN.v1",
    "spacy.TextCatCNN.v2",
    "spacy.TextCatEnsemble.v1",
    "spacy.TextCatEnsemble.v2",
    "spacy.TextCatLowData.v1",
    "spacy.Tok2Vec.v1",
    "spacy.Tok2Vec.v2",
    "spacy.Tok2VecListener.v1",
    "spacy.TorchBiLSTMEncoder.v1",
    "spacy.TransitionBasedParser.v1",
    "spacy.TransitionBasedParser.v2",
  ],
  layers: [
    "CauchySimilarity.v1",
    "ClippedLinear.v1",
    "Dish.v1",
    "Dropout.v1",
    "Embed.v1",
    "Gelu.v1",
    "HardSigmoid.v1",
    "HardSwish.v1",
    "HardSwishMobilenet.v1",
    "HardTanh.v1",
    "HashEmbed.v1",
    "LSTM.v1",
    "LayerNorm.v1",
    "Linear.v1",
    "Logistic.v1",
    "Maxout.v1",
    "Mish.v1",
    "MultiSoftmax.v1",
    "ParametricAttention.v1",
    "PyTorchLSTM.v1",
    "Relu.v1",
    "ReluK.v1",
    "Sigmoid.v1",
    "Softmax.v1",
    "Softmax.v2",
    "SparseLinear.v1",
    "SparseLinear.v2",
    "Swish.v1",
    "add.v1",
    "bidirectional.v1",
    "chain.v1",
    "clone.v1",
    "concatenate.v1",
    "expand_window.v1",
    "list2array.v1",
    "list2padded.v1",
    "list2ragged.v1",
    "noop.v1",
    "padded2list.v1",
    "ragged2list.v1",
    "reduce_first.v1",
    "reduce_last.v1",
    "reduce_max.v1",
    "reduce_mean.v1",
    "reduce_sum.v1",
    "remap_ids.v1",
    "remap_ids.v2",
    "residual.v1",
    "siamese.v1",
    "sigmoid_activation.v1",
    "softmax_activation.v1",
    "spacy.CharEmbed.v1",
    "spacy.FeatureExtractor.v1",
    "spacy.LinearLogistic.v1",
    "spacy.PrecomputableAffine.v1",
    "spacy.StaticVectors.v1",
    "spacy.StaticVectors.v2",
    "spacy.extract_ngrams.v1",
    "spacy.extract_spans.v1",
    "spacy.mean_max_reducer.v1",
    "strings2arrays.v1",
    "tuplify.v1",
    "uniqued.v1",
    "with_array.v1",
    "with_array2d.v1",
    "with_flatten.v1",
    "with_flatten.v2",
    "with_getitem.v1",
    "with_list.v1",
    "with_padded.v1",
    "with_ragged.v1",
    "with_reshape.v1",
  ],
  misc: [
    "spacy.CandidateBatchGenerator.v1",
    "spacy.CandidateGenerator.v1",
    "spacy.EmptyKB.v1",
    "spacy.EmptyKB.v2",
    "spacy.KBFromFile.v1",
    "spacy.LookupsDataLoader.v1",
    "spacy.first_longest_spans_filter.v1",
    "spacy.levenshtein_compare.v1",
    "spacy.ngram_range_suggester.v1",
    "spacy.ngram_suggester.v1",
    "spacy.preset_spans_suggester.v1",
    "spacy.prioritize_existing_ents_filter.v1",
    "spacy.prioritize_new_ents_filter.v1",
  ],
  optimizers: ["Adam.v1", "RAdam.v1", "SGD.v1"],
  schedules: ["compounding.v1", "constant.v1", "constant_then.v1", "cyclic_triangular.v1", "decaying.v1", "slanted_triangular.v1", "warmup_linear.v1"],
  batchers: ["spacy.batch_by_padded.v1", "spacy.batch_by_sequence.v1", "spacy.batch_by_words.v1"],
  readers: ["spacy.Corpus.v1", "spacy.JsonlCorpus.v1", "spacy.PlainTextCorpus.v1", "spacy.read_labels.v1"],
  loggers: ["spacy.ConsoleLogger.v1", "spacy.ConsoleLogger.v2", "spacy.ConsoleLogger.v3"],
  scorers: [
    "spacy-experimental.tokenizer_scorer.v1",
    "spacy-experimental.tokenizer_senter_scorer.v1",
    "spacy.attribute_ruler_scorer.v1",
    "spacy.entity_linker_scorer.v1",
    "spacy.entity_ruler_scorer.v1",
    "spacy.lemmatizer_scorer.v1",
    "spacy.morphologizer_scorer.v1",
    "spacy.ner_scorer.v1",
    "spacy.overlapping_labeled_spans_scorer.v1",
    "spacy.parser_scorer.v1",
    "spacy.senter_scorer.v1",
    "spacy.spancat_scorer.v1",
    "spacy.tagger_scorer.v1",
    "spacy.textcat_multilabel_scorer.v1",
    "spacy.textcat_multilabel_scorer.v2",
    "spacy.textcat_scorer.v1",
    "spacy.textcat_scorer.v2",
  ],
  factories: [
    "attribute_ruler",
    "beam_ner",
    "beam_parser",
    "bn.lemmatizer",
    "ca.lemmatizer",
    "doc_cleaner",
    "el.lemmatizer",
    "en.lemmatizer",
    "entity_linker",
    "entity_ruler",
    "es.lemmatizer",
    "experimental_char_ner_tokenizer",
    "experimental_char_tagger_tokenizer",
    "experimental_edit_tree_lemmatizer",
    "fa.lemmatizer",
    "fr.lemmatizer",
    "future_entity_ruler",
    "ga.lemmatizer",
    "it.lemmatizer",
    "lemmatizer",
    "merge_entities",
    "merge_noun_chunks",
    "merge_subtokens",
    "mk.lemmatizer",
    "morphologizer",
    "nb.lemmatizer",
    "ner",
    "nl.lemmatizer",
    "parser",
    "pl.lemmatizer",
    "ru.lemmatizer",
    "sentencizer",
    "senter",
    "span_ruler",
    "spancat",
    "spancat_singlelabel",
    "sv.lemmatizer",
    "tagger",
    "textcat",
    "textcat_multilabel",
    "tok2vec",
    "token_splitter",
    "trainable_lemmatizer",
    "transformer",
    "uk.lemmatizer",
  ],
  tokenizers: [
    "spacy-experimental.char_pretokenizer.v1",
    "spacy.Tokenizer.v1",
    "spacy.ja.JapaneseTokenizer",
    "spacy.ko.KoreanTokenizer",
    "spacy.th.ThaiTokenizer",
    "spacy.vi.VietnameseTokenizer",
    "spacy.zh.ChineseTokenizer",
  ],
  callbacks: ["spacy.copy_from_base_model.v1", "spacy.models_and_pipes_with_nvtx_range.v1", "spacy.models_with_nvtx_range.v1"],
  augmenters: ["spacy.combined_augmenter.v1", "spacy.lower_case.v1", "spacy.orth_variants.v1"],
  vectors: [],
  initializers: [
    "glorot_normal_init.v1",
    "glorot_uniform_init.v1",
    "he_normal_init.v1",
    "he_uniform_init.v1",
    "lecun_normal_init.v1",
    "lecun_uniform_init.v1",
    "normal_init.v1",
    "uniform_init.v1",
    "zero_init.v1",
  ],
  losses: [
    "CategoricalCrossentropy.v1",
    "CategoricalCrossentropy.v2",
    "CategoricalCrossentropy.v3",
    "CosineDistance.v1",
    "L2Distance.v1",
    "SequenceCategoricalCrossentropy.v1",
    "SequenceCategoricalCrossentropy.v2",
    "SequenceCategoricalCrossentropy.v3",
  ],
  span_getters: ["spacy-transformers.doc_spans.v1", "spacy-transformers.sent_spans.v1", "spacy-transformers.strided_spans.v1"],
  annotation_setters: ["spacy-transformers.null_annotation_setter.v1"],
};

// ---------------------------------------------------------------------------------------------
// A small reader for the fixture configs (one value per line, as spaCy writes them).

type Tree = Record<string, unknown>;

function readCfg(file: string): Tree {
  const root: Tree = {};
  let section: Tree = root;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = root;
      for (const part of header[1]!.split(".")) {
        section[part] ??= {};
        section = section[part] as Tree;
      }
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    section[line.slice(0, eq).trim()] = parseValue(line.slice(eq + 1).trim());
  }
  return root;
}

function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // ${...} references and bare strings
  }
}

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface Block {
  path: string;
  registry: string;
  name: string;
  args: Tree;
}

/** The function blocks (`@registry = "name"`, as sections or inline) of a config tree. */
function functionBlocks(tree: Tree, path: string[] = []): Block[] {
  const out: Block[] = [];
  const at = Object.keys(tree).find((key) => key.startsWith("@"));
  if (at) {
    const args = Object.fromEntries(Object.entries(tree).filter(([key]) => key !== at));
    out.push({ path: path.join("."), registry: at.slice(1), name: String(tree[at]), args });
    // Arguments that are plain dicts are values, not sections to search.
    for (const [key, value] of Object.entries(args)) {
      if (isTree(value) && Object.keys(value).some((k) => k.startsWith("@"))) out.push(...functionBlocks(value, [...path, key]));
    }
    return out;
  }
  for (const [key, value] of Object.entries(tree)) if (isTree(value)) out.push(...functionBlocks(value, [...path, key]));
  return out;
}

function cfgFiles(folder: string): string[] {
  const dir = join(SPACY_FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".cfg") && statSync(join(dir, name)).isFile())
    .map((name) => join(dir, name));
}

function fn(registryName: string, name: string): FunctionDecl {
  assert.ok(isRegistryName(registryName), `unknown registry ${registryName}`);
  return registry.get(registryName, name) as FunctionDecl;
}

function defaults(decl: FunctionDecl | FactoryDecl): Record<string, unknown> {
  return Object.fromEntries(
    argInfo(decl.args)
      .filter((info) => "default" in info)
      .map((info) => [info.name, info.default]),
  );
}

/** Args a config must spell out once filled: all but those whose spaCy default cannot be written in a config. */
function serializedArgs(decl: FunctionDecl | FactoryDecl): string[] {
  return Object.entries(decl.args.shape)
    .filter(([, schema]) => (schema as { def: { type: string } }).def.type !== "optional")
    .map(([name]) => name)
    .sort();
}

function argKeys(args: Tree): string[] {
  return Object.keys(args)
    .filter((key) => key !== "*")
    .sort();
}

/** spaCy's util.combine_score_weights (no overrides). */
function combineScoreWeights(weights: Array<Record<string, number | null>>): Record<string, number | null> {
  const result: Record<string, number | null> = Object.assign({}, ...weights);
  const sum = Object.values(result).reduce<number>((acc, value) => acc + (value ?? 0), 0);
  for (const [key, value] of Object.entries(result)) {
    if (value && sum > 0) result[key] = Math.round((value / sum) * 100) / 100;
  }
  return result;
}

/** The component sections of a config that are built from a factory (not sourced). */
function components(tree: Tree): Array<[string, Tree]> {
  const section = tree.components;
  if (!isTree(section)) return [];
  return Object.entries(section).filter((entry): entry is [string, Tree] => isTree(entry[1]) && typeof entry[1].factory === "string");
}

// ---------------------------------------------------------------------------------------------

describe("registry/builtins", () => {
  it("registers exactly the snapshot's names", () => {
    for (const name of REGISTRY_NAMES) {
      assert.deepEqual(registry.names(name), [...SNAPSHOT[name]].sort(), `registry '${name}'`);
    }
  });

  it("describes every declaration and every argument", () => {
    for (const decl of registry.all()) {
      assert.ok(decl.description.length > 0, `${decl.registry} ${decl.name} has no description`);
      for (const info of argInfo(decl.args)) {
        assert.ok(info.description.length > 0, `${decl.registry} ${decl.name} -> ${info.name} has no description`);
      }
    }
  });

  it("gives factories no zod defaults (their defaults live in defaultConfig) and a default for every setting", () => {
    for (const name of registry.names("factories")) {
      const decl = registry.get("factories", name);
      assert.deepEqual(defaults(decl), {}, `factory ${name}`);
      // Every setting spaCy has gets a default; a tsnlp-only setting is optional instead, so that
      // filled configs stay identical to spaCy's.
      const withoutDefault = Object.keys(decl.args.shape).filter((key) => !(key in decl.defaultConfig));
      for (const key of withoutDefault) {
        assert.equal((decl.args.shape[key] as { def: { type: string } }).def.type, "optional", `factory ${name}: '${key}' has no default and is not optional`);
      }
      assert.deepEqual(
        Object.keys(decl.defaultConfig).filter((key) => !(key in decl.args.shape)),
        [],
        `factory ${name}: defaultConfig keys that are not arguments`,
      );
    }
  });

  it("names only declared functions in the factories' default configs, with every required argument", () => {
    for (const name of registry.names("factories")) {
      const decl = registry.get("factories", name);
      for (const block of functionBlocks(decl.defaultConfig)) {
        const where = `factory ${name}: ${block.path}`;
        assert.ok(isRegistryName(block.registry) && registry.has(block.registry, block.name), `${where}: ${block.registry} ${block.name} is not declared`);
        const target = fn(block.registry, block.name);
        const known = Object.keys(target.args.shape);
        for (const key of argKeys(block.args)) assert.ok(known.includes(key), `${where}: ${block.name} has no argument '${key}'`);
        for (const info of argInfo(target.args)) {
          if (info.required) assert.ok(info.name in block.args, `${where}: ${block.name} needs '${info.name}'`);
        }
      }
    }
  });

  it("validates the default configs' plain values against the declared schemas", () => {
    for (const name of registry.names("factories")) {
      const decl = registry.get("factories", name);
      for (const block of functionBlocks(decl.defaultConfig)) {
        const target = fn(block.registry, block.name);
        for (const [key, value] of Object.entries(block.args)) {
          if (isTree(value) && Object.keys(value).some((k) => k.startsWith("@"))) continue;
          const schema = target.args.shape[key] as import("zod").ZodType;
          const result = schema.safeParse(value);
          assert.ok(result.success, `factory ${name}: ${block.path}.${key} = ${JSON.stringify(value)} fails ${block.name}'s schema`);
        }
      }
    }
  });

  describe("against spaCy's configs (../shared/fixtures/spacy)", () => {
    it("declares every function the fixture configs name", function () {
      needShared(this);
      const missing: string[] = [];
      for (const folder of ["init-config", "fill-config", "project-configs", "errors"]) {
        for (const file of cfgFiles(folder)) {
          const text = readFileSync(file, "utf8");
          for (const match of text.matchAll(/@([a-z_]+) *= *"([^"]+)"|"@([a-z_]+)":"([^"]+)"/g)) {
            const registryName = match[1] ?? match[3]!;
            const name = match[2] ?? match[4]!;
            if (basename(file) === "unknown_arch.cfg" && name === "spacy.MaxoutWindowEncoder.v9") continue; // the fixture's deliberate typo
            if (!isRegistryName(registryName) || !registry.has(registryName, name)) missing.push(`${folder}/${basename(file)}: ${registryName} ${name}`);
          }
        }
      }
      assert.deepEqual(missing, []);
      assert.ok(!registry.has("architectures", "spacy.MaxoutWindowEncoder.v9"));
    });

    it("declares every factory the fixture configs use", function () {
      needShared(this);
      for (const folder of ["init-config", "fill-config", "project-configs"]) {
        for (const file of cfgFiles(folder)) {
          for (const [name, section] of components(readCfg(file))) {
            assert.ok(registry.has("factories", String(section.factory)), `${basename(file)}: components.${name} uses unknown factory ${section.factory}`);
          }
        }
      }
    });

    it("declares exactly the arguments that spaCy writes into filled configs", function () {
      needShared(this);
      const files = [...cfgFiles("init-config"), ...cfgFiles("fill-config").filter((file) => basename(file).startsWith("filled_"))];
      for (const file of files) {
        const tree = readCfg(file);
        for (const block of functionBlocks(tree)) {
          const decl = fn(block.registry, block.name);
          assert.deepEqual(argKeys(block.args), serializedArgs(decl), `${basename(file)}: ${block.path} (${block.name})`);
        }
        for (const [name, section] of components(tree)) {
          const decl = registry.get("factories", String(section.factory));
          const keys = Object.keys(section).filter((key) => key !== "factory");
          assert.deepEqual(keys.sort(), serializedArgs(decl), `${basename(file)}: components.${name}`);
        }
      }
    });

    it("accepts every argument the project configs spell", function () {
      needShared(this);
      for (const file of cfgFiles("project-configs")) {
        const tree = readCfg(file);
        for (const block of functionBlocks(tree)) {
          const known = Object.keys(fn(block.registry, block.name).args.shape);
          for (const key of argKeys(block.args)) assert.ok(known.includes(key), `${basename(file)}: ${block.path}: ${block.name} has no argument '${key}'`);
        }
        for (const [name, section] of components(tree)) {
          const known = Object.keys(registry.get("factories", String(section.factory)).args.shape);
          for (const key of Object.keys(section)) {
            if (key !== "factory") assert.ok(known.includes(key), `${basename(file)}: components.${name} has no setting '${key}'`);
          }
        }
      }
    });

    it("fills what spaCy filled with the same defaults (partial_* -> filled_*)", function () {
      needShared(this);
      let checked = 0;
      for (const partialFile of cfgFiles("fill-config").filter((file) => basename(file).startsWith("partial_"))) {
        const partial = readCfg(partialFile);
        const filled = readCfg(partialFile.replace("partial_", "filled_"));
        const filledBlocks = new Map(functionBlocks(filled).map((block) => [block.path, block]));
        for (const block of functionBlocks(partial)) {
          const after = filledBlocks.get(block.path);
          assert.ok(after && after.name === block.name, `${block.path} kept its function`);
          const declared = defaults(fn(block.registry, block.name));
          for (const [key, value] of Object.entries(after.args)) {
            if (key in block.args) continue;
            assert.ok(key in declared, `${basename(partialFile)}: ${block.path}.${key} was filled but ${block.name} declares no default`);
            assert.deepEqual(declared[key], value, `${basename(partialFile)}: default of ${block.name} -> ${key}`);
            checked++;
          }
        }
        const filledComponents = new Map(components(filled));
        for (const [name, section] of components(partial)) {
          const decl = registry.get("factories", String(section.factory));
          for (const [key, value] of Object.entries(filledComponents.get(name) ?? {})) {
            if (key in section || isTree(value)) continue;
            assert.deepEqual(decl.defaultConfig[key], value, `${basename(partialFile)}: components.${name}.${key}`);
            checked++;
          }
        }
      }
      assert.ok(checked >= 6, `only ${checked} filled values compared`);
    });

    it("gives the components spaCy's default score weights", function () {
      needShared(this);
      const files = [...cfgFiles("init-config"), ...cfgFiles("fill-config").filter((file) => basename(file).startsWith("filled_"))];
      for (const file of files) {
        const tree = readCfg(file);
        const nlp = tree.nlp as Tree;
        const sections = new Map(components(tree));
        const weights = (nlp.pipeline as string[]).map((name) => registry.get("factories", String(sections.get(name)!.factory)).defaultScoreWeights);
        assert.deepEqual(combineScoreWeights(weights), (tree.training as Tree).score_weights, basename(file));
      }
    });
  });

  describe("spot checks against spaCy and thinc", () => {
    it("spacy.batch_by_words.v1: get_length defaults to null, the rest is required", () => {
      const decl = fn("batchers", "spacy.batch_by_words.v1");
      assert.deepEqual(defaults(decl), { get_length: null });
      assert.deepEqual(Object.keys(decl.args.shape), ["size", "tolerance", "discard_oversize", "get_length"]);
    });

    it("compounding.v1: t = 0.0", () => {
      assert.deepEqual(defaults(fn("schedules", "compounding.v1")), { t: 0.0 });
    });

    it("spacy.TextCatBOW.v2: nO defaults to null and the model maps docs to one row per doc", () => {
      const decl = fn("architectures", "spacy.TextCatBOW.v2");
      assert.deepEqual(defaults(decl), { nO: null });
      assert.deepEqual(decl.returns, { kind: "model", input: "List[Doc]", output: "Floats2d" });
    });

    it("Adam.v1 holds thinc 8.1.7's defaults (not spaCy's training config)", () => {
      assert.deepEqual(defaults(fn("optimizers", "Adam.v1")), {
        learn_rate: 0.001,
        L2: 0.0,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        grad_clip: 1.0,
        L2_is_weight_decay: true,
        use_averages: true,
      });
      assert.deepEqual(Object.keys(defaults(fn("optimizers", "SGD.v1"))), ["L2", "grad_clip", "L2_is_weight_decay", "use_averages"]);
    });

    it("keeps the signatures that configs are checked against", () => {
      assert.deepEqual(fn("architectures", "spacy.Tok2Vec.v2").returns, { kind: "model", input: "List[Doc]", output: "List[Floats2d]" });
      assert.deepEqual(fn("architectures", "spacy.MaxoutWindowEncoder.v2").returns, { kind: "model", input: "List[Floats2d]", output: "List[Floats2d]" });
      assert.deepEqual(fn("architectures", "spacy.MaxoutWindowEncoder.v1").returns, { kind: "model", input: "Floats2d", output: "Floats2d" });
      assert.deepEqual(fn("layers", "reduce_mean.v1").returns, { kind: "model", input: "Ragged", output: "Floats2d" });
      assert.deepEqual(fn("layers", "spacy.mean_max_reducer.v1").returns, { kind: "model", input: "Ragged", output: "Floats2d" });
      assert.deepEqual(fn("architectures", "spacy.SpanCategorizer.v1").returns, { kind: "model", input: "Tuple[List[Doc], Ragged]", output: "Floats2d" });
      assert.ok(fn("layers", "chain.v1").positional, "chain.v1 takes its layers as positional arguments");
    });

    it("holds spaCy's component defaults", () => {
      const tagger = registry.get("factories", "tagger");
      assert.equal(tagger.defaultConfig.neg_prefix, "!");
      assert.deepEqual(tagger.defaultScoreWeights, { tag_acc: 1.0 });
      const ner = registry.get("factories", "ner");
      assert.deepEqual(Object.keys(ner.args.shape), ["model", "moves", "update_with_oracle_cut_size", "incorrect_spans_key", "scorer"]);
      assert.deepEqual(ner.defaultScoreWeights, { ents_f: 1.0, ents_p: 0.0, ents_r: 0.0, ents_per_type: null });
      const parser = registry.get("factories", "parser");
      assert.equal(parser.defaultConfig.min_action_freq, 30);
      assert.deepEqual(registry.get("factories", "textcat").defaultConfig.threshold, 0.0);
      assert.deepEqual(registry.get("factories", "textcat_multilabel").defaultConfig.threshold, 0.5);
      const spancat = registry.get("factories", "spancat");
      assert.deepEqual(spancat.defaultConfig.suggester, { "@misc": "spacy.ngram_suggester.v1", sizes: [1, 2, 3] });
      assert.equal(registry.get("factories", "beam_ner").defaultConfig.scorer, null);
      assert.equal(registry.get("factories", "transformer").origin, "spacy-transformers");
    });
  });
});
