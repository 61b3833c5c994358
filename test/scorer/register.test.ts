import assert from "node:assert/strict";
import { parseConfig } from "../../src/config/load.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { registerBuiltins } from "../../src/registry/builtins/index.js";
import { Registry } from "../../src/registry/registry.js";
import { registerScorerFunctions } from "../../src/scorer/register.js";
import type { ScorerFn } from "../../src/scorer/types.js";
import { eg, mk } from "./make-doc.js";

function registryWithScorers(): Registry {
  const registry = new Registry();
  registerBuiltins(registry);
  registerScorerFunctions(registry);
  return registry;
}

/** The keys each registered scorer returns: the training table and meta.json read these. */
const KEYS: Record<string, string[]> = {
  "spacy.tagger_scorer.v1": ["tag_acc"],
  "spacy.morphologizer_scorer.v1": ["pos_acc", "morph_acc", "morph_micro_p", "morph_micro_r", "morph_micro_f", "morph_per_feat"],
  "spacy.senter_scorer.v1": ["sents_p", "sents_r", "sents_f"],
  "spacy.parser_scorer.v1": ["sents_p", "sents_r", "sents_f", "dep_uas", "dep_las", "dep_las_per_type"],
  "spacy.ner_scorer.v1": ["ents_p", "ents_r", "ents_f", "ents_per_type"],
  "spacy.textcat_scorer.v1": catsKeys(),
  "spacy.textcat_scorer.v2": catsKeys(),
  "spacy.textcat_multilabel_scorer.v1": catsKeys(),
  "spacy.textcat_multilabel_scorer.v2": catsKeys(),
  "spacy.spancat_scorer.v1": ["spans_sc_p", "spans_sc_r", "spans_sc_f", "spans_sc_per_type"],
  "spacy.lemmatizer_scorer.v1": ["lemma_acc"],
  "spacy.entity_ruler_scorer.v1": ["ents_p", "ents_r", "ents_f", "ents_per_type"],
  "spacy.attribute_ruler_scorer.v1": ["tag_acc", "pos_acc", "morph_acc", "morph_micro_p", "morph_micro_r", "morph_micro_f", "morph_per_feat", "lemma_acc"],
  "spacy.entity_linker_scorer.v1": [
    "nel_score",
    "nel_score_desc",
    "nel_micro_p",
    "nel_micro_r",
    "nel_micro_f",
    "nel_macro_p",
    "nel_macro_r",
    "nel_macro_f",
    "nel_f_per_type",
  ],
  "spacy.overlapping_labeled_spans_scorer.v1": ["spans_ruler_p", "spans_ruler_r", "spans_ruler_f", "spans_ruler_per_type"],
  "spacy-experimental.tokenizer_scorer.v1": ["token_acc", "token_p", "token_r", "token_f"],
  "spacy-experimental.tokenizer_senter_scorer.v1": ["token_acc", "token_p", "token_r", "token_f", "sents_p", "sents_r", "sents_f"],
};

function catsKeys(): string[] {
  return ["score", "score_desc", "micro_p", "micro_r", "micro_f", "macro_p", "macro_r", "macro_f", "macro_auc", "f_per_type", "auc_per_type"].map(
    (key) => `cats_${key}`,
  );
}

describe("scorer/register", () => {
  it("implements every declared scorer, and each returns spaCy's keys", () => {
    const registry = registryWithScorers();
    assert.deepEqual(registry.names("scorers"), Object.keys(KEYS).sort());
    const example = eg(
      mk(["Hi", "there", "."], { tags: ["UH", "RB", "."], ents: ["O", "B-X", "O"], spans: { sc: [[0, 1, "A"]], ruler: [[0, 1, "A"]] }, cats: { A: 1 } }),
      mk(["Hi", "there", "."], { tags: ["UH", "RB", "."], ents: ["O", "B-X", "O"], spans: { sc: [[0, 1, "A"]], ruler: [[0, 1, "A"]] }, cats: { A: 1 } }),
    );
    for (const [name, keys] of Object.entries(KEYS)) {
      const decl = registry.get("scorers", name);
      assert.ok(decl.build, `${name} has an implementation`);
      const scorer = decl.build({}, []) as ScorerFn;
      assert.equal(typeof scorer, "function", name);
      // The span ruler passes only its labels; spancat passes its spans_key too.
      const options = name === "spacy.overlapping_labeled_spans_scorer.v1" ? { labels: ["A"] } : { labels: ["A"], spans_key: "sc" };
      assert.deepEqual(Object.keys(scorer([example], options)), keys, name);
    }
  });

  it("builds the span ruler's scorer for the spans_key a config gives", () => {
    const registry = registryWithScorers();
    const config = parseConfig('[scorer]\n@scorers = "spacy.overlapping_labeled_spans_scorer.v1"\nspans_key = "people"\n', { file: "inline.cfg" });
    const { scorer } = resolveConfig(config.tree, registry) as { scorer: ScorerFn };
    const example = eg(mk(["Ada", "Lovelace"], { spans: { people: [[0, 2, "PER"]] } }), mk(["Ada", "Lovelace"], { spans: { people: [[0, 2, "PER"]] } }));
    assert.deepEqual(scorer([example]), { spans_people_p: 1, spans_people_r: 1, spans_people_f: 1, spans_people_per_type: { PER: { p: 1, r: 1, f: 1 } } });
  });
});
