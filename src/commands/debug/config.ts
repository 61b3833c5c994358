import { Args, Flags } from "@oclif/core";
import { TsnlpCommand } from "../../cli/base.js";
import { splitOverrides } from "../../cli/overrides.js";
import { ConfigValidationError, issueLocation } from "../../config/issues.js";
import { inspectConfig } from "../../config/report.js";
import { loadCode, registry } from "../../registry/index.js";

export default class DebugConfig extends TsnlpCommand {
  static override summary = "Check a training config and show what it resolves to";
  static override description =
    "Fills the config with its defaults (as training does), validates every setting, function argument and model signature, and prints every problem at once. Exits 1 when the config is invalid. Config overrides (--section.key value) apply before checking.";
  static override examples = [
    "<%= config.bin %> debug config config.cfg",
    "<%= config.bin %> debug config config.cfg --show-functions --show-variables",
    "<%= config.bin %> debug config config.cfg --paths.train corpus/train.spacy --training.max_epochs=3",
    "<%= config.bin %> debug config config.cfg --code my_functions.ts",
  ];
  static override args = {
    config: Args.string({ required: true, description: "config file (.cfg or .toml), or - for standard input" }),
  };
  static override flags = {
    "show-functions": Flags.boolean({ char: "F", default: false, description: "list the registered functions the config uses" }),
    "show-variables": Flags.boolean({ char: "V", default: false, description: "list the ${...} variables and their values" }),
    code: Flags.string({ char: "c", description: "a .js or .ts file that registers your own functions" }),
  };
  static override strict = false;

  async run(): Promise<void> {
    const split = splitOverrides(this.argv);
    const { args, flags } = await this.parse(DebugConfig, split.argv);
    this.setVerbose(flags.verbose);
    if (flags.code) await loadCode(flags.code, registry);
    // Only --show-functions reports what is implemented; loading the implementations costs ~0.1 s.
    if (flags["show-functions"]) (await import("../../implementations.js")).implementBuiltins(registry);
    const report = inspectConfig(args.config, registry, { overrides: split.overrides });
    const errors = report.issues.filter((item) => item.severity === "error");
    const warnings = report.issues.filter((item) => item.severity === "warning");

    this.printer.divider("Config validation");
    for (const warning of warnings) this.printer.warn(`${issueLocation(warning)}: ${warning.message}`);
    if (errors.length > 0) throw new ConfigValidationError(report.issues, { file: args.config, tree: report.config, source: report.source });
    this.printer.good("Config is valid");

    if (flags["show-variables"]) {
      this.printer.divider(`Variables (${report.variables.length})`);
      this.printer.table(
        report.variables.map((v) => [v.reference, v.value]),
        ["Variable", "Value"],
      );
    }
    if (flags["show-functions"]) {
      this.printer.divider(`Registered functions (${report.functions.length})`);
      this.printer.table(
        report.functions.map((f) => [f.path, `@${f.registry}`, f.name, f.origin, f.implemented ? "yes" : "declared only", f.description]),
        ["Config path", "Registry", "Function", "From", "Implemented", "Description"],
      );
    }
  }
}
