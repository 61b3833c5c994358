/**
 * `tsnlp info` as a library function (spacy/cli/info.py, v3.5.4): about tsnlp itself (version,
 * location, platform, Node.js, the TensorFlow.js backends installed and the one a run would use),
 * or about a pipeline folder (its meta.json without the accuracy, performance and speed
 * figures, plus where it was read from), as a table or as Markdown for an issue.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { arch, release, type } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tsnlpVersion } from "../language/meta.js";
import { selectBackend } from "../ml/backend.js";
import { TsnlpError } from "../util/errors.js";
import { markdownList, pythonStr, wasabiTable } from "./info-format.js";

export interface InfoOptions {
  /** Markdown for a GitHub issue instead of a table. */
  markdown?: boolean;
  /** Keys left out of the table or Markdown (spaCy's default: labels). */
  exclude?: readonly string[];
}

export interface InfoResult {
  title: string;
  /** The information, keys as printed. */
  data: Record<string, unknown>;
  /** The same with keys lower-cased and blanks as underscores, as spaCy's info() returns it. */
  raw: Record<string, unknown>;
  /** The lines to print: a table (to print after a divider titled `title`), or Markdown. */
  lines: string[];
}

/** The TensorFlow.js backend packages, in the order a run tries them (src/ml/backend.ts). */
const BACKEND_PACKAGES = [
  { backend: "tensorflow (GPU)", name: "@tensorflow/tfjs-node-gpu" },
  { backend: "tensorflow", name: "@tensorflow/tfjs-node" },
  { backend: "wasm", name: "@tensorflow/tfjs-backend-wasm" },
  { backend: "cpu", name: "@tensorflow/tfjs-backend-cpu" },
] as const;

export async function info(model?: string, options: InfoOptions = {}): Promise<InfoResult> {
  const title = model ? `Info about pipeline '${model}'` : "Info about tsnlp";
  const data = model ? infoModel(model) : await infoTsnlp();
  const raw = Object.fromEntries(Object.entries(data).map(([key, value]) => [key.toLowerCase().replaceAll(" ", "_"), value]));
  const exclude = new Set(options.exclude ?? []);
  const lines = options.markdown ? infoMarkdown(data, title, exclude).split("\n") : infoTable(data, exclude);
  return { title, data, raw, lines };
}

export interface InstalledBackend {
  backend: string;
  name: string;
  version: string;
}

/** The backend packages that can be imported from here, with their versions. */
export function installedBackends(): InstalledBackend[] {
  const require = createRequire(import.meta.url);
  const found: InstalledBackend[] = [];
  for (const { backend, name } of BACKEND_PACKAGES) {
    try {
      const { version } = require(`${name}/package.json`) as { version: string };
      found.push({ backend, name, version });
    } catch {
      // not installed
    }
  }
  return found;
}

export async function infoTsnlp(): Promise<Record<string, unknown>> {
  const chosen = await selectBackend();
  return {
    "tsnlp version": tsnlpVersion(),
    Location: packageRoot(),
    Platform: `${type()}-${release()}-${arch()}`,
    "Node.js version": process.versions.node,
    "TensorFlow.js backends": installedBackends()
      .map((b) => `${b.backend} (${b.name} ${b.version})`)
      .join(", "),
    "Default backend": `${chosen.name} (${chosen.provider})`,
  };
}

/** A pipeline folder's meta.json, less its scores, with the folder it was read from as "source". */
export function infoModel(model: string): Record<string, unknown> {
  const metaPath = join(model, "meta.json");
  if (!existsSync(metaPath) || !statSync(metaPath).isFile()) {
    throw new TsnlpError("E_INFO_NO_META", `Can't find pipeline meta.json: ${metaPath}`, {
      file: metaPath,
      hint: "Give a pipeline folder that `tsnlp train` or `tsnlp assemble` wrote, e.g. output/model-best.",
    });
  }
  let meta: unknown;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8"));
  } catch (error) {
    throw new TsnlpError("E_INFO_BAD_META", `The pipeline's meta.json is not valid JSON (${(error as Error).message}).`, { file: metaPath });
  }
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    throw new TsnlpError("E_INFO_BAD_META", "The pipeline's meta.json does not hold a JSON object.", { file: metaPath });
  }
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(meta)) if (key !== "accuracy" && key !== "performance" && key !== "speed") data[key] = value;
  data.source = resolve(model);
  return data;
}

/** The table spaCy's Printer.table prints: label and value columns, values as Python's str() shows them. */
export function infoTable(data: Record<string, unknown>, exclude: ReadonlySet<string> = new Set()): string[] {
  const rows = Object.entries(data)
    .filter(([key]) => !exclude.has(key))
    .map(([key, value]) => [key, pythonStr(value)] as const);
  return [...wasabiTable(rows), ""];
}

/** spaCy's get_markdown: bold labels, and string values that name an existing path left out. */
export function infoMarkdown(data: Record<string, unknown>, title?: string, exclude: ReadonlySet<string> = new Set()): string {
  const items: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (exclude.has(key)) continue;
    if (typeof value === "string" && value !== "" && existsSync(value)) continue;
    items.push(`**${key}:** ${pythonStr(value)}`);
  }
  return `\n${markdownList(items, title)}\n`;
}

function packageRoot(): string {
  return dirname(fileURLToPath(new URL("../../package.json", import.meta.url)));
}

/** spaCy's string_to_list: "a,b", "[a, b]" and quoted items all give ["a", "b"]. */
export function stringToList(value: string): string[] {
  const inner = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
  if (inner.trim() === "") return [];
  return inner.split(",").map((item) =>
    item
      .trim()
      .replace(/^'(.*)'$/, "$1")
      .replace(/^"(.*)"$/, "$1")
      .trim(),
  );
}
