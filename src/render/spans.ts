/**
 * displaCy's "span" style: spans that may overlap, drawn as coloured bars under their tokens,
 * stacked one above another, with the label on the bar where each span starts (spaCy 3.5.4
 * SpanRenderer in spacy/displacy/render.py).
 */
import type { Doc } from "../tokens/doc.js";
import { labelColors } from "./colors.js";
import { docSettings, docTitle, escapeHtml, figure, htmlPage, titleMarkup } from "./html.js";
import { kbLink } from "./kb-link.js";

export interface RenderSpansOptions {
  /** A whole HTML document (the default), or only the figures. */
  page?: boolean;
  colors?: Record<string, string>;
  kbUrlTemplate?: string;
  title?: string;
  /** Pixels from the token's top to the first bar (displaCy's top_offset, 40). */
  topOffset?: number;
  /** Room under the bars for the labels (span_label_offset, 20). */
  spanLabelOffset?: number;
  /** Pixels between stacked bars (top_offset_step, 17). */
  offsetStep?: number;
}

/** Where one span is drawn on one token. */
export interface SpanSlice {
  label: string;
  kbId: string;
  /** Whether the span starts at this token (its label is drawn here). */
  isStart: boolean;
  /** 1 for the top bar, 2 for the one under it, ... */
  slot: number;
}

interface SlotSpan {
  start: number;
  end: number;
  label: string;
  kbId: string;
  slot: number;
}

/** HTML of the spans in `doc.spans.get(spansKey)` of each doc. */
export function renderSpans(docs: Iterable<Doc>, spansKey = "sc", options: RenderSpansOptions = {}): string {
  const list = [...docs];
  const settings = docSettings(list[0]);
  const colorOf = labelColors(options.colors);
  const topOffset = options.topOffset ?? 40;
  const labelOffset = options.spanLabelOffset ?? 20;
  const step = options.offsetStep ?? 17;
  const figures = list.map((doc, i) => {
    const slices = spanSlices(doc, spansKey);
    let markup = "";
    doc.tokens.forEach((token, t) => {
      const text = escapeHtml(token.text);
      const space = token.whitespace;
      const here = slices[t]!;
      // Whitespace tokens have no line height to hang bars from; displaCy leaves them plain.
      if (here.length === 0 || token.text.trim() === "") {
        markup += text + space;
        return;
      }
      const depth = Math.max(here.length, ...here.map((slice) => slice.slot));
      const height = topOffset + labelOffset + step * (depth - 1);
      const bars = here.map((slice) => bar(slice, escapeHtml(colorOf(slice.label)), topOffset + step * (slice.slot - 1))).join("");
      const labels = here
        .filter((slice) => slice.isStart)
        .map((slice) => startLabel(slice, escapeHtml(colorOf(slice.label)), topOffset + step * (slice.slot - 1), kbLink(slice.kbId, options.kbUrlTemplate)))
        .join("");
      // No whitespace around the block: the doc's own spacing decides what separates tokens.
      markup += `<span style="font-weight: bold; display: inline-block; position: relative; height: ${height}px;">
    ${text}
    ${bars}
    ${labels}
</span>${space}`;
    });
    const content = `${titleMarkup(docTitle(doc, i === 0 ? options.title : undefined))}<div class="spans" style="line-height: 2.5; direction: ${settings.direction}">${markup}</div>`;
    return options.page === false ? content : figure(content);
  });
  return options.page === false ? figures.join("") : htmlPage(figures.join(""), settings);
}

/**
 * For each token, the spans over it and the slot each is drawn in. As in displaCy, spans are
 * ordered by start, longer first, then label, and a span keeps the slot it takes at its first
 * token: one below the last span (in that order) that covers that token. spaCy 3.5.4 counted
 * the covering spans instead, which can put two spans in one slot; this is the later fix.
 */
export function spanSlices(doc: Doc, spansKey: string): SpanSlice[][] {
  const spans: SlotSpan[] = [...(doc.spans.get(spansKey) ?? [])]
    .map((span) => ({ start: span.start, end: span.end, label: span.label, kbId: span.kbId, slot: 0 }))
    .sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || compareStrings(a.label, b.label));
  return doc.tokens.map((_, t) => {
    const here: SpanSlice[] = [];
    let lastSlot = 0;
    for (const span of spans) {
      if (span.start <= t && t < span.end) {
        if (t === span.start) span.slot = lastSlot + 1;
        lastSlot = span.slot;
        here.push({ label: span.label, kbId: span.kbId, isStart: t === span.start, slot: span.slot });
      } else {
        span.slot = 0;
      }
    }
    return here.sort((a, b) => a.slot - b.slot);
  });
}

/** Python's ordering of strings (by code point), which localeCompare is not. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The bar under one token; where the span starts, `startLabel` lays a rounded bar with the label over it. */
function bar(slice: SpanSlice, color: string, top: number): string {
  return `
<span class="span-bar" data-label="${escapeHtml(slice.label)}" data-slot="${slice.slot}" style="background: ${color}; top: ${top}px; height: 4px; left: -1px; width: calc(100% + 2px); position: absolute;">
</span>`;
}

function startLabel(slice: SpanSlice, color: string, top: number, link: string): string {
  return `
<span style="background: ${color}; top: ${top}px; height: 4px; border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; width: calc(100% + 2px); position: absolute;">
    <span class="span-label" style="background: ${color}; z-index: 10; color: #000; top: -0.5em; padding: 2px 3px; position: absolute; font-size: 0.6em; font-weight: bold; line-height: 1; border-radius: 3px">
        ${escapeHtml(slice.label)}${link}
    </span>
</span>`;
}
