/**
 * Patterns written for spaCy hold Python regular expressions, searched with `re.search`.
 * Most of that syntax is JavaScript's too; this translates the parts that differ and that
 * pattern files use: leading inline flags such as `(?i)`, named groups `(?P<name>...)` and
 * back-references `(?P=name)`, the anchors `\A` and `\Z`, and the Unicode meaning Python
 * gives `\w` and `\d` (letters and digits of every script, not ASCII only).
 */

const FLAG_GROUP = /^\(\?([aiLmsux]+)\)/;

// Python's \w is str.isalnum() or "_"; \d is a Unicode decimal digit.
const UNICODE_CLASSES: Record<string, { outside: string; inside?: string }> = {
  w: { outside: "[\\p{L}\\p{N}_]", inside: "\\p{L}\\p{N}_" },
  W: { outside: "[^\\p{L}\\p{N}_]" },
  d: { outside: "\\p{Nd}", inside: "\\p{Nd}" },
  D: { outside: "\\P{Nd}", inside: "\\P{Nd}" },
};

/** A RegExp that behaves like Python's `re.compile(source)` for `search`; throws SyntaxError when invalid. */
export function compilePythonRegex(source: string): RegExp {
  let body = source;
  let flags = "";
  let ascii = false;
  const flagGroup = FLAG_GROUP.exec(body);
  if (flagGroup) {
    body = body.slice(flagGroup[0].length);
    for (const flag of flagGroup[1]!) {
      if (flag === "x") throw new SyntaxError("verbose mode (?x) is not supported; remove the whitespace and comments from the expression");
      if (flag === "a") ascii = true;
      if ("ims".includes(flag) && !flags.includes(flag)) flags += flag;
    }
  }
  try {
    return new RegExp(translate(body, !ascii), `${flags}u`);
  } catch {
    // The "u" flag rejects escapes Python allows (e.g. "\-" outside a class); try without it.
    return new RegExp(translate(body, false), flags);
  }
}

function translate(source: string, unicode: boolean): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === "\\" && i + 1 < source.length) {
      const next = source[i + 1]!;
      const unicodeClass = unicode ? UNICODE_CLASSES[next] : undefined;
      if (next === "A" && !inClass) out += "(?<![\\s\\S])";
      else if (next === "Z" && !inClass) out += "(?![\\s\\S])";
      else if (unicodeClass && !inClass) out += unicodeClass.outside;
      else if (unicodeClass?.inside && inClass) out += unicodeClass.inside;
      else out += char + next;
      i++;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      out += char;
      continue;
    }
    if (char === "[") {
      inClass = true;
      out += char;
      // A "]" right after "[" or "[^" is a literal in Python.
      const negated = source[i + 1] === "^";
      if (negated) out += "^";
      const first = i + (negated ? 2 : 1);
      if (source[first] === "]") {
        out += "\\]";
        i = first;
      } else if (negated) i++;
      continue;
    }
    if (source.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (source.startsWith("(?P=", i)) {
      const close = source.indexOf(")", i);
      if (close > 0) {
        out += `\\k<${source.slice(i + 4, close)}>`;
        i = close;
        continue;
      }
    }
    out += char;
  }
  return out;
}
