import { readFileSync, readdirSync } from "node:fs";
import { parseIni, writeIni } from "./src/config/ini.js";
import { fillConfig } from "./src/config/fill.js";
import { formatIssues } from "./src/config/issues.js";
import { registry } from "./src/registry/index.js";
const root = "/work/shared/fixtures/spacy";
for (const f of readdirSync(`${root}/fill-config`).filter(f=>f.startsWith("partial"))) {
  const { tree, source } = parseIni(readFileSync(`${root}/fill-config/${f}`, "utf8"), f);
  const r = fillConfig(tree, registry, { source });
  console.log("==", f, r.issues.length); console.log(formatIssues(r.issues).slice(0, 1500));
}
