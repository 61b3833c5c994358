/** Where each section and key of a parsed config was written, for error messages. */
export class SourceMap {
  private readonly lines = new Map<string, number>();

  constructor(readonly file?: string) {}

  set(path: readonly string[], line: number): void {
    this.lines.set(path.join("\u0000"), line);
  }

  /** The line of the path, or of its nearest written ancestor. */
  lineOf(path: readonly string[]): number | undefined {
    for (let end = path.length; end > 0; end--) {
      const line = this.lines.get(path.slice(0, end).join("\u0000"));
      if (line !== undefined) return line;
    }
    return undefined;
  }
}
