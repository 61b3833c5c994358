import { Command, Errors, Flags } from "@oclif/core";
import { isTsnlpError } from "../util/errors.js";
import { configureColor, createPrinter } from "../util/printer.js";

/**
 * Every tsnlp command: --verbose and --no-color, and user faults printed as a clear
 * message (what, where, what to do) with exit code 1 and no stack trace.
 */
export abstract class TsnlpCommand extends Command {
  static override baseFlags = {
    verbose: Flags.boolean({ description: "Show more detail, including stack traces of errors.", default: false, helpGroup: "GLOBAL" }),
    "no-color": Flags.boolean({ description: "Do not color the output (NO_COLOR is honored too).", default: false, helpGroup: "GLOBAL" }),
  };

  protected printer = createPrinter();
  private verboseErrors = process.argv.includes("--verbose");

  override async init(): Promise<void> {
    configureColor({ noColor: process.argv.includes("--no-color") });
    await super.init();
  }

  protected setVerbose(verbose: boolean): void {
    this.verboseErrors = verbose;
  }

  override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<void> {
    if (error instanceof Errors.ExitError) throw error;
    const err = createPrinter((line) => process.stderr.write(`${line}\n`));
    if (isTsnlpError(error)) {
      err.fail(error.message);
      if (error.location) err.text(`  in ${error.location}`);
      if (error.details) err.text(`\n${error.details}\n`);
      if (error.hint) err.text(`  ${error.hint}`);
      if (this.verboseErrors && error.stack) err.text(`\n${error.stack}`);
      this.exit(1);
    }
    if (error instanceof Errors.CLIError) {
      // oclif's own parse errors (unknown flag, missing argument): a user fault too.
      err.fail(error.message.replace(/^Error: /, ""));
      err.text(`  See: tsnlp ${this.id?.replaceAll(":", " ") ?? ""} --help`);
      this.exit(1);
    }
    err.fail(`Internal error: ${error.message}`);
    if (this.verboseErrors && error.stack) err.text(error.stack);
    else err.text("  This is a bug in tsnlp; rerun with --verbose for the stack trace and report it.");
    this.exit(1);
  }
}
