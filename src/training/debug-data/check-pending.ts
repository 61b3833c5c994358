/**
 * Sections spaCy has and tsnlp does not analyse yet: the dependency parse (labels, projectivity,
 * sentence lengths), the morphologizer's POS+FEATS labels and the trainable lemmatizer's edit
 * trees. Each is a place for its own stats-*.ts collector and check-*.ts file, wired in
 * sections.ts; until then the section says so, as an info line that counts neither way.
 */
import type { CheckContext } from "./context.js";
import type { SectionWriter } from "./report.js";

export function notCheckedYet(what: string): (ctx: CheckContext, out: SectionWriter) => void {
  return (_ctx, out) => out.info(`Not checked yet: this version of tsnlp does not analyse ${what} in debug data`);
}
