/**
 * Schedules: sequences of values, one per training step (learning rates, batch sizes).
 * The formulas are thinc 8.1's (thinc/schedules.py), where schedules are generators; here a
 * `Schedule` is an iterator that also counts how many values it gave, so that training can
 * resume: `seek(n)` restarts it and skips to the n-th value.
 */
import { TsnlpError } from "../util/errors.js";

export class Schedule implements IterableIterator<number> {
  private iterator: Iterator<number>;
  private taken = 0;

  /** `make` returns a fresh iterator each call (a generator function). */
  constructor(
    private readonly make: () => Iterator<number>,
    readonly name = "schedule",
  ) {
    this.iterator = make();
  }

  /** A schedule given as a function of the step (0, 1, 2, ...); it never ends. */
  static fromFunction(fn: (step: number) => number, name = "schedule"): Schedule {
    return new Schedule(function* () {
      for (let step = 0; ; step++) yield fn(step);
    }, name);
  }

  /** The values of a list, then nothing (an optimizer keeps the last one). */
  static fromValues(values: readonly number[], name = "schedule"): Schedule {
    return new Schedule(() => values[Symbol.iterator](), name);
  }

  next(): IteratorResult<number> {
    const result = this.iterator.next();
    if (!result.done) this.taken++;
    return result;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** How many values it has given since it was made or last sought. */
  get steps(): number {
    return this.taken;
  }

  /** Restart, then skip `steps` values, so that the next value is the one at index `steps`. */
  seek(steps: number): this {
    this.iterator = this.make();
    this.taken = 0;
    while (this.taken < steps && !this.next().done);
    return this;
  }

  /** The next `count` values (handy in tests and for printing a schedule). */
  take(count: number): number[] {
    const values: number[] = [];
    for (let i = 0; i < count; i++) {
      const result = this.next();
      if (result.done) break;
      values.push(result.value);
    }
    return values;
  }
}

/** constant.v1: the same value forever. */
export function constant(rate: number): Schedule {
  return new Schedule(function* () {
    for (;;) yield rate;
  }, "constant");
}

/** constant_then.v1: `rate` for `steps` steps, then the values of `schedule`. */
export function constantThen(rate: number, steps: number, schedule: Iterable<number>): Schedule {
  return new Schedule(function* () {
    for (let i = 0; i < steps; i++) yield rate;
    // Restarting the inner schedule keeps seek() exact when resuming.
    if (schedule instanceof Schedule) schedule.seek(0);
    yield* schedule;
  }, "constant_then");
}

/** decaying.v1: base_rate * (1 / (1 + decay * t)), t counting up from `t`. */
export function decaying(baseRate: number, decay: number, t = 0): Schedule {
  return new Schedule(function* () {
    for (let step = t; ; step++) yield baseRate * (1.0 / (1.0 + decay * step));
  }, "decaying");
}

/**
 * compounding.v1: start, start * compound, ... clipped at stop. The value is multiplied step
 * by step (not raised to a power) so it matches thinc to the last bit; thinc ignores `t`.
 */
export function compounding(start: number, stop: number, compound: number, _t = 0): Schedule {
  const clip = (value: number) => (start > stop ? Math.max(value, stop) : Math.min(value, stop));
  return new Schedule(function* () {
    for (let current = start; ; current *= compound) yield clip(current);
  }, "compounding");
}

export interface SlantedTriangularOptions {
  cutFrac?: number;
  ratio?: number;
  /** Accepted and unused, as in thinc 8.1. */
  decay?: number;
  t?: number;
}

/** slanted_triangular.v1 (Howard and Ruder): a short linear rise, then a long linear fall. */
export function slantedTriangular(maxRate: number, numSteps: number, options: SlantedTriangularOptions = {}): Schedule {
  const cutFrac = options.cutFrac ?? 0.1;
  const ratio = options.ratio ?? 32;
  const cut = Math.trunc(numSteps * cutFrac);
  if (cut < 1) {
    throw new TsnlpError("E_SCHEDULE_ARGS", `slanted_triangular.v1: num_steps * cut_frac = ${numSteps} * ${cutFrac} rounds down to 0 rising steps.`, {
      hint: "Give more num_steps or a larger cut_frac, so that at least one step rises.",
    });
  }
  const start = options.t ?? 0.0;
  return new Schedule(function* () {
    for (let t = start + 1; ; t++) {
      const p = t < cut ? t / cut : 1 - (t - cut) / (cut * (1 / cutFrac - 1));
      yield maxRate * (1 + p * (ratio - 1)) * (1 / ratio);
    }
  }, "slanted_triangular");
}

/** warmup_linear.v1: rises from 0 to initial_rate over warmup_steps, then falls to 0 at total_steps. */
export function warmupLinear(initialRate: number, warmupSteps: number, totalSteps: number): Schedule {
  return new Schedule(function* () {
    for (let step = 0; ; step++) {
      const factor = step < warmupSteps ? step / Math.max(1, warmupSteps) : Math.max(0.0, (totalSteps - step) / Math.max(1.0, totalSteps - warmupSteps));
      yield factor * initialRate;
    }
  }, "warmup_linear");
}

/** cyclic_triangular.v1: back and forth between min_lr and max_lr, `period` steps each way, from step 1. */
export function cyclicTriangular(minLr: number, maxLr: number, period: number): Schedule {
  return new Schedule(function* () {
    for (let it = 1; ; it++) {
      const cycle = Math.floor(1 + it / (2 * period));
      const x = Math.abs(it / period - 2 * cycle + 1);
      yield minLr + (maxLr - minLr) * Math.max(0, 1 - x);
    }
  }, "cyclic_triangular");
}
