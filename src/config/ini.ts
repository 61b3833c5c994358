import { TsnlpError } from "../util/errors.js";
import { SourceMap } from "./source.js";
import { type Section, type Value, isSection, promiseKey } from "./tree.js";
import { dumpValue, parseValue } from "./values.js";

export interface Parsed {
  tree: Section;
  source: SourceMap;
}

const SECTION_RE = /^\[([^\]]*)\]\s*$/;

/**
 * Read spaCy's config dialect (Python configparser with confection's rules): `[a.b]`
 * sections whose parents must be declared, `key = value` or `key: value`, full-line `#`
 * and `;` comments, indented continuation lines, keys kept case-sensitive.
 */
export function parseIni(text: string, file?: string): Parsed {
  const source = new SourceMap(file);
  const tree: Section = {};
  const declared = new Set<string>();
  const fail = (code: string, message: string, line: number, hint?: string): never => {
    throw new TsnlpError(code, message, { file, line, hint });
  };

  let section: Section | undefined;
  let sectionPath: string[] = [];
  let pending: { key: string; lines: string[]; line: number; indent: number } | undefined;
  const flush = () => {
    if (!pending || !section) return;
    section[pending.key] = parseValue(pending.lines.join("\n"));
    pending = undefined;
  };

  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  rows.forEach((row, index) => {
    const lineNo = index + 1;
    const indent = row.length - row.trimStart().length;
    const content = row.trim();
    if (pending && content !== "" && indent > pending.indent && !isComment(content)) {
      pending.lines.push(content);
      return;
    }
    if (content === "" || isComment(content)) return;
    flush();
    const header = SECTION_RE.exec(content);
    if (header) {
      const name = (header[1] as string).trim();
      if (name === "") fail("E_CONFIG_SYNTAX", "Empty section name '[]'.", lineNo);
      if (declared.has(name)) fail("E_CONFIG_SYNTAX", `Section '${name}' is declared twice.`, lineNo, "Merge the two sections into one.");
      sectionPath = name.split(".");
      section = openSection(tree, sectionPath, declared, (parent) =>
        fail(
          "E_CONFIG_MISSING_PARENT",
          `${parent.join(".")} -> ${sectionPath[parent.length]}  Section '${parent.join(".")}' is not defined`,
          lineNo,
          `Add a line '[${parent.join(".")}]' before '[${name}]'.`,
        ),
      );
      declared.add(name);
      source.set(sectionPath, lineNo);
      return;
    }
    if (content.startsWith("[")) fail("E_CONFIG_SYNTAX", `Malformed section header: ${content}`, lineNo, "A section header looks like [section.subsection].");
    const delimiter = content.search(/[=:]/);
    if (delimiter <= 0) {
      fail("E_CONFIG_SYNTAX", `Expected 'key = value', found: ${content}`, lineNo, "Every line inside a section is 'key = value', a comment (# or ;) or an indented continuation.");
    }
    if (!section) fail("E_CONFIG_SYNTAX", `'${content}' comes before any [section] header.`, lineNo, "Put settings inside a section, e.g. [nlp].");
    const key = content.slice(0, delimiter).trim();
    const current = section as Section;
    if (Object.hasOwn(current, key)) fail("E_CONFIG_SYNTAX", `Key '${key}' appears twice in section '${sectionPath.join(".")}'.`, lineNo);
    if (isSection(current[key])) fail("E_CONFIG_SYNTAX", `'${key}' is both a key and a section in '${sectionPath.join(".")}'.`, lineNo);
    pending = { key, lines: [content.slice(delimiter + 1).trim()], line: lineNo, indent };
    source.set([...sectionPath, key], lineNo);
  });
  flush();
  return { tree, source };
}

function isComment(content: string): boolean {
  return content.startsWith("#") || content.startsWith(";");
}

function openSection(tree: Section, path: string[], declared: Set<string>, missingParent: (parent: string[]) => void): Section {
  let node = tree;
  path.forEach((part, depth) => {
    const prefix = path.slice(0, depth + 1);
    // Positional blocks ([x.*.name]) need no [x.*] header, as in confection.
    if (depth < path.length - 1 && part !== "*" && !declared.has(prefix.join("."))) missingParent(prefix);
    const existing = node[part];
    if (existing === undefined) {
      const created: Section = {};
      node[part] = created;
      node = created;
    } else if (isSection(existing)) {
      node = existing;
    } else {
      throw new TsnlpError("E_CONFIG_SYNTAX", `Section '${prefix.join(".")}' clashes with the key '${part}' set in '${path.slice(0, depth).join(".")}'.`);
    }
  });
  return node;
}

/** spaCy's order of top-level sections; any other section follows, alphabetically. */
export const SECTION_ORDER = ["paths", "variables", "system", "nlp", "components", "corpora", "training", "pretraining", "initialize"];

interface WrittenSection {
  path: string[];
  entries: Array<[string, Value]>;
  order: number;
}

/** Children after their parent, siblings alphabetically, except positional (`*`) blocks, which keep their order. */
function compareSections(x: WrittenSection, y: WrittenSection): number {
  const [a, b] = [x.path, y.path];
  const rank = (path: string[]) => {
    const index = SECTION_ORDER.indexOf(path[0] as string);
    return index === -1 ? SECTION_ORDER.length : index;
  };
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (a[i - 1] === "*") return x.order - y.order;
    return (a[i] as string) < (b[i] as string) ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Write a config tree in spaCy's classic style: compact JSON values, a function block
 * without arguments inline (`tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}`), every other
 * table as a section, children right after their parent.
 */
export function writeIni(tree: Section): string {
  const sections: WrittenSection[] = [];
  const visit = (path: string[], node: Section) => {
    const entries: Array<[string, Value]> = [];
    sections.push({ path, entries, order: sections.length });
    const positional = path[path.length - 1] === "*";
    for (const [key, value] of Object.entries(node)) {
      if (isSection(value)) {
        const inline = !positional && promiseKey(value) !== undefined && Object.keys(value).length === 1;
        if (inline) entries.push([key, value]);
        else visit([...path, key], value);
      } else {
        entries.push([key, value]);
      }
    }
  };
  for (const [key, value] of Object.entries(tree)) {
    if (!isSection(value)) throw new TsnlpError("E_CONFIG_WRITE", `Top-level key '${key}' is not a section; a config holds only sections at the top.`);
    visit([key], value);
  }
  sections.sort(compareSections);
  return sections
    .filter(({ path, entries }) => path[path.length - 1] !== "*" || entries.length > 0)
    .map(({ path, entries }) => [`[${path.join(".")}]`, ...entries.map(([key, value]) => `${key} = ${dumpValue(value)}`)].join("\n"))
    .join("\n\n");
}
