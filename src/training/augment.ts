import { Example } from "../tokens/example.js";
import type { Augmenter, RandomSource, ReaderNlp } from "./reader-types.js";

// spaCy v3.5.4's augmenters (spacy/training/augment.py). Each works on the example's dict form
// (Example.toDict) and builds a new example from a changed copy of it. Random draws come from
// `random` (Math.random unless given), so tests and seeded training can make them repeatable.

type TokenAnnotation = Record<string, unknown[]>;
// A type alias, not an interface, so that it fits Example.fromDict's open-ended ExampleDict.
type ExampleDictCopy = {
  doc_annotation: Record<string, unknown> & { entities?: string[] };
  token_annotation: TokenAnnotation;
};

/** {"single": [{"tags": [...], "variants": [...]}], "paired": [{"tags": [...], "variants": [[left, right], ...]}]} */
export interface OrthVariants {
  single?: Array<{ tags: string[]; variants: string[] }>;
  paired?: Array<{ tags: string[]; variants: string[][] }>;
}

export interface CombinedAugmenterOptions {
  lowerLevel: number;
  orthLevel: number;
  orthVariants: OrthVariants | null;
  whitespaceLevel: number;
  whitespacePerToken: number;
  whitespaceVariants: string[] | null;
  random?: RandomSource;
}

/** spacy.lower_case.v1: a lower-cased copy instead of the example, for a `level` share of examples. */
export function lowerCaseAugmenter(level: number, random: RandomSource = Math.random): Augmenter {
  return (nlp, example) => [random() >= level ? example : lowercaseVariant(nlp, example)];
}

/** spacy.orth_variants.v1: swaps punctuation for variants (quotes, dashes) in a `level` share of examples, lower-casing a `lower` share of those. */
export function orthVariantsAugmenter(level: number, lower: number, orthVariants: OrthVariants, random: RandomSource = Math.random): Augmenter {
  return (nlp, example) => {
    if (random() >= level) return [example];
    const dict = toDictCopy(example);
    const lowerIt = random() < lower;
    const text = orthVariantText(dict.token_annotation, orthVariants, lowerIt, example.text, random);
    return [Example.fromDict(nlp.makeDoc(text), dict)];
  };
}

/** spacy.combined_augmenter.v1: lower-casing, orth variants and inserted whitespace tokens, each for its share of examples. */
export function combinedAugmenter(options: CombinedAugmenterOptions): Augmenter {
  const random = options.random ?? Math.random;
  return (nlp, original) => {
    let example = original;
    if (random() < options.lowerLevel) example = lowercaseVariant(nlp, example);
    if (options.orthVariants && random() < options.orthLevel) {
      const dict = toDictCopy(example);
      const text = orthVariantText(dict.token_annotation, options.orthVariants, false, example.text, random);
      example = Example.fromDict(nlp.makeDoc(text), dict);
    }
    const variants = options.whitespaceVariants;
    if (variants && variants.length > 0 && random() < options.whitespaceLevel) {
      const times = Math.trunc(example.reference.length * options.whitespacePerToken);
      for (let i = 0; i < times; i++) {
        const whitespace = variants[Math.floor(random() * variants.length)]!;
        example = whitespaceVariant(nlp, example, whitespace, Math.floor(random() * example.reference.length));
      }
    }
    return [example];
  };
}

function toDictCopy(example: Example): ExampleDictCopy {
  const dict = example.toDict();
  return {
    doc_annotation: { ...dict.doc_annotation, entities: [...dict.doc_annotation.entities] },
    token_annotation: Object.fromEntries(Object.entries(dict.token_annotation).map(([key, values]) => [key, [...values]])),
  };
}

function lowercaseVariant(nlp: ReaderNlp, example: Example): Example {
  const dict = toDictCopy(example);
  dict.token_annotation.ORTH = example.reference.lexemes.map((lexeme) => lexeme.lower);
  return Example.fromDict(nlp.makeDoc(example.text.toLowerCase()), dict);
}

/** spaCy's make_orth_variants: changes ORTH in place and returns the new text. */
function orthVariantText(tokens: TokenAnnotation, orthVariants: OrthVariants, lower: boolean, text: string, random: RandomSource): string {
  let words = (tokens.ORTH ?? []) as string[];
  const tags = (tokens.TAG ?? []) as string[];
  if (words.length === 0) return text;
  if (lower) {
    words = words.map((word) => word.toLowerCase());
    text = text.toLowerCase();
  }
  tokens.ORTH = words;
  if (tags.length === 0) return text;
  const choose = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)]!;
  const single = orthVariants.single ?? [];
  const singleChoices = single.map((entry) => choose(entry.variants));
  for (let i = 0; i < words.length; i++) {
    single.forEach((entry, k) => {
      if (entry.tags.includes(tags[i]!) && entry.variants.includes(words[i]!)) words[i] = singleChoices[k]!;
    });
  }
  const paired = orthVariants.paired ?? [];
  const pairedChoices = paired.map((entry) => choose(entry.variants));
  for (let i = 0; i < words.length; i++) {
    paired.forEach((entry, k) => {
      if (!entry.tags.includes(tags[i]!) || !entry.variants.some((pair) => pair.includes(words[i]!))) return;
      // Which side of the pair: by the tag when the entry has one tag per side, else by where the word sits in its pair.
      let side = choose([0, 1]);
      if (entry.tags.length === 2) side = entry.tags.indexOf(tags[i]!);
      else for (const pair of entry.variants) if (pair.includes(words[i]!)) side = pair.indexOf(words[i]!);
      words[i] = pairedChoices[k]![side]!;
    });
  }
  return rebuildText(tokens);
}

function rebuildText(tokens: TokenAnnotation): string {
  const words = tokens.ORTH as string[];
  const spaces = (tokens.SPACY ?? []) as boolean[];
  return words.map((word, i) => (spaces[i] ? `${word} ` : word)).join("");
}

/**
 * spaCy's make_whitespace_variant: one whitespace token inserted at `position`, attached to the
 * token before it (or after it, at the start), tagged _SP / SPACE, inside an entity only when it
 * falls between two parts of one. Examples with span groups or a partial parse are left as they are.
 */
function whitespaceVariant(nlp: ReaderNlp, example: Example, whitespace: string, position: number): Example {
  const reference = example.reference;
  const n = reference.length;
  const partialParse = reference.hasAnnotation("DEP") && !reference.deps.every((dep) => dep !== "");
  if (n === 0 || reference.spans.size > 0 || partialParse) return example;
  const dict = toDictCopy(example);
  const docAnnotation = dict.doc_annotation;
  const tokens = dict.token_annotation;
  // spaCy asks has_annotation("ENT_TYPE"): some token is in an entity.
  if (reference.entTypes.some((type) => type !== "")) {
    const entities = docAnnotation.entities!;
    let entity = "O";
    if (position > 1 && position < n) {
      const [prevIob, prevType] = splitTag(entities[position - 1]!);
      const [nextIob, nextType] = splitTag(entities[position]!);
      if ((prevIob === "B" || prevIob === "I") && (nextIob === "I" || nextIob === "L") && prevType === nextType && prevType !== undefined)
        entity = `I-${prevType}`;
    }
    entities.splice(position, 0, entity);
  } else delete docAnnotation.entities;
  tokens.ORTH!.splice(position, 0, whitespace);
  tokens.SPACY!.splice(position, 0, false);
  const insertOrDrop = (key: string, has: boolean, value: unknown) => {
    if (has) tokens[key]!.splice(position, 0, value);
    else delete tokens[key];
  };
  insertOrDrop("TAG", reference.hasAnnotation("TAG"), "_SP");
  insertOrDrop("LEMMA", reference.hasAnnotation("LEMMA"), whitespace);
  insertOrDrop("POS", reference.hasAnnotation("POS"), "SPACE");
  insertOrDrop("MORPH", reference.hasAnnotation("MORPH"), "");
  if (reference.hasAnnotation("DEP")) {
    const heads = tokens.HEAD as number[];
    heads.splice(position, 0, position === 0 ? 0 : position - 1);
    for (let i = 0; i < heads.length; i++) if (heads[i]! >= position) heads[i] = heads[i]! + 1;
    tokens.DEP!.splice(position, 0, "dep");
  } else {
    delete tokens.HEAD;
    delete tokens.DEP;
  }
  insertOrDrop("SENT_START", n <= 1 || reference.hasAnnotation("SENT_START"), -1);
  return Example.fromDict(nlp.makeDoc(rebuildText(tokens)), dict);
}

/** "B-ORG" -> ["B", "ORG"]; tags without a label (O, -) have none. */
function splitTag(tag: string): [string, string | undefined] {
  const dash = tag.indexOf("-");
  return dash < 0 || dash === tag.length - 1 ? [tag, undefined] : [tag.slice(0, dash), tag.slice(dash + 1)];
}
