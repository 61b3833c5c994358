/**
 * What debug data finds, as data: sections of messages in wasabi's kinds (✔ good, ⚠ warn,
 * ✘ fail, ℹ info, plain text) and tables. The checks write here; print.ts turns it into lines;
 * tests read it directly.
 */

export type MessageLevel = "good" | "warn" | "fail" | "info" | "text";

export interface Message {
  kind: "message";
  level: MessageLevel;
  title: string;
  /** A second line under the title (an explanation or a hint). */
  text?: string;
  /** Shown only with --verbose; still counted in the summary, as spaCy counts it. */
  verboseOnly?: boolean;
}

export interface Table {
  kind: "table";
  header: string[];
  rows: string[][];
  footer?: string[];
  /** "l" or "r" per column; left when not given. */
  aligns?: Array<"l" | "r">;
  verboseOnly?: boolean;
}

export type Entry = Message | Table;

export interface ReportSection {
  title: string;
  entries: Entry[];
}

export interface SummaryCounts {
  good: number;
  warn: number;
  fail: number;
}

export interface DebugDataReport {
  sections: ReportSection[];
  /** Checks passed, warnings and errors over every section. */
  counts: SummaryCounts;
}

/** Adds messages to one section. */
export class SectionWriter {
  readonly section: ReportSection;

  constructor(title: string) {
    this.section = { title, entries: [] };
  }

  good(title: string, text?: string): void {
    this.message("good", title, text);
  }

  warn(title: string, text?: string): void {
    this.message("warn", title, text);
  }

  fail(title: string, text?: string): void {
    this.message("fail", title, text);
  }

  info(title: string, text?: string): void {
    this.message("info", title, text);
  }

  text(title: string, options: { verboseOnly?: boolean } = {}): void {
    this.section.entries.push({ kind: "message", level: "text", title, verboseOnly: options.verboseOnly });
  }

  /** Plain text shown only with --verbose (spaCy's msg.text(..., show=verbose)). */
  verbose(title: string): void {
    this.text(title, { verboseOnly: true });
  }

  table(table: Omit<Table, "kind">): void {
    this.section.entries.push({ kind: "table", ...table });
  }

  private message(level: MessageLevel, title: string, text?: string): void {
    this.section.entries.push({ kind: "message", level, title, ...(text === undefined ? {} : { text }) });
  }
}

/** Collects the sections of a report in order. */
export class ReportBuilder {
  private readonly sections: ReportSection[] = [];

  section(title: string): SectionWriter {
    const writer = new SectionWriter(title);
    this.sections.push(writer.section);
    return writer;
  }

  build(): DebugDataReport {
    return { sections: this.sections, counts: countMessages(this.sections) };
  }
}

export function countMessages(sections: readonly ReportSection[]): SummaryCounts {
  const counts: SummaryCounts = { good: 0, warn: 0, fail: 0 };
  for (const section of sections) {
    for (const entry of section.entries) {
      if (entry.kind === "message" && entry.level in counts) counts[entry.level as keyof SummaryCounts]++;
    }
  }
  return counts;
}

/** Every message of the report (or of one section) at a level, as "title" strings; for callers and tests. */
export function messagesAt(report: DebugDataReport, level: MessageLevel, sectionTitle?: string): string[] {
  return report.sections
    .filter((section) => sectionTitle === undefined || section.title === sectionTitle)
    .flatMap((section) => section.entries)
    .filter((entry): entry is Message => entry.kind === "message" && entry.level === level)
    .map((entry) => entry.title);
}

/** Whether the report has errors: the command then exits with code 1. */
export function hasErrors(report: DebugDataReport): boolean {
  return report.counts.fail > 0;
}
