import { type Overrides, parseOverrides } from "../config/overrides.js";
import { TsnlpError } from "../util/errors.js";

/**
 * Split a command's words into its own flags and `--section.key value` config overrides.
 * oclif does not know the overrides, so they are taken out before it parses.
 */
export function splitOverrides(argv: readonly string[]): { argv: string[]; overrides: Overrides } {
  const { overrides, rest } = parseOverrides(argv);
  return { argv: rest, overrides };
}

export function rejectOverrides(overrides: Overrides, command: string): void {
  const keys = Object.keys(overrides);
  if (keys.length > 0) {
    throw new TsnlpError("E_CONFIG_OVERRIDE", `'${command}' takes no config overrides, got --${keys.join(", --")}.`);
  }
}
