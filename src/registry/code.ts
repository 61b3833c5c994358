import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { TsnlpError } from "../util/errors.js";
import { exists } from "../util/io.js";
import type { Registry } from "./registry.js";

let typescriptEnabled = false;

/**
 * Teach this process's module loader TypeScript, once. The file is then imported into the
 * same module graph as tsnlp itself, so `import ... from "tsnlp"` in it gets the very modules
 * the command runs (one registry, one Language class); a separately namespaced loader would
 * give it a second copy whose classes the pipeline does not recognise.
 */
async function enableTypeScript(): Promise<void> {
  if (typescriptEnabled) return;
  const { register } = await import("tsx/esm/api");
  register();
  typescriptEnabled = true;
}

/**
 * Load a user's `--code` file (.js, .mjs, .cjs or .ts) so that it can register functions.
 * The module registers on import (`import { registry } from "tsnlp"`), or exports
 * `register(registry)`, which is called with the registry in use.
 */
export async function loadCode(path: string, registry: Registry): Promise<void> {
  const full = resolve(path);
  if (!exists(full)) {
    throw new TsnlpError("E_CODE_NOT_FOUND", `The --code file does not exist: ${path}`, { file: path, hint: "Give the path of a .js or .ts file that registers your functions." });
  }
  const ext = extname(full).toLowerCase();
  let module: Record<string, unknown>;
  try {
    if (ext === ".ts" || ext === ".mts" || ext === ".cts") {
      await enableTypeScript();
      module = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    } else if (ext === ".js" || ext === ".mjs" || ext === ".cjs") {
      module = (await import(pathToFileURL(full).href)) as Record<string, unknown>;
    } else {
      throw new TsnlpError("E_CODE_TYPE", `--code expects a .js or .ts file, got '${ext || "no extension"}': ${path}`, { file: path });
    }
  } catch (error) {
    if (error instanceof TsnlpError) throw error;
    throw new TsnlpError("E_CODE_FAILED", `Loading the --code file failed: ${(error as Error).message}`, {
      file: path,
      cause: error,
      hint: "Run it with node (or tsx) on its own to see the full error; --verbose shows the stack.",
    });
  }
  const register = module.register ?? (module.default as Record<string, unknown> | undefined)?.register;
  if (typeof register === "function") await register(registry);
}
