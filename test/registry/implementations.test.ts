import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../../src/config/load.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { implementBuiltins } from "../../src/implementations.js";
import type { Tokenizer } from "../../src/lang/tokenizer.js";
import { registry } from "../../src/registry/index.js";
import { Doc, DocBin, type Example, Vocab } from "../../src/tokens/index.js";

describe("built-in implementations", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "tsnlp-impl-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("build the tokenizer and a corpus reader from a config, and read examples", async () => {
    const vocab = new Vocab({ lang: "en" });
    const gold = new Doc(vocab, { words: ["I", "do", "n't", "know", "."], spaces: [true, false, true, false, false], tags: ["PRP", "VBP", "RB", "VB", "."] });
    const path = join(dir, "train.spacy");
    new DocBin({ docs: [gold] }).toDisk(path);

    implementBuiltins(registry);
    const config = parseConfig(
      `[nlp]\nlang = "en"\n\n[nlp.tokenizer]\n@tokenizers = "spacy.Tokenizer.v1"\n\n[corpora]\n\n[corpora.train]\n@readers = "spacy.Corpus.v1"\npath = "${path}"\ngold_preproc = false\nmax_length = 0\nlimit = 0\naugmenter = null\n`,
      { file: "inline.cfg" },
    );
    const resolved = resolveConfig(config.tree, registry) as {
      nlp: { tokenizer: (nlp: { vocab: Vocab; lang: string }) => Tokenizer };
      corpora: { train: (nlp: { vocab: Vocab; makeDoc(text: string): Doc }) => AsyncIterable<Example> };
    };
    const tokenizer = resolved.nlp.tokenizer({ vocab, lang: "en" });
    const examples: Example[] = [];
    for await (const example of resolved.corpora.train({ vocab, makeDoc: (text) => tokenizer.call(text) })) examples.push(example);
    assert.equal(examples.length, 1);
    const [example] = examples;
    assert.deepEqual(example!.predicted.words, ["I", "do", "n't", "know", "."]);
    assert.equal(example!.predicted.text, "I don't know.");
    assert.deepEqual(example!.getAligned("TAG"), ["PRP", "VBP", "RB", "VB", "."]);
    assert.equal(implementBuiltins(registry), registry, "implementing twice is harmless");
  });
});
