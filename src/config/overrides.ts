import { TsnlpError } from "../util/errors.js";
import { didYouMean } from "../util/suggest.js";
import { type Section, type Value, isSection } from "./tree.js";
import { parseValue } from "./values.js";

export type Overrides = Record<string, Value>;

/**
 * Read `--section.key value`, `--section.key=value` and a bare `--section.flag` (true) from
 * command-line words. Values parse as JSON with a string fallback, like config values.
 * Words that are not overrides are returned in `rest`.
 */
export function parseOverrides(words: readonly string[]): { overrides: Overrides; rest: string[] } {
  const overrides: Overrides = {};
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith("--") || !word.slice(2).includes(".")) {
      rest.push(word);
      continue;
    }
    const body = word.slice(2);
    const eq = body.indexOf("=");
    if (eq !== -1) {
      overrides[body.slice(0, eq)] = parseValue(body.slice(eq + 1));
    } else {
      const next = words[i + 1];
      if (next === undefined || next.startsWith("--")) {
        overrides[body] = true;
      } else {
        overrides[body] = parseValue(next);
        i++;
      }
    }
  }
  return { overrides, rest };
}

/** Overrides from the environment variable, with the same syntax as on the command line. */
export function overridesFromEnv(env: NodeJS.ProcessEnv = process.env, name = "TSNLP_CONFIG_OVERRIDES"): Overrides {
  const text = env[name]?.trim();
  if (!text) return {};
  const { overrides, rest } = parseOverrides(splitWords(text));
  if (rest.length > 0) {
    throw new TsnlpError("E_CONFIG_OVERRIDE", `${name} holds words that are not overrides: ${rest.join(" ")}`, {
      hint: `Write it as on the command line: ${name}="--training.max_epochs=3 --paths.train corpus/train.spacy".`,
    });
  }
  return overrides;
}

/** Shell-like splitting: whitespace separates words, single or double quotes group them. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(re)) words.push(match[1] ?? match[2] ?? (match[3] as string));
  return words;
}

/**
 * Apply overrides to an uninterpolated tree (in place). The section must exist; the key may
 * be new. A value may be a whole section (`--paths '{"train": "x"}'` style JSON objects too).
 */
export function applyOverrides(tree: Section, overrides: Overrides, origin = "command line"): Section {
  for (const [dotted, value] of Object.entries(overrides)) {
    const path = dotted.split(".");
    const key = path.pop() as string;
    let node: Section = tree;
    path.forEach((part, depth) => {
      const child = node[part];
      if (!isSection(child)) {
        const where = path.slice(0, depth).join(".");
        const known = Object.keys(node).filter((k) => isSection(node[k]));
        throw new TsnlpError(
          "E_CONFIG_OVERRIDE",
          `Cannot override '${dotted}' (from the ${origin}): there is no section '${path.slice(0, depth + 1).join(".")}' in the config.${didYouMean(part, known)}`,
          { hint: where ? `Sections under '${where}': ${known.join(", ") || "none"}.` : `Top-level sections: ${known.join(", ")}.` },
        );
      }
      node = child;
    });
    if (path.length === 0) {
      throw new TsnlpError("E_CONFIG_OVERRIDE", `Cannot override '${dotted}': an override names a section and a key, like --training.max_epochs.`);
    }
    node[key] = value;
  }
  return tree;
}
