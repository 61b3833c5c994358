/**
 * displaCy's "dep" style: each parse as an SVG, words along a line with their tags below, and
 * an arc from each head to its dependent, labelled, with an arrowhead at the dependent (spaCy
 * 3.5.4 DependencyRenderer in spacy/displacy/render.py and TPL_DEP_* in templates.py). Arcs
 * are stacked in levels, shorter arcs lower. Unlike displaCy, labels and tags are escaped too,
 * ids are stable when `idPrefix` is given, and a doc can be drawn sentence by sentence.
 */
import { randomUUID } from "node:crypto";
import type { Doc } from "../tokens/doc.js";
import { type DepArc, type DepParse, type DepWord, type ParseDepsOptions, parseDeps } from "./dep-parse.js";
import { type Direction, docSettings, docTitle, escapeHtml, figure, htmlPage, titleMarkup } from "./html.js";

export interface RenderDepsOptions extends ParseDepsOptions {
  /** A whole HTML document (the default), or only the SVGs to put into a page of one's own. */
  page?: boolean;
  /** Square arcs and less room (spaCy's evaluate draws its pages compact). */
  compact?: boolean;
  /** One drawing per sentence instead of one per doc. */
  splitSentences?: boolean;
  /** Title above the first drawing. */
  title?: string;
  /** Prefix of the SVG element ids; random by default, as displaCy's, so that drawings on one page never share ids. */
  idPrefix?: string;
  wordSpacing?: number;
  arrowSpacing?: number;
  arrowWidth?: number;
  arrowStroke?: number;
  distance?: number;
  offsetX?: number;
  color?: string;
  bg?: string;
  font?: string;
}

interface Layout {
  compact: boolean;
  wordSpacing: number;
  arrowSpacing: number;
  arrowWidth: number;
  arrowStroke: number;
  distance: number;
  offsetX: number;
  color: string;
  bg: string;
  font: string;
  direction: Direction;
  lang: string;
}

/** SVG drawings of the docs' dependency parses. */
export function renderDeps(docs: Iterable<Doc>, options: RenderDepsOptions = {}): string {
  const list = [...docs];
  const settings = docSettings(list[0]);
  const compact = options.compact ?? false;
  const layout: Layout = {
    compact,
    wordSpacing: options.wordSpacing ?? 45,
    arrowSpacing: options.arrowSpacing ?? (compact ? 12 : 20),
    arrowWidth: options.arrowWidth ?? (compact ? 6 : 10),
    arrowStroke: options.arrowStroke ?? 2,
    distance: options.distance ?? (compact ? 150 : 175),
    offsetX: options.offsetX ?? 50,
    color: options.color ?? "#000000",
    bg: options.bg ?? "#ffffff",
    font: options.font ?? "Arial",
    direction: settings.direction,
    lang: settings.lang,
  };
  const idPrefix = options.idPrefix ?? randomUUID().replace(/-/g, "");
  const parses: Array<{ doc: Doc; parse: DepParse }> = [];
  for (const doc of list) {
    const ranges = options.splitSentences ? doc.sentenceBounds() : [[0, doc.length] as [number, number]];
    for (const [start, end] of ranges) parses.push({ doc, parse: parseDeps(doc, options, start, end) });
  }
  const drawings = parses.map(({ doc, parse }, i) => {
    const title = i === 0 ? titleMarkup(docTitle(doc, options.title)) : "";
    return title + renderSvg(`${idPrefix}-${i}`, parse, layout);
  });
  if (options.page === false) return drawings.join("");
  return htmlPage(drawings.map(figure).join(""), settings);
}

function renderSvg(id: string, { words, arcs }: DepParse, layout: Layout): string {
  const levels = arcLevels(arcs);
  const highest = Math.max(0, ...levels.values());
  const offsetY = (layout.distance / 2) * highest + layout.arrowStroke;
  const width = layout.offsetX + words.length * layout.distance;
  const height = offsetY + 3 * layout.wordSpacing;
  const geometry = { ...layout, levels, highest, offsetY, width };
  const content = words.map((word, i) => renderWord(word, i, geometry)).join("") + arcs.map((arc, i) => renderArrow(arc, i, id, geometry)).join("");
  const { lang, direction: dir, color, bg, font } = layout;
  return `
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xml:lang="${escapeHtml(lang)}" id="${escapeHtml(id)}" class="displacy" width="${width}" height="${height}" direction="${dir}" style="max-width: none; height: ${height}px; color: ${escapeHtml(color)}; background: ${escapeHtml(bg)}; font-family: ${escapeHtml(font)}; direction: ${dir}">${content}</svg>
`;
}

interface Geometry extends Layout {
  levels: Map<string, number>;
  highest: number;
  offsetY: number;
  width: number;
}

function renderWord(word: DepWord, i: number, g: Geometry): string {
  const y = g.offsetY + g.wordSpacing;
  let x = g.offsetX + i * g.distance;
  if (g.direction === "rtl") x = g.width - x;
  const lemma = word.lemma === null ? "" : `\n    <tspan class="displacy-lemma" dy="2em" fill="currentColor" x="${x}">${escapeHtml(word.lemma)}</tspan>`;
  return `
<text class="displacy-token" fill="currentColor" text-anchor="middle" y="${y}">
    <tspan class="displacy-word" fill="currentColor" x="${x}">${escapeHtml(word.text)}</tspan>${lemma}
    <tspan class="displacy-tag" dy="2em" fill="currentColor" x="${x}">${escapeHtml(word.tag)}</tspan>
</text>
`;
}

function renderArrow(arc: DepArc, i: number, id: string, g: Geometry): string {
  const level = g.levels.get(levelKey(arc))!;
  let xStart = g.offsetX + arc.start * g.distance + g.arrowSpacing;
  if (g.direction === "rtl") xStart = g.width - xStart;
  const y = g.offsetY;
  let xEnd = g.offsetX + arc.end * g.distance - (g.arrowSpacing * (g.highest - level)) / 4;
  if (g.direction === "rtl") xEnd = g.width - xEnd;
  let yCurve = g.offsetY - (level * g.distance) / (g.compact ? 6 : 2);
  if (yCurve === 0 && g.highest > 5) yCurve = -g.distance;
  const path = g.compact
    ? `M${xStart},${y} ${xStart},${yCurve} ${xEnd},${yCurve} ${xEnd},${y}`
    : `M${xStart},${y} C${xStart},${yCurve} ${xEnd},${yCurve} ${xEnd},${y}`;
  const head = arrowhead(arc.dir, xStart, y, xEnd, g.arrowWidth);
  const side = g.direction === "rtl" ? "right" : "left";
  const arrowId = escapeHtml(`arrow-${id}-${i}`);
  return `
<g class="displacy-arrow">
    <path class="displacy-arc" id="${arrowId}" stroke-width="${g.arrowStroke}px" d="${path}" fill="none" stroke="currentColor"/>
    <text dy="1.25em" style="font-size: 0.8em; letter-spacing: 1px">
        <textPath xlink:href="#${arrowId}" class="displacy-label" startOffset="50%" side="${side}" fill="currentColor" text-anchor="middle">${escapeHtml(arc.label)}</textPath>
    </text>
    <path class="displacy-arrowhead" d="${head}" fill="currentColor"/>
</g>
`;
}

/** The arrowhead sits at the dependent: the start of the arc for "left", its end for "right". */
function arrowhead(dir: "left" | "right", x: number, y: number, end: number, width: number): string {
  const [p1, p2, p3] = dir === "left" ? [x, x - width + 2, x + width - 2] : [end, end + width - 2, end - width + 2];
  return `M${p1},${y + 2} L${p2},${y - width} ${p3},${y - width}`;
}

function levelKey(arc: DepArc): string {
  return `${arc.start} ${arc.end} ${arc.label}`;
}

/**
 * The height level of each arc (spaCy's get_levels): shorter arcs first, each one level above
 * the highest arc under its span. displaCy takes equally long arcs in no fixed order; here
 * they go left to right.
 */
export function arcLevels(arcs: readonly DepArc[]): Map<string, number> {
  const unique = new Map<string, DepArc>();
  for (const arc of arcs) unique.set(`${levelKey(arc)} ${arc.dir}`, arc);
  const length = Math.max(0, ...[...unique.values()].map((arc) => arc.end));
  const maxLevel = new Int32Array(length);
  const levels = new Map<string, number>();
  const sorted = [...unique.values()].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  for (const arc of sorted) {
    let level = 0;
    for (let i = arc.start; i < arc.end; i++) level = Math.max(level, maxLevel[i]!);
    level += 1;
    maxLevel.fill(level, arc.start, arc.end);
    levels.set(levelKey(arc), level);
  }
  return levels;
}
