import { parseIni } from "./ini.js";
import type { Section } from "./tree.js";

/**
 * The settings every training config gets when it does not set them: spaCy 3.5's
 * defaults (spacy/default_config.cfg), so that a partial config fills as spaCy fills it.
 */
const DEFAULT_CONFIG = `
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
seed = 0
gpu_allocator = null

[nlp]
lang = null
pipeline = []
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
batch_size = 1000
tokenizer = {"@tokenizers": "spacy.Tokenizer.v1"}

[components]

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = \${paths.train}
gold_preproc = false
max_length = 0
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = \${paths.dev}
gold_preproc = false
max_length = 0
limit = 0
augmenter = null

[training]
seed = \${system.seed}
gpu_allocator = \${system.gpu_allocator}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 0
max_steps = 20000
eval_frequency = 200
score_weights = {}
frozen_components = []
annotating_components = []
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
before_to_disk = null
before_update = null

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 1e-8
learn_rate = 0.001

[pretraining]

[initialize]
vectors = \${paths.vectors}
init_tok2vec = \${paths.init_tok2vec}
vocab_data = null
lookups = null
tokenizer = {}
components = {}
before_init = null
after_init = null
`;

/** What \`--pretraining\` adds (spacy/default_config_pretraining.cfg). */
const DEFAULT_PRETRAINING = `
[paths]
raw_text = null

[pretraining]
max_epochs = 1000
dropout = 0.2
n_save_every = null
n_save_epoch = null
component = "tok2vec"
layer = ""
corpus = "corpora.pretrain"

[pretraining.batcher]
@batchers = "spacy.batch_by_words.v1"
size = 3000
discard_oversize = false
tolerance = 0.2
get_length = null

[pretraining.objective]
@architectures = "spacy.PretrainCharacters.v1"
maxout_pieces = 3
hidden_size = 300
n_characters = 4

[pretraining.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 1e-8
learn_rate = 0.001

[corpora]

[corpora.pretrain]
@readers = "spacy.JsonlCorpus.v1"
path = \${paths.raw_text}
min_length = 5
max_length = 500
limit = 0
`;

export function defaultConfig(): Section {
  return parseIni(DEFAULT_CONFIG, "<default config>").tree;
}

export function defaultPretrainingConfig(): Section {
  return parseIni(DEFAULT_PRETRAINING, "<default pretraining config>").tree;
}
