/**
 * Hyperparameters that are numbers or schedules, as thinc's Optimizer takes them
 * (`_set_attr_or_schedule` and `step_schedules` in thinc/optimizers.py): a schedule gives its
 * first value at once and one more value per `step()`; an exhausted schedule keeps its last.
 */
import { TsnlpError } from "../../util/errors.js";
import { Schedule } from "../schedules.js";

/** A number, a list of numbers, an iterator of numbers (a Schedule) or a function of the step. */
export type Hyperparameter = number | readonly number[] | Iterator<number> | ((step: number) => number);

export class Hyper {
  value: number;
  /** How many values the schedule has given (for resuming); 0 for a constant. */
  position = 0;
  private readonly source?: Iterator<number>;

  constructor(
    readonly name: string,
    given: Hyperparameter,
  ) {
    if (typeof given === "number" || typeof given === "boolean") {
      this.value = Number(given);
      return;
    }
    if (Array.isArray(given)) this.source = Schedule.fromValues(given as readonly number[], name);
    else if (typeof given === "function") this.source = Schedule.fromFunction(given as (step: number) => number, name);
    else if (given && typeof (given as Iterator<number>).next === "function") this.source = given as Iterator<number>;
    else throw invalid(name, given, "it is neither a number nor a schedule");
    const first = this.source!.next();
    if (first.done || typeof first.value !== "number" || Number.isNaN(first.value)) throw invalid(name, given, "its schedule gave no number");
    this.value = first.value;
    this.position = 1;
  }

  get scheduled(): boolean {
    return this.source !== undefined;
  }

  step(): void {
    if (!this.source) return;
    const result = this.source.next();
    if (result.done) return;
    this.value = result.value;
    this.position++;
  }

  /** Bring a freshly made schedule to where a saved one stood, then take the saved value. */
  restore(position: number, value: number): void {
    while (this.source && this.position < position) {
      if (this.source.next().done) break;
      this.position++;
    }
    this.value = value;
  }
}

function invalid(name: string, given: unknown, why: string): TsnlpError {
  return new TsnlpError("E_OPTIMIZER_HYPERPARAMETER", `The optimizer's ${name} is ${JSON.stringify(given) ?? String(given)}: ${why}.`, {
    hint: `Give ${name} as a number (e.g. 0.001) or a schedule block, e.g. [training.optimizer.${name}] with @schedules = "warmup_linear.v1".`,
  });
}
