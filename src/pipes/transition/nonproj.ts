/**
 * Pseudo-projective parsing (Nivre & Nilsson 2005, the HEAD decoration scheme), as spaCy does
 * it in spacy/pipeline/_parser_internals/nonproj.pyx (v3.5.4). The arc-eager parser can only
 * build projective trees, so for training each non-projective arc is lifted to the head's
 * head until the tree is projective, and the lifted token's label records the label of its
 * real head ("dep||headlabel"). After prediction, deprojectivize searches below the predicted
 * head for a token with that head label and reattaches the token there.
 *
 * Heads are absolute token indices; -1 (or null) is an unknown head.
 */
import type { Doc } from "../../tokens/doc.js";
import { TsnlpError } from "../../util/errors.js";

/** Between a lifted token's own label and its real head's label. */
export const DELIMITER = "||";

type HeadList = ArrayLike<number | null | undefined>;

function toHeads(heads: HeadList): Int32Array {
  const out = new Int32Array(heads.length);
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i];
    out[i] = head === null || head === undefined ? -1 : head;
  }
  return out;
}

/**
 * Whether `head` dominates `token`, or the walk up from `token` reaches an unknown head;
 * false when it reaches a root first. A cycle is an error.
 */
function hasHeadAsAncestor(token: number, head: number, heads: Int32Array): boolean {
  let ancestor = token;
  const seen = new Set<number>([ancestor]);
  for (;;) {
    const next = heads[ancestor]!;
    if (next === head || next < 0) return true;
    if (next === ancestor) return false;
    ancestor = next;
    if (seen.has(ancestor)) {
      throw new TsnlpError("E_PARSE_CYCLE", `Found cycle in dependency graph: [${Array.from(heads).join(", ")}]`, {
        hint: "Every token's chain of heads must end at a root (a token that is its own head); check the annotation's heads.",
      });
    }
    seen.add(ancestor);
  }
}

function nonprojArc(token: number, heads: Int32Array): boolean {
  const head = heads[token]!;
  // Root arcs and unattached tokens cannot be non-projective.
  if (head === token || head < 0) return false;
  const [start, end] = head < token ? [head + 1, token] : [token + 1, head];
  for (let k = start; k < end; k++) if (!hasHeadAsAncestor(k, head, heads)) return true;
  return false;
}

/**
 * Whether the arc into `token` is non-projective: some token between it and its head is not
 * dominated by the head (Havelka 2007).
 */
export function isNonprojArc(token: number, heads: HeadList): boolean {
  return nonprojArc(token, toHeads(heads));
}

/** Whether any arc of the tree is non-projective. */
export function isNonprojTree(heads: HeadList): boolean {
  const c = toHeads(heads);
  for (let i = 0; i < c.length; i++) if (nonprojArc(i, c)) return true;
  return false;
}

/**
 * The tokens of the first cycle found (walking up from each token in turn), or null for a
 * tree without cycles. Walks stop at unknown heads and after as many steps as there are tokens.
 */
export function containsCycle(heads: HeadList): Set<number> | null {
  const c = toHeads(heads);
  for (let token = 0; token < c.length; token++) {
    const seen = new Set<number>([token]);
    let head = token;
    for (let count = 0; head >= 0 && c[head] !== head && count < c.length; count++) {
      head = c[head]!;
      if (seen.has(head)) return seen;
      seen.add(head);
    }
  }
  return null;
}

/** A decorated label's own part and head part ("nsubj||xcomp" -> ["nsubj", "xcomp"]); the head part is "" when undecorated. */
export function decompose(label: string): [string, string] {
  const at = label.indexOf(DELIMITER);
  return at < 0 ? [label, ""] : [label.slice(0, at), label.slice(at + DELIMITER.length)];
}

export function isDecorated(label: string): boolean {
  return label.includes(DELIMITER);
}

/** The shortest non-projective arc (by distance; ties go to the leftmost token), or -1. */
function smallestNonprojArc(heads: Int32Array): number {
  let smallestSize = Number.POSITIVE_INFINITY;
  let smallest = -1;
  for (let token = 0; token < heads.length; token++) {
    const size = Math.abs(token - heads[token]!);
    if (size < smallestSize && nonprojArc(token, heads)) {
      smallestSize = size;
      smallest = token;
    }
  }
  return smallest;
}

/**
 * A projective tree for a (possibly non-projective) one: the shortest non-projective arc is
 * lifted to the head's head (a token whose head is a root becomes a root itself) until none
 * is left, and each lifted token's label becomes "label||label of its original head".
 * Returns new arrays; a projective tree comes back unchanged.
 */
export function projectivize(heads: readonly number[], labels: readonly string[]): [number[], string[]] {
  if (heads.length !== labels.length) {
    throw new TsnlpError("E_PROJECTIVIZE_LENGTH", `Cannot projectivize ${heads.length} heads with ${labels.length} labels.`, {
      hint: "Give one head and one label per token.",
    });
  }
  const projHeads = toHeads(heads);
  let arc = smallestNonprojArc(projHeads);
  if (arc === -1) return [[...heads], [...labels]];
  while (arc !== -1) {
    const head = projHeads[arc]!;
    const grandHead = head < 0 ? -1 : projHeads[head]!;
    projHeads[arc] = head === grandHead ? arc : grandHead;
    arc = smallestNonprojArc(projHeads);
  }
  const decorated = labels.map((label, token) => {
    const head = heads[token]!;
    return head !== projHeads[token] && head >= 0 ? `${label}${DELIMITER}${labels[head]}` : label;
  });
  return [Array.from(projHeads), decorated];
}

/**
 * Reattach every token with a decorated label "label||headlabel" (in token order) to the first
 * token labelled headlabel found breadth-first, left to right, below its predicted head
 * (leaving out the token itself, its subtree and whitespace); when there is none, the head
 * stays. The label becomes "label". Sentence starts follow from the new tree.
 *
 * Children are read as spaCy reads them during this pass: from the current heads, within each
 * token's left and right edges as they were before the first reattachment.
 */
export function deprojectivize(doc: Doc): Doc {
  const n = doc.length;
  if (!doc.deps.some(isDecorated)) return doc;
  const heads = Array.from(doc.heads);
  const deps = [...doc.deps];
  const [leftEdge, rightEdge] = subtreeEdges(heads);
  const childrenOf = (head: number): number[] => {
    const children: number[] = [];
    for (let k = leftEdge[head]!; k <= rightEdge[head]!; k++) if (k !== head && heads[k] === head) children.push(k);
    return children;
  };
  for (let i = 0; i < n; i++) {
    const label = deps[i]!;
    if (!isDecorated(label)) continue;
    const [ownLabel, headLabel] = decompose(label);
    heads[i] = findNewHead(i, headLabel, heads, deps, childrenOf, doc);
    deps[i] = ownLabel;
  }
  doc.setParse(heads, deps);
  return doc;
}

function findNewHead(token: number, headLabel: string, heads: number[], deps: string[], childrenOf: (head: number) => number[], doc: Doc): number {
  let queue = [heads[token]!];
  while (queue.length > 0) {
    const next: number[] = [];
    for (const node of queue) {
      for (const child of childrenOf(node)) {
        if (child === token || doc.lexemes[child]!.isSpace) continue;
        if (deps[child] === headLabel) return child;
        next.push(child);
      }
    }
    queue = next;
  }
  return heads[token]!;
}

/** The leftmost and rightmost token of each token's subtree (walks stop after n steps, so cycles end). */
function subtreeEdges(heads: readonly number[]): [Int32Array, Int32Array] {
  const n = heads.length;
  const left = Int32Array.from({ length: n }, (_, i) => i);
  const right = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    let node = i;
    for (let steps = 0; steps < n && heads[node] !== node; steps++) {
      const head = heads[node]!;
      if (head < 0 || head >= n) break;
      if (left[head]! > i) left[head] = i;
      if (right[head]! < i) right[head] = i;
      node = head;
    }
  }
  return [left, right];
}
