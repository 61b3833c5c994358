/** A small tok2vec + tagger pipeline and a toy tagged corpus, shared by the pipeline tests. */
import { parseConfig } from "../../src/config/load.js";
import type { Section } from "../../src/config/tree.js";
import { implementBuiltins } from "../../src/implementations.js";
import { Language } from "../../src/language.js";
import { registry } from "../../src/registry/index.js";
import { Doc } from "../../src/tokens/doc.js";
import { Example } from "../../src/tokens/example.js";

implementBuiltins(registry);

export const TINY_TAGGER_CONFIG = `
[nlp]
lang = "en"
pipeline = ["tok2vec","tagger"]

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = \${components.tok2vec.model.encode.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [500,100,250,250]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 32
depth = 2
window_size = 1
maxout_pieces = 3

[components.tagger]
factory = "tagger"

[components.tagger.model]
@architectures = "spacy.Tagger.v2"

[components.tagger.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = \${components.tok2vec.model.encode.width}
upstream = "*"

[training]

[training.optimizer]
@optimizers = "Adam.v1"
learn_rate = 0.01
`;

export function tinyTaggerConfig(): Section {
  return parseConfig(TINY_TAGGER_CONFIG).tree;
}

export function tinyTagger(): Language {
  return Language.fromConfig(tinyTaggerConfig());
}

/** Sentences as "word/TAG" pairs. */
export const TAGGED = [
  "I/PRP like/VBP green/JJ eggs/NNS ./.",
  "They/PRP eat/VBP red/JJ apples/NNS ./.",
  "We/PRP see/VBP big/JJ dogs/NNS ./.",
  "You/PRP want/VBP small/JJ cats/NNS ./.",
  "The/DT dog/NN runs/VBZ fast/RB ./.",
  "A/DT cat/NN sleeps/VBZ well/RB ./.",
];

export function taggedExamples(nlp: Language, sentences: readonly string[] = TAGGED): Example[] {
  return sentences.map((line) => {
    const pairs = line.split(" ").map((pair) => pair.split("/") as [string, string]);
    const words = pairs.map(([word]) => word);
    const spaces = words.map((_, i) => i < words.length - 2);
    const reference = new Doc(nlp.vocab, { words, spaces, tags: pairs.map(([, tag]) => tag) });
    return new Example(nlp.makeDoc(reference.text), reference);
  });
}
