/**
 * Reading the training and evaluation corpora the config names. A corpus that cannot be read
 * (no path, a missing file, a broken .spacy file) is a finding of debug data, reported with the
 * reason, rather than a crash.
 */
import { resolveConfig } from "../../config/resolve.js";
import { getPath, isSection, type Section } from "../../config/tree.js";
import type { Registry } from "../../registry/registry.js";
import type { Example } from "../../tokens/example.js";
import { isTsnlpError, TsnlpError } from "../../util/errors.js";
import type { Reader, ReaderNlp } from "../reader-types.js";

export type CorpusRead = { ok: true; examples: Example[] } | { ok: false; error: TsnlpError };

/** All examples of the corpus at a dotted config path (e.g. "corpora.train"), or the user error that stopped the reading. */
export async function readCorpusAt(resolved: Section, dotted: string, registry: Registry, nlp: ReaderNlp): Promise<CorpusRead> {
  try {
    const reader = corpusReader(resolved, dotted, registry);
    const examples: Example[] = [];
    for await (const example of reader(nlp)) examples.push(example);
    return { ok: true, examples };
  } catch (error) {
    if (isTsnlpError(error)) return { ok: false, error };
    throw error;
  }
}

function corpusReader(resolved: Section, dotted: string, registry: Registry): Reader {
  const path = dotted.split(".");
  const block = getPath(resolved, path);
  if (!isSection(block)) {
    throw new TsnlpError("E_CONFIG_NO_CORPUS", `The config names '${dotted}' as a corpus, but it has no [${dotted}] block.`, {
      hint: `Add a [${dotted}] block (e.g. @readers = "spacy.Corpus.v1" with path = \${paths.train}) or point training.train_corpus / dev_corpus at one.`,
    });
  }
  const reader = resolveConfig(block, registry, path);
  if (typeof reader !== "function") {
    throw new TsnlpError("E_CONFIG_NO_CORPUS", `[${dotted}] is not a corpus reader.`, { hint: 'Give it a reader, e.g. @readers = "spacy.Corpus.v1".' });
  }
  return reader as unknown as Reader;
}
