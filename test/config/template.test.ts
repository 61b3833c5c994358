import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderConfigTemplate, TEMPLATE_COMPONENTS, type TemplateOptions } from "../../src/config/template.js";
import { TsnlpError } from "../../src/util/errors.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sharedDir = path.resolve(repoRoot, "../shared");
const fixtureDir = path.join(sharedDir, "fixtures/spacy/init-config");

/** A config reference, `${path}`, as text. */
const ref = (target: string): string => `\${${target}}`;

type Sections = Map<string, Map<string, unknown>>;

/** A config value: JSON where it parses, `${...}` references and anything else as text. */
function parseValue(raw: string): unknown {
  if (raw.includes("${")) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** A tiny `[section]` / `key = value` reader; fails on duplicate sections or keys. */
function readSections(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, unknown> | undefined;
  let currentName = "";
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      currentName = header[1] as string;
      assert.ok(!sections.has(currentName), `section [${currentName}] declared twice`);
      current = new Map();
      sections.set(currentName, current);
      continue;
    }
    const eq = trimmed.indexOf("=");
    assert.ok(current !== undefined && eq > 0, `not a key = value line: ${line}`);
    const key = trimmed.slice(0, eq).trim();
    assert.ok(!current.has(key), `key ${key} in [${currentName}] set twice`);
    current.set(key, parseValue(trimmed.slice(eq + 1).trim()));
  }
  return sections;
}

/** Every section and key of `mine` is in `theirs`, with the same value. */
function assertSubset(mine: Sections, theirs: Sections, label: string): void {
  for (const [name, keys] of mine) {
    const other = theirs.get(name);
    assert.ok(other, `${label}: [${name}] is not in spaCy's config`);
    for (const [key, value] of keys) {
      assert.ok(other.has(key), `${label}: [${name}] ${key} is not in spaCy's config`);
      assert.deepEqual(value, other.get(key), `${label}: [${name}] ${key}`);
    }
  }
}

/** Every `[a.b]` section has its parent `[a]` declared. */
function assertParentsDeclared(sections: Sections, label: string): void {
  for (const name of sections.keys()) {
    const dot = name.lastIndexOf(".");
    if (dot < 0) continue;
    const parent = name.slice(0, dot);
    assert.ok(sections.has(parent), `${label}: [${name}] has no parent [${parent}]`);
  }
}

/** Options from a fixture name, `LANG_PIPELINE_eff|acc.cfg` with the pipeline joined by "+". */
function optionsFromFixture(file: string): TemplateOptions {
  const stem = file.replace(/\.cfg$/, "");
  const first = stem.indexOf("_");
  const last = stem.lastIndexOf("_");
  const mode = stem.slice(last + 1);
  assert.ok(mode === "eff" || mode === "acc", `fixture name ${file}`);
  return {
    lang: stem.slice(0, first),
    pipeline: stem.slice(first + 1, last).split("+"),
    optimize: mode === "eff" ? "efficiency" : "accuracy",
    gpu: false,
  };
}

function render(pipeline: string[], optimize: TemplateOptions["optimize"], extra: Partial<TemplateOptions> = {}): Sections {
  return readSections(renderConfigTemplate({ lang: "en", pipeline, optimize, gpu: false, ...extra }));
}

describe("config/template", () => {
  describe("against spaCy 3.5.4's init config output", () => {
    it("renders only sections and values that spaCy's filled configs hold", function () {
      if (!existsSync(fixtureDir)) {
        console.log(`    (skipped: ${fixtureDir} is absent)`);
        this.skip();
      }
      const files = readdirSync(fixtureDir).filter((f) => f.endsWith(".cfg"));
      assert.ok(files.length > 0, "no init-config fixtures");
      for (const file of files) {
        const theirs = readSections(readFileSync(path.join(fixtureDir, file), "utf8"));
        const mine = readSections(renderConfigTemplate(optionsFromFixture(file)));
        assertSubset(mine, theirs, file);
        // The components spaCy built are exactly the ones the template declared.
        const componentsOf = (s: Sections) => [...s.keys()].filter((n) => /^components\.[^.]+$/.test(n)).sort();
        assert.deepEqual(componentsOf(mine), componentsOf(theirs), `${file}: components`);
      }
    });
  });

  describe("pipelines", () => {
    const cases: Array<[string[], TemplateOptions["optimize"]]> = [
      [["morphologizer", "parser", "trainable_lemmatizer"], "accuracy"],
      [["textcat", "ner"], "efficiency"],
      [["spancat_singlelabel", "entity_linker", "textcat_multilabel"], "accuracy"],
      [["senter", "tagger"], "efficiency"],
      [[...TEMPLATE_COMPONENTS], "efficiency"],
      [[...TEMPLATE_COMPONENTS], "accuracy"],
      [[], "efficiency"],
    ];
    for (const [pipeline, optimize] of cases) {
      it(`renders ${pipeline.join(",") || "(empty)"} for ${optimize} with every parent section declared`, () => {
        const sections = render(pipeline, optimize);
        assertParentsDeclared(sections, pipeline.join(","));
        for (const name of pipeline) assert.ok(sections.has(`components.${name}`), `[components.${name}]`);
        const listed = sections.get("nlp")?.get("pipeline") as string[];
        assert.deepEqual(
          listed.filter((n) => n !== "tok2vec"),
          pipeline,
        );
        // A listener always has the tok2vec it listens to.
        const listens = [...sections.keys()].some((n) => n.endsWith(".tok2vec") && sections.get(n)?.get("@architectures") === "spacy.Tok2VecListener.v1");
        assert.equal(sections.has("components.tok2vec"), listens);
        assert.equal(listed.includes("tok2vec"), listens);
      });
    }

    it("writes a block for every component it knows", () => {
      for (const name of TEMPLATE_COMPONENTS) {
        const sections = render([name], "accuracy");
        assert.equal(sections.get(`components.${name}`)?.get("factory"), name);
      }
    });

    it("writes components it has no model for as bare factories, without a tok2vec", () => {
      const sections = render(["senter"], "accuracy");
      assert.deepEqual([...(sections.get("components.senter")?.entries() ?? [])], [["factory", "senter"]]);
      assert.ok(!sections.has("components.tok2vec"));
      assert.deepEqual(sections.get("nlp")?.get("pipeline"), ["senter"]);
    });

    it("drops tok2vec and transformer from the requested pipeline, as spaCy does", () => {
      const sections = render(["tok2vec", "tagger", "transformer"], "efficiency");
      assert.deepEqual(sections.get("nlp")?.get("pipeline"), ["tok2vec", "tagger"]);
      assert.ok(!sections.has("components.transformer"));
    });

    it("sizes the tok2vec per optimization goal", () => {
      const eff = render(["tagger"], "efficiency");
      const acc = render(["tagger"], "accuracy");
      assert.equal(eff.get("components.tok2vec.model.encode")?.get("width"), 96);
      assert.equal(eff.get("components.tok2vec.model.encode")?.get("depth"), 4);
      assert.equal(eff.get("components.tok2vec.model.embed")?.get("include_static_vectors"), false);
      assert.equal(acc.get("components.tok2vec.model.encode")?.get("width"), 256);
      assert.equal(acc.get("components.tok2vec.model.encode")?.get("depth"), 8);
      assert.equal(acc.get("components.tok2vec.model.embed")?.get("include_static_vectors"), true);
    });

    it("writes the same tok2vec embedding attributes for languages without letters", () => {
      const zh = render(["tagger"], "efficiency", { lang: "zh" });
      const en = render(["tagger"], "efficiency");
      assert.deepEqual(zh.get("components.tok2vec.model.embed"), en.get("components.tok2vec.model.embed"));
      assert.deepEqual(en.get("components.tok2vec.model.embed")?.get("attrs"), ["NORM", "PREFIX", "SUFFIX", "SHAPE"]);
    });
  });

  describe("vectors", () => {
    it("recommends a language's vectors only when optimizing for accuracy", () => {
      assert.equal(render(["tagger"], "accuracy").get("paths")?.get("vectors"), "en_core_web_lg");
      assert.equal(render(["tagger"], "accuracy", { lang: "de" }).get("paths")?.get("vectors"), "de_core_news_lg");
      assert.equal(render(["tagger"], "efficiency").get("paths")?.get("vectors"), null);
      assert.equal(render(["tagger"], "accuracy", { lang: "fi" }).get("paths")?.get("vectors"), null);
      assert.equal(render(["tagger"], "accuracy", { lang: "xx" }).get("paths")?.get("vectors"), null);
      assert.equal(render(["tagger"], "accuracy").get("initialize")?.get("vectors"), ref("paths.vectors"));
    });
  });

  describe("text classifiers", () => {
    it("uses bag-of-words alone, without a tok2vec, for efficiency", () => {
      const sections = render(["textcat"], "efficiency");
      assert.deepEqual(sections.get("nlp")?.get("pipeline"), ["textcat"]);
      assert.ok(!sections.has("components.tok2vec"));
      assert.equal(sections.get("components.textcat.model")?.get("@architectures"), "spacy.TextCatBOW.v2");
      assert.equal(sections.get("components.textcat.model")?.get("exclusive_classes"), true);
    });

    it("keeps bag-of-words for efficiency when other components bring a tok2vec", () => {
      const sections = render(["textcat_multilabel", "ner"], "efficiency");
      assert.deepEqual(sections.get("nlp")?.get("pipeline"), ["tok2vec", "textcat_multilabel", "ner"]);
      assert.equal(sections.get("components.textcat_multilabel.model")?.get("@architectures"), "spacy.TextCatBOW.v2");
      assert.equal(sections.get("components.textcat_multilabel.model")?.get("exclusive_classes"), false);
      assert.ok(!sections.has("components.textcat_multilabel.model.tok2vec"));
    });

    it("uses an ensemble listening to the tok2vec for accuracy", () => {
      for (const [name, exclusive] of [
        ["textcat", true],
        ["textcat_multilabel", false],
      ] as const) {
        const sections = render([name], "accuracy");
        assert.deepEqual(sections.get("nlp")?.get("pipeline"), ["tok2vec", name]);
        assert.equal(sections.get(`components.${name}.model`)?.get("@architectures"), "spacy.TextCatEnsemble.v2");
        assert.equal(sections.get(`components.${name}.model.tok2vec`)?.get("@architectures"), "spacy.Tok2VecListener.v1");
        assert.equal(sections.get(`components.${name}.model.linear_model`)?.get("@architectures"), "spacy.TextCatBOW.v2");
        assert.equal(sections.get(`components.${name}.model.linear_model`)?.get("exclusive_classes"), exclusive);
      }
    });
  });

  describe("gpu", () => {
    it("only shrinks the batch size, as spaCy does without spacy-transformers", () => {
      for (const [pipeline, optimize] of [
        [["tagger", "parser", "ner"], "efficiency"],
        [["textcat"], "efficiency"],
        [["textcat", "spancat"], "accuracy"],
      ] as const) {
        const cpu = render([...pipeline], optimize);
        const gpu = render([...pipeline], optimize, { gpu: true });
        assert.equal(cpu.get("nlp")?.get("batch_size"), 1000);
        assert.equal(gpu.get("nlp")?.get("batch_size"), 128);
        gpu.get("nlp")?.set("batch_size", 1000);
        assert.deepEqual(gpu, cpu);
        assert.equal(gpu.get("system")?.get("gpu_allocator"), null);
        assert.ok(![...gpu.keys()].some((n) => n.includes("transformer")));
      }
    });
  });

  describe("errors", () => {
    it("rejects an unknown component with a suggestion and the supported names", () => {
      assert.throws(
        () => renderConfigTemplate({ lang: "en", pipeline: ["tagger", "parsr"], optimize: "efficiency", gpu: false }),
        (error: unknown) => {
          assert.ok(error instanceof TsnlpError);
          assert.equal(error.code, "E_INIT_UNKNOWN_COMPONENT");
          assert.match(error.message, /'parsr'/);
          assert.match(error.hint ?? "", /Did you mean 'parser'/);
          for (const name of TEMPLATE_COMPONENTS) assert.ok(error.hint?.includes(name), `hint lists ${name}`);
          return true;
        },
      );
    });

    it("rejects a component named twice", () => {
      assert.throws(
        () => renderConfigTemplate({ lang: "en", pipeline: ["ner", "ner"], optimize: "efficiency", gpu: false }),
        (error: unknown) => error instanceof TsnlpError && error.code === "E_INIT_DUPLICATE_COMPONENT",
      );
    });
  });

  describe("layout", () => {
    it("separates sections by exactly one blank line and ends with one newline", () => {
      const text = renderConfigTemplate({ lang: "en", pipeline: [...TEMPLATE_COMPONENTS], optimize: "accuracy", gpu: false });
      assert.ok(!/\n\s*\n\s*\n/.test(text), "no runs of blank lines");
      assert.ok(text.startsWith("[paths]\n"));
      assert.ok(text.endsWith(`vectors = ${ref("paths.vectors")}\n`) && !text.endsWith("\n\n"));
      const lines = text.split("\n");
      lines.forEach((line, i) => {
        if (i > 0 && line.startsWith("[")) assert.equal(lines[i - 1], "", `blank line before ${line}`);
        assert.equal(line, line.trimEnd(), "no trailing whitespace");
      });
    });
  });
});
