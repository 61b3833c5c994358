import assert from "node:assert/strict";
import { z } from "zod";
import { parseIni } from "../../src/config/ini.js";
import { interpolate } from "../../src/config/interpolate.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { validateConfig } from "../../src/config/validate.js";
import { declareFunction } from "../../src/registry/declare.js";
import { Registry } from "../../src/registry/registry.js";
import { t } from "../../src/registry/types.js";
import { formatSig, sig, sigAccepts, signatureOf } from "../../src/util/signature.js";

/** A small registry of its own, so these tests do not depend on the built-in declarations. */
function toyRegistry(): Registry {
  const registry = new Registry();
  registry.register(
    declareFunction("architectures", "toy.Embed.v1", {
      description: "docs to vectors",
      args: { width: z.number().int().describe("width") },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
    }),
  );
  registry.register(
    declareFunction("architectures", "toy.Pooled.v1", {
      description: "docs to one vector each",
      args: { width: z.number().int().default(8).describe("width") },
      returns: sig.model("List[Doc]", "Floats2d"),
    }),
  );
  registry.register(
    declareFunction("architectures", "toy.Tagger.v1", {
      description: "a tagger head",
      args: { tok2vec: t.model("List[Doc]", "List[Floats2d]").describe("input layer"), nO: z.number().int().nullable().default(null).describe("tags") },
      returns: sig.model("List[Doc]", "List[Floats2d]"),
    }),
  );
  registry.register(
    declareFunction("layers", "toy.chain.v1", {
      description: "layers in a row",
      args: {},
      positional: t.model("Any", "Any"),
      returns: sig.model("Any", "Any"),
    }),
  );
  registry.register(
    declareFunction("schedules", "toy.constant.v1", {
      description: "a constant",
      args: { rate: z.number().describe("the value") },
      returns: sig.value("Schedule"),
    }),
  );
  registry.register(
    declareFunction("optimizers", "toy.SGD.v1", {
      description: "plain SGD",
      args: { learn_rate: t.floatOrSchedule().describe("step size") },
      returns: sig.value("Optimizer"),
    }),
  );
  return registry;
}

const PLAIN = '[nlp]\nlang = "en"\npipeline = []\ndisabled = []\nbefore_creation = null\nafter_creation = null\nafter_pipeline_creation = null\nbatch_size = 1000\n';

function issuesOf(text: string, registry = toyRegistry()) {
  return validateConfig(interpolate(parseIni(text).tree), registry).filter((i) => !["nlp", "training", "initialize", "components"].includes(i.key ?? "") && i.path[0] !== "nlp");
}

describe("config/validate and model signatures", () => {
  it("formats and compares signatures, Any matching everything", () => {
    assert.equal(formatSig(sig.model("List[Doc]", "List[Floats2d]")), "Model[List[Doc], List[Floats2d]]");
    assert.ok(sigAccepts(sig.model("List[Doc]", "List[Floats2d]"), sig.model("List[Doc]", "List[ Floats2d ]")));
    assert.ok(!sigAccepts(sig.model("List[Doc]", "List[Floats2d]"), sig.model("List[Doc]", "Floats2d")));
    assert.ok(sigAccepts(sig.model("Any", "Any"), sig.model("Ragged", "Floats2d")));
    assert.ok(!sigAccepts(sig.value("Schedule"), sig.model("Any", "Any")));
  });

  it("accepts a model whose signature fits", () => {
    assert.deepEqual(issuesOf(`${PLAIN}[model]\n@architectures = "toy.Tagger.v1"\n[model.tok2vec]\n@architectures = "toy.Embed.v1"\nwidth = 4\n`), []);
  });

  it("reports the expected and the given signature, at the argument's path", () => {
    const issues = issuesOf(`${PLAIN}[model]\n@architectures = "toy.Tagger.v1"\n[model.tok2vec]\n@architectures = "toy.Pooled.v1"\n`);
    assert.deepEqual(issues.map((i) => [i.path.join("."), i.key, i.message]), [
      ["model", "tok2vec", "toy.Tagger.v1 expects Model[List[Doc], List[Floats2d]] but toy.Pooled.v1 returns Model[List[Doc], Floats2d]"],
    ]);
  });

  it("rejects a plain value where a model is needed, and a model where a number is needed", () => {
    const plain = issuesOf(`${PLAIN}[model]\n@architectures = "toy.Tagger.v1"\ntok2vec = 3\n`);
    assert.match(plain[0]?.message ?? "", /expected Model\[List\[Doc\], List\[Floats2d\]\], given a plain value \(3\)/);
    const model = issuesOf(`${PLAIN}[opt]\n@optimizers = "toy.SGD.v1"\n[opt.learn_rate]\n@architectures = "toy.Pooled.v1"\n`);
    assert.match(model[0]?.message ?? "", /toy.SGD.v1 expects Schedule but toy.Pooled.v1 returns Model\[List\[Doc\], Floats2d\]/);
  });

  it("accepts a number or a schedule for a float-or-schedule argument", () => {
    assert.deepEqual(issuesOf(`${PLAIN}[opt]\n@optimizers = "toy.SGD.v1"\nlearn_rate = 0.1\n`), []);
    assert.deepEqual(issuesOf(`${PLAIN}[opt]\n@optimizers = "toy.SGD.v1"\n[opt.learn_rate]\n@schedules = "toy.constant.v1"\nrate = 0.1\n`), []);
  });

  it("collects every error of a config at once: unknown names, extra and missing arguments, types", () => {
    const issues = issuesOf(
      `${PLAIN}[a]\n@architectures = "toy.Embd.v1"\n[b]\n@architectures = "toy.Embed.v1"\nwidht = 3\n[c]\n@architectures = "toy.Embed.v1"\nwidth = "wide"\n[d]\n@nosuch = "x"\n`,
    );
    const rows = issues.map((i) => `${i.path.join(".")} -> ${i.key}: ${i.message}`);
    assert.equal(rows.length, 5, rows.join("\n"));
    assert.match(rows[0] as string, /^a -> @architectures: Could not find function 'toy.Embd.v1' .*Did you mean 'toy.Embed.v1'/);
    assert.ok(rows.some((r) => /^b -> widht: extra fields not permitted. Did you mean 'width'\?/.test(r)));
    assert.ok(rows.some((r) => /^b -> width: field required/.test(r)));
    assert.ok(rows.some((r) => /^c -> width: value is not a valid integer \(given "wide"\)/.test(r)));
    assert.ok(rows.some((r) => /^d -> @nosuch: '@nosuch' names no function registry/.test(r)));
  });

  it("checks positional (*) arguments, as a list or as [x.*.name] blocks", () => {
    const ok = `${PLAIN}[net]\n@layers = "toy.chain.v1"\n[net.*.first]\n@architectures = "toy.Embed.v1"\nwidth = 2\n[net.*.second]\n@architectures = "toy.Pooled.v1"\n`;
    assert.deepEqual(issuesOf(ok), []);
    const bad = issuesOf(`${PLAIN}[net]\n@layers = "toy.chain.v1"\n* = [1, 2]\n`);
    assert.equal(bad.length, 2);
    const none = issuesOf(`${PLAIN}[e]\n@architectures = "toy.Embed.v1"\nwidth = 2\n* = [1]\n`);
    assert.match(none[0]?.message ?? "", /takes no positional arguments/);
  });

  it("resolves bottom-up, tagging what it builds with its signature, and names unimplemented functions", () => {
    const registry = toyRegistry();
    registry.implement("schedules", "toy.constant.v1", (args) => ({ kind: "constant", rate: args.rate }));
    registry.implement("optimizers", "toy.SGD.v1", (args) => ({ kind: "sgd", schedule: args.learn_rate }));
    const config = interpolate(parseIni('[opt]\n@optimizers = "toy.SGD.v1"\n[opt.learn_rate]\n@schedules = "toy.constant.v1"\nrate = 0.5\n').tree);
    const built = resolveConfig(config, registry) as { opt: { kind: string; schedule: { rate: number } } };
    assert.equal(built.opt.kind, "sgd");
    assert.equal(built.opt.schedule.rate, 0.5);
    assert.deepEqual(signatureOf(built.opt), sig.value("Optimizer"));
    const unimplemented = interpolate(parseIni('[m]\n@architectures = "toy.Embed.v1"\nwidth = 3\n').tree);
    assert.throws(() => resolveConfig(unimplemented, registry), /m: 'toy.Embed.v1' \(registry 'architectures'\) is declared but not available yet/);
  });
});
