/**
 * Edit trees (Müller et al., 2015), as spaCy builds them for its trainable lemmatizer
 * (spacy/pipeline/_edit_tree_internals/edit_trees.pyx, v3.5.4). A tree rewrites a form into
 * its lemma with two kinds of node:
 *
 * - a match node keeps the middle of the form and hands a prefix of `prefix_len` and a
 *   suffix of `suffix_len` characters to its prefix and suffix subtrees (none: kept as is);
 * - a substitution node replaces the whole string `orig` by `subst`, and applies to nothing else.
 *
 * A tree for a form/lemma pair splits both at their longest common substring, so that
 * "gedeeld" -> "delen" and "gegooid" -> "gooien" share the subtree that strips "ge". Trees are
 * kept once: adding an equal tree again gives the id it already has, and subtrees always
 * have smaller ids than the trees that use them.
 *
 * Lengths count Unicode code points, as Python's do, so trees read and written by spaCy mean
 * the same here.
 */
import { TsnlpError } from "../util/errors.js";

/** The id that stands for "no subtree" in a match node (spaCy's NULL_TREE_ID, UINT32_MAX). */
export const NULL_TREE_ID = 0xffffffff;

export interface MatchNode {
  prefix_len: number;
  suffix_len: number;
  prefix_tree: number;
  suffix_tree: number;
}

export interface SubstNode {
  orig: string;
  subst: string;
}

/** One node in the JSON form spaCy's label_data uses, with the strings themselves. */
export type EditTreeNode = MatchNode | SubstNode;

export function isMatchNode(node: EditTreeNode): node is MatchNode {
  return "prefix_len" in node;
}

/** The longest common substring: [sourceBegin, sourceEnd) in the source, [targetBegin, targetEnd) in the target. */
export interface Lcs {
  sourceBegin: number;
  sourceEnd: number;
  targetBegin: number;
  targetEnd: number;
}

/**
 * The longest common substring of two code point sequences; of several, the one that ends
 * first in the source (then in the target), as spaCy's find_lcs picks it. All zeros when the
 * sequences share no character.
 */
export function findLcs(source: readonly string[], target: readonly string[]): Lcs {
  const lcs: Lcs = { sourceBegin: 0, sourceEnd: 0, targetBegin: 0, targetEnd: 0 };
  let longest = 0;
  let previous = new Uint32Array(target.length);
  let current = new Uint32Array(target.length);
  for (let s = 0; s < source.length; s++) {
    const char = source[s];
    for (let t = 0; t < target.length; t++) {
      if (char !== target[t]) {
        current[t] = 0;
        continue;
      }
      const length = s === 0 || t === 0 ? 1 : previous[t - 1]! + 1;
      current[t] = length;
      if (length > longest) {
        longest = length;
        lcs.sourceBegin = s - length + 1;
        lcs.sourceEnd = s + 1;
        lcs.targetBegin = t - length + 1;
        lcs.targetEnd = t + 1;
      }
    }
    [previous, current] = [current, previous];
  }
  return lcs;
}

export class EditTrees {
  private nodes: EditTreeNode[] = [];
  /** A node's identity (its fields, subtrees by id) -> its id. */
  private ids = new Map<string, number>();

  /** The number of trees, subtrees included. */
  get size(): number {
    return this.nodes.length;
  }

  /** The id of the tree that rewrites `form` into `lemma`, added when it is new. */
  add(form: string, lemma: string): number {
    // Two empty strings have an empty common substring, which would make a substitution
    // node; the identity is a match node that keeps nothing.
    if (form === "" && lemma === "") return this.idOf({ prefix_len: 0, suffix_len: 0, prefix_tree: NULL_TREE_ID, suffix_tree: NULL_TREE_ID });
    return this.addCodePoints(Array.from(form), Array.from(lemma));
  }

  private addCodePoints(form: string[], lemma: string[]): number {
    if (form.length === 0 && lemma.length === 0) return this.add("", "");
    const lcs = findLcs(form, lemma);
    if (lcs.sourceEnd === 0 && lcs.targetEnd === 0) return this.idOf({ orig: form.join(""), subst: lemma.join("") });
    const prefixTree =
      lcs.sourceBegin !== 0 || lcs.targetBegin !== 0 ? this.addCodePoints(form.slice(0, lcs.sourceBegin), lemma.slice(0, lcs.targetBegin)) : NULL_TREE_ID;
    const suffixTree =
      lcs.sourceEnd !== form.length || lcs.targetEnd !== lemma.length
        ? this.addCodePoints(form.slice(lcs.sourceEnd), lemma.slice(lcs.targetEnd))
        : NULL_TREE_ID;
    return this.idOf({ prefix_len: lcs.sourceBegin, suffix_len: form.length - lcs.sourceEnd, prefix_tree: prefixTree, suffix_tree: suffixTree });
  }

  private idOf(node: EditTreeNode): number {
    const key = nodeKey(node);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.nodes.length;
    this.nodes.push(node);
    this.ids.set(key, id);
    return id;
  }

  /** The lemma tree `treeId` makes of `form`, or null when the tree does not apply to it. */
  apply(treeId: number, form: string): string | null {
    this.checkId(treeId);
    const chars = Array.from(form);
    const pieces: string[] = [];
    return this.applyTo(treeId, chars, 0, chars.length, pieces) ? pieces.join("") : null;
  }

  private applyTo(treeId: number, chars: readonly string[], start: number, end: number, pieces: string[]): boolean {
    const node = this.nodes[treeId]!;
    if (!isMatchNode(node)) {
      if (chars.slice(start, end).join("") !== node.orig) return false;
      pieces.push(node.subst);
      return true;
    }
    if (node.prefix_len + node.suffix_len > end - start) return false;
    const middleStart = start + node.prefix_len;
    const suffixStart = end - node.suffix_len;
    if (node.prefix_tree !== NULL_TREE_ID && !this.applyTo(node.prefix_tree, chars, start, middleStart, pieces)) return false;
    pieces.push(chars.slice(middleStart, suffixStart).join(""));
    return node.suffix_tree === NULL_TREE_ID || this.applyTo(node.suffix_tree, chars, suffixStart, end, pieces);
  }

  /**
   * The tree as an S-expression, as spaCy's tree_to_str writes it:
   * `(m prefix_len suffix_len prefix_tree suffix_tree)` and `(s 'orig' 'subst')`, `()` for no subtree.
   */
  treeToStr(treeId: number): string {
    this.checkId(treeId);
    const node = this.nodes[treeId]!;
    if (!isMatchNode(node)) return `(s '${node.orig}' '${node.subst}')`;
    const sub = (id: number) => (id === NULL_TREE_ID ? "()" : this.treeToStr(id));
    return `(m ${node.prefix_len} ${node.suffix_len} ${sub(node.prefix_tree)} ${sub(node.suffix_tree)})`;
  }

  /** A copy of one node. */
  get(treeId: number): EditTreeNode {
    this.checkId(treeId);
    return { ...this.nodes[treeId]! };
  }

  /** Every node by id, in spaCy's JSON form with strings (label_data's "trees"). */
  toJSON(): EditTreeNode[] {
    return this.nodes.map((node) => ({ ...node }));
  }

  /**
   * Replace the trees by a list in JSON form. Each entry is checked, and a subtree must come
   * before the tree that uses it, as trees built by `add` always do.
   */
  fromJSON(trees: unknown, where = "the edit trees"): this {
    if (!Array.isArray(trees)) {
      throw new TsnlpError("E_EDIT_TREES", `${where} must be a list of edit tree nodes, got ${describe(trees)}.`, { hint: TREE_FORMS });
    }
    const nodes = trees.map((tree, id) => checkNode(tree, id, where));
    this.nodes = nodes;
    this.ids = new Map(nodes.map((node, id) => [nodeKey(node), id]));
    return this;
  }

  private checkId(treeId: number): void {
    if (!Number.isInteger(treeId) || treeId < 0 || treeId >= this.nodes.length) {
      throw new RangeError(`Edit tree ${treeId} does not exist; there are ${this.nodes.length} trees.`);
    }
  }
}

const TREE_FORMS =
  'Write match nodes as {"prefix_len": 0, "suffix_len": 2, "prefix_tree": 4294967295, "suffix_tree": 0} and substitution nodes as {"orig": "en", "subst": ""}.';

function nodeKey(node: EditTreeNode): string {
  return isMatchNode(node) ? `m${node.prefix_len},${node.suffix_len},${node.prefix_tree},${node.suffix_tree}` : `s${node.orig}\u0000${node.subst}`;
}

const MATCH_KEYS = ["prefix_len", "suffix_len", "prefix_tree", "suffix_tree"] as const;

function checkNode(tree: unknown, id: number, where: string): EditTreeNode {
  const fail = (what: string): never => {
    throw new TsnlpError("E_EDIT_TREES", `Edit tree ${id} in ${where} ${what}.`, { hint: TREE_FORMS });
  };
  if (tree === null || typeof tree !== "object" || Array.isArray(tree)) return fail(`is ${describe(tree)}, not an object`);
  const entry = tree as Record<string, unknown>;
  const keys = Object.keys(entry).sort();
  if ("prefix_len" in entry) {
    if (keys.join() !== [...MATCH_KEYS].sort().join()) return fail(`has the keys ${keys.join(", ")}; a match node has exactly ${MATCH_KEYS.join(", ")}`);
    for (const key of MATCH_KEYS) {
      const value = entry[key];
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0) fail(`has ${key} = ${JSON.stringify(value)}; it must be a whole number`);
    }
    for (const key of ["prefix_tree", "suffix_tree"] as const) {
      const sub = entry[key] as number;
      if (sub !== NULL_TREE_ID && sub >= id) fail(`uses tree ${sub} as its ${key}; a subtree must come before the trees that use it`);
    }
    const [prefix_len, suffix_len, prefix_tree, suffix_tree] = MATCH_KEYS.map((key) => entry[key] as number) as [number, number, number, number];
    return { prefix_len, suffix_len, prefix_tree, suffix_tree };
  }
  if (keys.join() !== "orig,subst") return fail(`has the keys ${keys.join(", ") || "(none)"}; a substitution node has exactly orig and subst`);
  if (typeof entry.orig !== "string" || typeof entry.subst !== "string") {
    return fail("has orig or subst that is not a string (spaCy's string hashes cannot be read back without its string store)");
  }
  return { orig: entry.orig, subst: entry.subst };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "string" ? JSON.stringify(value) : typeof value;
}
