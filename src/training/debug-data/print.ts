/**
 * Print a debug data report as spaCy's wasabi printer does: a divider per section, messages
 * with ✔ ⚠ ✘ ℹ icons wrapped at 80 columns, tables with three spaces between columns, and the
 * summary "✔ N checks passed ⚠ N warnings ✘ N errors". --no-format drops icons, colors,
 * wrapping and the divider rules; --ignore-warnings hides warnings (they still count, as in
 * spaCy); verbose-only lines need --verbose. Colors follow chalk's level (configureColor).
 */
import chalk from "chalk";
import { plural } from "./format.js";
import type { DebugDataReport, Message, MessageLevel, Table } from "./report.js";

export interface PrintOptions {
  verbose?: boolean;
  ignoreWarnings?: boolean;
  noFormat?: boolean;
  /** Where lines go; standard output by default. */
  write?: (line: string) => void;
}

const LINE_MAX = 80;
/** Stands in for an escape code's characters while wrapping. */
const CODE_ROOM = "\u0000";
/** wasabi's default widest table column; wider cells overflow. */
const MAX_COL = 30;

const ICONS: Record<Exclude<MessageLevel, "text">, string> = { good: "✔", warn: "⚠", fail: "✘", info: "ℹ" };
const COLORS: Record<Exclude<MessageLevel, "text">, (text: string) => string> = {
  good: (text) => chalk.green(text),
  warn: (text) => chalk.yellow(text),
  fail: (text) => chalk.red(text),
  info: (text) => chalk.blue(text),
};

export function printReport(report: DebugDataReport, options: PrintOptions = {}): void {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const pretty = !options.noFormat;
  const show = (entry: { verboseOnly?: boolean }) => !entry.verboseOnly || options.verbose === true;
  for (const section of report.sections) {
    write(divider(section.title, pretty));
    for (const entry of section.entries) {
      if (!show(entry)) continue;
      if (entry.kind === "table") write(formatTable(entry));
      else if (!(entry.level === "warn" && options.ignoreWarnings)) write(formatMessage(entry, pretty));
    }
  }
  write(divider("Summary", pretty));
  const { good, warn, fail } = report.counts;
  const summary: Message[] = [];
  if (good > 0) summary.push({ kind: "message", level: "good", title: `${plural(good, "check")} passed` });
  if (warn > 0 && !options.ignoreWarnings) summary.push({ kind: "message", level: "warn", title: plural(warn, "warning") });
  if (fail > 0) summary.push({ kind: "message", level: "fail", title: plural(fail, "error") });
  for (const message of summary) write(formatMessage(message, pretty));
}

/** "\n===== Title =====" padded to 80 characters (wasabi counts the newline), or the bare title. */
export function divider(title: string, pretty: boolean): string {
  if (!pretty) return title;
  const deco = "=".repeat(Math.max(0, Math.trunc((LINE_MAX - title.length) / 2) - 2));
  const line = `\n${deco}${title ? ` ${title} ` : ""}${deco}`;
  // wasabi pads after coloring, so a colored rule (escape codes included) is never padded.
  if (chalk.level > 0) return chalk.bold(line);
  return line.length < LINE_MAX ? line + "=".repeat(LINE_MAX - line.length) : line;
}

export function formatMessage(message: Message, pretty: boolean): string {
  let title = message.title;
  if (pretty && message.level !== "text") title = `${ICONS[message.level]} ${title}`;
  if (pretty) {
    const color = message.level === "text" ? (line: string) => line : COLORS[message.level];
    // wasabi wraps the colored title, so its escape codes (9 characters before, 4 after) take room on the first and last lines.
    const colored = message.level !== "text" && chalk.level > 0;
    const wrapped = colored ? wrap(`${CODE_ROOM.repeat(9)}${title}${CODE_ROOM.repeat(4)}`).replaceAll(CODE_ROOM, "") : wrap(title);
    title = wrapped
      .split("\n")
      .map((line) => color(line))
      .join("\n");
  }
  return message.text ? `${title}\n${wrap(message.text)}` : title;
}

/** wasabi's table: columns as wide as their widest cell (at most 30), three spaces apart, a blank line before and after. */
export function formatTable(table: Table): string {
  const all = [table.header, ...table.rows, ...(table.footer ? [table.footer] : [])];
  const maxCol = Math.max(MAX_COL, ...table.rows.map((row) => (row[0] ?? "").length));
  const widths = table.header.map((_, col) => Math.min(maxCol, Math.max(...all.map((row) => (row[col] ?? "").length))));
  const row = (cells: readonly string[]) =>
    cells.map((cell, col) => (table.aligns?.[col] === "r" ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0))).join("   ");
  const rule = row(widths.map((width) => "-".repeat(width)));
  const lines = [row(table.header), rule, ...table.rows.map(row)];
  if (table.footer) lines.push(rule, row(table.footer));
  return `\n${lines.join("\n")}\n`;
}

/** Python's textwrap.fill at 80 columns, never breaking words (as wasabi calls it). */
export function wrap(text: string, width = LINE_MAX): string {
  const words = text.split(/\s+/).filter((word) => word !== "");
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}
