import chalk from "chalk";

/**
 * Console output in the style spaCy users know (wasabi's ✔ ✘ ⚠ ℹ and dividers), colored
 * with chalk only on a terminal; NO_COLOR and --no-color turn color off.
 */
export function configureColor(options: { noColor?: boolean; stream?: NodeJS.WriteStream } = {}): void {
  const stream = options.stream ?? process.stdout;
  if (options.noColor || process.env.NO_COLOR !== undefined || !stream.isTTY) chalk.level = 0;
}

export interface Printer {
  good(title: string, text?: string): void;
  fail(title: string, text?: string): void;
  warn(title: string, text?: string): void;
  info(title: string, text?: string): void;
  text(text: string): void;
  divider(title?: string): void;
  table(rows: string[][], header?: string[]): void;
}

export function createPrinter(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Printer {
  const line = (icon: string, title: string, text?: string) => {
    write(`${icon} ${title}`);
    if (text) write(text);
  };
  return {
    good: (title, text) => line(chalk.green("✔"), chalk.green(title), text),
    fail: (title, text) => line(chalk.red("✘"), chalk.red(title), text),
    warn: (title, text) => line(chalk.yellow("⚠"), chalk.yellow(title), text),
    info: (title, text) => line(chalk.blue("ℹ"), chalk.blue(title), text),
    text: (text) => write(text),
    divider: (title = "") => {
      const width = 79;
      if (!title) {
        write(`\n${"=".repeat(width)}`);
        return;
      }
      const side = Math.max(2, Math.floor((width - title.length - 2) / 2));
      const rule = `${"=".repeat(side)} ${title} ${"=".repeat(side)}`;
      write(`\n${chalk.bold(rule.padEnd(width, "="))}\n`);
    },
    table: (rows, header) => {
      const all = header ? [header, ...rows] : rows;
      const widths = all[0]?.map((_, col) => Math.max(...all.map((row) => (row[col] ?? "").length))) ?? [];
      const format = (row: string[]) =>
        row
          .map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col] ?? 0)))
          .join("   ")
          .trimEnd();
      if (header) {
        write(chalk.bold(format(header)));
        write(widths.map((w) => "-".repeat(w)).join("   "));
      }
      for (const row of rows) write(format(row));
    },
  };
}
