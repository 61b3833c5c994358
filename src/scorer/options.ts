import { TsnlpError } from "../util/errors.js";

/**
 * Typed reads of the settings a component passes to its scorer, under spaCy's names. A value
 * of the wrong type is the user's config at fault, so it is a TsnlpError naming the setting.
 */
export class ScorerOptions {
  constructor(
    private readonly scorer: string,
    private readonly options: Readonly<Record<string, unknown>> = {},
  ) {}

  string(name: string): string | undefined {
    const value = this.options[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw this.wrong(name, value, "a string");
    return value;
  }

  number(name: string): number | undefined {
    const value = this.options[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number") throw this.wrong(name, value, "a number");
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.options[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw this.wrong(name, value, "true or false");
    return value;
  }

  strings(name: string): string[] | undefined {
    const value = this.options[name];
    if (value === undefined || value === null) return undefined;
    const items = typeof value === "string" || !isIterable(value) ? undefined : [...value];
    if (items === undefined || !items.every((item) => typeof item === "string")) throw this.wrong(name, value, "a list of strings");
    return items as string[];
  }

  private wrong(name: string, value: unknown, expected: string): TsnlpError {
    return new TsnlpError("E_SCORER_OPTION", `The scorer ${this.scorer} got ${name} = ${JSON.stringify(value) ?? String(value)}, which is not ${expected}.`, {
      hint: `Set ${name} on the component to ${expected}.`,
    });
  }
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.iterator in value;
}
