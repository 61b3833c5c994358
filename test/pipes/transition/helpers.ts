/** Docs, examples and a set-up entity transition system for the transition tests. */
import { BiluoPushDown } from "../../../src/pipes/transition/biluo.js";
import { Doc } from "../../../src/tokens/doc.js";
import { Example } from "../../../src/tokens/example.js";
import { Vocab } from "../../../src/tokens/vocab.js";

export const vocab = new Vocab({ lang: "en" });

export interface ExampleSpec {
  /** Words, space-separated, or a list when a word is itself whitespace. */
  words: string | string[];
  /** Gold BILUO tags of the reference ("-" unknown). */
  gold: string[];
  /** Preset tags of the predicted doc (an entity_ruler's, say). */
  preset?: string[];
  sentStarts?: boolean[];
  /** Reference spans under "neg": [start, end, label]. */
  negs?: Array<[number, number, string]>;
}

export function makeExample(spec: ExampleSpec): Example {
  const words = typeof spec.words === "string" ? spec.words.split(" ") : spec.words;
  const predicted = new Doc(vocab, { words, ents: spec.preset, sentStarts: spec.sentStarts });
  const reference = new Doc(vocab, { words, ents: spec.gold });
  if (spec.negs)
    reference.spans.set(
      "neg",
      spec.negs.map(([start, end, label]) => reference.span(start, end, { label })),
    );
  return new Example(predicted, reference);
}

/** Moves B/I/L/U for PER, ORG, LOC, then U- and O, in spaCy's order for this set-up example. */
export function perLocOrgSystem(incorrectSpansKey: string | null = null): BiluoPushDown {
  const system = new BiluoPushDown({ incorrectSpansKey });
  system.initializeActions(system.getActions([makeExample({ words: "x y z w", gold: ["U-PER", "U-LOC", "U-ORG", "O"] })]));
  return system;
}
