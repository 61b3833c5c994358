/**
 * "Pipeline can be initialized with data": run nlp.initialize on the training examples, as
 * spaCy's debug data does first, and report a user error as a failed check rather than stop.
 */
import { selectBackend } from "../../ml/backend.js";
import type { Example } from "../../tokens/example.js";
import { isTsnlpError } from "../../util/errors.js";
import type { SectionWriter } from "./report.js";
import type { DebugDataSetup } from "./setup.js";

/** Whether the pipeline was initialized (its components then hold their labels). */
export async function checkInitialization(setup: DebugDataSetup, examples: readonly Example[], out: SectionWriter): Promise<boolean> {
  const unavailable = setup.components.filter((component) => component.unavailable !== null);
  if (unavailable.length > 0) {
    const reasons = unavailable.map((component) => `components.${component.name}: ${component.unavailable}`).join("; ");
    out.warn("Pipeline not initialized: not every component can be built yet, so only the data is checked", reasons);
    return false;
  }
  await selectBackend();
  try {
    setup.nlp.initialize(() => examples);
  } catch (error) {
    if (!isTsnlpError(error)) throw error;
    out.fail(`Pipeline can't be initialized with data: ${error.message}`, error.hint);
    return false;
  }
  out.good("Pipeline can be initialized with data");
  return true;
}
