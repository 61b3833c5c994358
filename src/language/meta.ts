/** The pipeline's meta.json (spaCy's nlp.meta): name, version, labels, performance. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Meta {
  lang: string;
  name: string;
  version: string;
  description: string;
  author: string;
  email: string;
  url: string;
  license: string;
  tsnlp_version: string;
  pipeline: string[];
  components: string[];
  disabled: string[];
  labels: Record<string, string[]>;
  performance?: Record<string, unknown>;
  [key: string]: unknown;
}

let version: string | undefined;

/** tsnlp's own version, from its package.json. */
export function tsnlpVersion(): string {
  if (version === undefined) {
    const path = fileURLToPath(new URL("../../package.json", import.meta.url));
    version = (JSON.parse(readFileSync(path, "utf8")) as { version: string }).version;
  }
  return version;
}

export function defaultMeta(lang: string): Meta {
  return {
    lang,
    name: "pipeline",
    version: "0.0.0",
    description: "",
    author: "",
    email: "",
    url: "",
    license: "",
    tsnlp_version: tsnlpVersion(),
    pipeline: [],
    components: [],
    disabled: [],
    labels: {},
  };
}
