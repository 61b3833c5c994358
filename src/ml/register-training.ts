/**
 * Implementations of the declared optimizers, schedules, losses and initializers (their
 * arguments and defaults are declared in src/registry/builtins; config args arrive filled).
 */
import type { Registry } from "../registry/index.js";
import * as init from "./initializers.js";
import { CategoricalCrossentropy, CosineDistance, L2Distance, SequenceCategoricalCrossentropy } from "./losses/index.js";
import { Adam, type Hyperparameter, RAdam, SGD } from "./optimizers/index.js";
import * as schedules from "./schedules.js";

type Args = Record<string, unknown>;

const num = (value: unknown) => value as number;
const hyper = (value: unknown) => value as Hyperparameter;

function optimizerArgs(args: Args) {
  return {
    learnRate: hyper(args.learn_rate),
    L2: hyper(args.L2),
    beta1: hyper(args.beta1),
    beta2: hyper(args.beta2),
    eps: hyper(args.eps),
    gradClip: hyper(args.grad_clip),
    L2IsWeightDecay: args.L2_is_weight_decay as boolean,
    useAverages: args.use_averages as boolean,
  };
}

function lossArgs(args: Args) {
  return {
    normalize: args.normalize as boolean | undefined,
    names: args.names as string[] | null | undefined,
    missingValue: args.missing_value as string | number | null | undefined,
    negPrefix: args.neg_prefix as string | null | undefined,
    labelSmoothing: args.label_smoothing as number | undefined,
  };
}

export function registerTrainingFunctions(registry: Registry): void {
  registry.implement("optimizers", "Adam.v1", (args) => Adam(optimizerArgs(args)));
  registry.implement("optimizers", "RAdam.v1", (args) => RAdam(optimizerArgs(args)));
  registry.implement("optimizers", "SGD.v1", (args) => {
    const { learnRate, L2, gradClip, L2IsWeightDecay, useAverages } = optimizerArgs(args);
    return SGD({ learnRate, L2, gradClip, L2IsWeightDecay, useAverages });
  });

  registry.implement("schedules", "constant.v1", (args) => schedules.constant(num(args.rate)));
  registry.implement("schedules", "constant_then.v1", (args) => schedules.constantThen(num(args.rate), num(args.steps), args.schedule as Iterable<number>));
  registry.implement("schedules", "decaying.v1", (args) => schedules.decaying(num(args.base_rate), num(args.decay), num(args.t)));
  registry.implement("schedules", "compounding.v1", (args) => schedules.compounding(num(args.start), num(args.stop), num(args.compound), num(args.t)));
  registry.implement("schedules", "slanted_triangular.v1", (args) =>
    schedules.slantedTriangular(num(args.max_rate), num(args.num_steps), {
      cutFrac: num(args.cut_frac),
      ratio: num(args.ratio),
      decay: num(args.decay),
      t: num(args.t),
    }),
  );
  registry.implement("schedules", "warmup_linear.v1", (args) => schedules.warmupLinear(num(args.initial_rate), num(args.warmup_steps), num(args.total_steps)));
  registry.implement("schedules", "cyclic_triangular.v1", (args) => schedules.cyclicTriangular(num(args.min_lr), num(args.max_lr), num(args.period)));

  for (const version of ["v1", "v2", "v3"]) {
    registry.implement("losses", `CategoricalCrossentropy.${version}`, (args) => new CategoricalCrossentropy(lossArgs(args)));
    registry.implement("losses", `SequenceCategoricalCrossentropy.${version}`, (args) => new SequenceCategoricalCrossentropy(lossArgs(args)));
  }
  registry.implement("losses", "L2Distance.v1", (args) => new L2Distance({ normalize: args.normalize as boolean }));
  registry.implement(
    "losses",
    "CosineDistance.v1",
    (args) => new CosineDistance({ normalize: args.normalize as boolean, ignoreZeros: args.ignore_zeros as boolean }),
  );

  registry.implement("initializers", "glorot_uniform_init.v1", () => init.glorotUniformInit());
  registry.implement("initializers", "glorot_normal_init.v1", () => init.glorotNormalInit());
  registry.implement("initializers", "he_uniform_init.v1", () => init.heUniformInit());
  registry.implement("initializers", "he_normal_init.v1", () => init.heNormalInit());
  registry.implement("initializers", "lecun_uniform_init.v1", () => init.lecunUniformInit());
  registry.implement("initializers", "lecun_normal_init.v1", () => init.lecunNormalInit());
  registry.implement("initializers", "zero_init.v1", () => init.zeroInit());
  registry.implement("initializers", "uniform_init.v1", (args) => init.uniformInit(num(args.lo), num(args.hi)));
  registry.implement("initializers", "normal_init.v1", (args) => init.thincNormalInit(num(args.mean)));
}
