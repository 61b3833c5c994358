import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED = resolve(REPO_ROOT, "../shared");
export const SPACY_FIXTURES = join(SHARED, "fixtures/spacy");

const warned = new Set<string>();

/** Skip the calling test, with a message once per suite, when ../shared is absent (a user's clone). */
export function needShared(context: Mocha.Context, what = "spaCy fixtures"): string {
  if (!existsSync(SPACY_FIXTURES)) {
    if (!warned.has(what)) {
      warned.add(what);
      console.log(`      (skipped: ${what} need ${SHARED}, which is absent in this checkout)`);
    }
    context.skip();
  }
  return SPACY_FIXTURES;
}

/** Every .cfg file under a folder of ../shared/fixtures/spacy (empty when it is absent). */
export function fixtureConfigs(...folders: string[]): string[] {
  if (!existsSync(SPACY_FIXTURES)) return [];
  return folders.flatMap((folder) => {
    const dir = join(SPACY_FIXTURES, folder);
    return readdirSync(dir)
      .filter((name) => name.endsWith(".cfg") && statSync(join(dir, name)).isFile())
      .map((name) => join(dir, name));
  });
}
