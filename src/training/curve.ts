/**
 * The training curve: a self-contained SVG of each component's loss and of the scores at
 * every evaluation, written beside the trained pipeline. Hand-written SVG keeps it free of
 * dependencies and viewable in any browser; hovering a point shows its value.
 */
import { writeFileAtomic } from "../util/io.js";
import type { TrainingInfo } from "./loggers/types.js";

export interface TrainingCurveOptions {
  /** Components whose loss is drawn, in pipeline order. */
  trainableNames: string[];
  /** Score keys drawn beside the overall score ("speed", in words per second, is left out: it is no percentage). */
  scoreColumns: string[];
  title?: string;
}

interface Point {
  step: number;
  value: number | null;
}

interface Series {
  name: string;
  color: string;
  width: number;
  points: Point[];
}

interface Panel {
  title: string;
  yLabel: string;
  series: Series[];
  /** Axis range forced to include these values (0 for losses, 0-100 for scores). */
  include: number[];
}

// Tableau 10: distinct colors that survive colour-blindness reasonably well.
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const SCORE_COLOR = "#222222";

const WIDTH = 960;
const PANEL_HEIGHT = 280;
const MARGIN = { top: 76, left: 78, right: 230, bottom: 52, gap: 44 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = PANEL_HEIGHT - MARGIN.bottom;

/** Write the curve of `rows` (one per evaluation) to `path`, atomically. */
export function writeTrainingCurve(rows: readonly TrainingInfo[], path: string, options: TrainingCurveOptions): void {
  writeFileAtomic(path, trainingCurveSvg(rows, options));
}

/** The SVG text of the curve. */
export function trainingCurveSvg(rows: readonly TrainingInfo[], options: TrainingCurveOptions): string {
  const panels = curvePanels(rows, options);
  const height = MARGIN.top + panels.length * PANEL_HEIGHT + (panels.length - 1) * MARGIN.gap + 12;
  const steps = rows.map((row) => row.step);
  const xScale = linearScale(steps.length > 0 ? steps : [0, 1], [MARGIN.left, MARGIN.left + PLOT_WIDTH], false, true);
  const body = panels.map((panel, i) => drawPanel(panel, MARGIN.top + i * (PANEL_HEIGHT + MARGIN.gap), xScale)).join("\n");
  const title = options.title ?? "Training curve";
  const empty =
    rows.length === 0
      ? `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${MARGIN.top + PLOT_HEIGHT / 2}" text-anchor="middle" fill="#888">no evaluations yet</text>`
      : "";
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="30" font-size="18" font-weight="bold" fill="#222">${escapeXml(title)}</text>`,
    body,
    empty,
    `</svg>`,
    "",
  ].join("\n");
}

function curvePanels(rows: readonly TrainingInfo[], options: TrainingCurveOptions): Panel[] {
  const losses: Series[] = options.trainableNames.map((name, i) => ({
    name: `loss ${name}`,
    color: PALETTE[i % PALETTE.length]!,
    width: 2,
    points: rows.map((row) => ({ step: row.step, value: finiteOrNull(row.losses[name]) })),
  }));
  const columns = options.scoreColumns.filter((column) => column !== "speed");
  const scores: Series[] = [
    { name: "score", color: SCORE_COLOR, width: 3, points: rows.map((row) => ({ step: row.step, value: percent(row.score) })) },
    ...columns.map((column, i) => ({
      name: column,
      color: PALETTE[(options.trainableNames.length + i) % PALETTE.length]!,
      width: 1.5,
      points: rows.map((row) => ({ step: row.step, value: percent(row.otherScores[column]) })),
    })),
  ];
  return [
    { title: "Losses", yLabel: "loss", series: losses, include: [0] },
    { title: "Scores", yLabel: "score (%)", series: scores, include: [0, 100] },
  ];
}

function drawPanel(panel: Panel, top: number, xScale: Scale): string {
  const values = panel.series.flatMap((series) => series.points.map((point) => point.value)).filter((value): value is number => value !== null);
  const yScale = linearScale([...values, ...panel.include], [top + PLOT_HEIGHT, top], true);
  const left = MARGIN.left;
  const right = MARGIN.left + PLOT_WIDTH;
  const bottom = top + PLOT_HEIGHT;
  const parts: string[] = [`<g class="panel" data-panel="${escapeXml(panel.title.toLowerCase())}">`];
  parts.push(`<text x="${left}" y="${fmt(top - 10)}" font-size="14" font-weight="bold" fill="#222">${escapeXml(panel.title)}</text>`);
  for (const tick of yScale.ticks) {
    const y = fmt(yScale.map(tick));
    parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#e6e6e6"/>`);
    parts.push(`<text x="${left - 8}" y="${y}" dy="0.32em" text-anchor="end" fill="#444">${escapeXml(formatTick(tick, yScale.step))}</text>`);
  }
  for (const tick of xScale.ticks) {
    const x = fmt(xScale.map(tick));
    parts.push(`<line x1="${x}" y1="${bottom}" x2="${x}" y2="${bottom + 5}" stroke="#444"/>`);
    parts.push(`<text x="${x}" y="${bottom + 18}" text-anchor="middle" fill="#444">${escapeXml(formatTick(tick, xScale.step))}</text>`);
  }
  parts.push(`<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#444"/>`);
  parts.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${bottom}" stroke="#444"/>`);
  parts.push(`<text x="${fmt((left + right) / 2)}" y="${bottom + 38}" text-anchor="middle" fill="#222">step</text>`);
  const yMid = fmt(top + PLOT_HEIGHT / 2);
  parts.push(
    `<text x="${left - 58}" y="${yMid}" text-anchor="middle" transform="rotate(-90 ${left - 58} ${yMid})" fill="#222">${escapeXml(panel.yLabel)}</text>`,
  );
  panel.series.forEach((series) => {
    parts.push(drawSeries(series, xScale, yScale));
  });
  parts.push(drawLegend(panel.series, right + 24, top));
  parts.push("</g>");
  return parts.join("\n");
}

function drawSeries(series: Series, xScale: Scale, yScale: Scale): string {
  const parts = [`<g class="series" data-name="${escapeXml(series.name)}" stroke="${series.color}" fill="${series.color}">`];
  // A missing value breaks the line rather than dropping to zero.
  let run: string[] = [];
  const flush = () => {
    if (run.length > 1) parts.push(`<polyline fill="none" stroke-width="${series.width}" stroke-linejoin="round" points="${run.join(" ")}"/>`);
    run = [];
  };
  for (const point of series.points) {
    if (point.value === null) {
      flush();
      continue;
    }
    const x = fmt(xScale.map(point.step));
    const y = fmt(yScale.map(point.value));
    run.push(`${x},${y}`);
  }
  flush();
  for (const point of series.points) {
    if (point.value === null) continue;
    const label = `${series.name} at step ${point.step}: ${formatValue(point.value)}`;
    parts.push(`<circle cx="${fmt(xScale.map(point.step))}" cy="${fmt(yScale.map(point.value))}" r="2.5"><title>${escapeXml(label)}</title></circle>`);
  }
  parts.push("</g>");
  return parts.join("\n");
}

function drawLegend(series: readonly Series[], x: number, top: number): string {
  const parts = [`<g class="legend">`];
  series.forEach((entry, i) => {
    const y = top + 8 + i * 20;
    parts.push(`<line x1="${x}" y1="${y}" x2="${x + 22}" y2="${y}" stroke="${entry.color}" stroke-width="${Math.max(2, entry.width)}"/>`);
    parts.push(`<text x="${x + 30}" y="${y}" dy="0.32em" fill="#222">${escapeXml(entry.name)}</text>`);
  });
  parts.push("</g>");
  return parts.join("\n");
}

interface Scale {
  ticks: number[];
  step: number;
  map(value: number): number;
}

/** A linear scale over the values, widened to round tick values ("nice" numbers: 1, 2, 5 x 10^k). */
function linearScale(values: readonly number[], [from, to]: [number, number], niceEnds: boolean, integer = false): Scale {
  let lo = values.reduce((min, value) => Math.min(min, value), Number.POSITIVE_INFINITY);
  let hi = values.reduce((max, value) => Math.max(max, value), Number.NEGATIVE_INFINITY);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= lo === 0 ? 0 : pad;
    hi += pad;
  }
  const rough = niceStep((hi - lo) / 5);
  const step = integer ? Math.max(1, rough) : rough;
  if (niceEnds) {
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
  }
  const ticks: number[] = [];
  for (let tick = Math.ceil(lo / step) * step; tick <= hi + step * 1e-9; tick += step) ticks.push(roundTo(tick, step));
  return { ticks, step, map: (value) => from + ((value - lo) / (hi - lo)) * (to - from) };
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Remove float noise from a tick (0.30000000000000004 -> 0.3). */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number(value.toFixed(Math.min(20, decimals + 1)));
}

function formatTick(value: number, step: number): string {
  if (Math.abs(value) >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (Math.abs(value) >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return value.toFixed(Math.min(20, decimals));
}

function formatValue(value: number): string {
  return Math.abs(value) >= 1000 ? value.toFixed(0) : Number(value.toPrecision(4)).toString();
}

function percent(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value * 100 : null;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function fmt(value: number): string {
  return Number(value.toFixed(2)).toString();
}

/** Text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
