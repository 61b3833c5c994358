import type { Registry } from "../registry.js";
import { registerSchedules } from "./schedules.js";

/** Every built-in declaration, registered in one place (a snapshot test lists the names). */
export function registerBuiltins(registry: Registry): void {
  registerSchedules(registry);
}
