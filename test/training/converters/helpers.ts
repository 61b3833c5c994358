import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type ConvertTextOptions, convertText } from "../../../src/training/convert.js";
import type { Doc } from "../../../src/tokens/doc.js";
import { type TsnlpError, isTsnlpError } from "../../../src/util/errors.js";
import { REPO_ROOT } from "../../helpers/shared.js";

export const FIXTURES = join(REPO_ROOT, "test/fixtures/convert");

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** Convert a fixture file as the CLI would read it. */
export function convertFixture(name: string, options: ConvertTextOptions): Doc[] {
  const path = fixture(name);
  const extension = name.slice(name.lastIndexOf(".") + 1);
  return convertText(readFileSync(path, "utf8"), { file: path, extension, ...options });
}

/** The TsnlpError a conversion throws, checked to name the file and line. */
export function conversionError(name: string, options: ConvertTextOptions, line: number): TsnlpError {
  try {
    convertFixture(name, options);
  } catch (error) {
    assert.ok(isTsnlpError(error), `expected a TsnlpError, got ${error}`);
    assert.equal(error.file, fixture(name));
    assert.equal(error.line, line, `wrong line in: ${error.message}`);
    return error;
  }
  assert.fail(`converting ${name} did not fail`);
}

/** Entities as "text/LABEL" strings. */
export function ents(doc: Doc): string[] {
  return doc.ents.map((ent) => `${ent.text}/${ent.label}`);
}
