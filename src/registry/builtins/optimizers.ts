// Facts from thinc v8.1.7 thinc/optimizers.py (SGD_DEFAULTS, ADAM_DEFAULTS and the three registered constructors).
// These are thinc's defaults; spaCy's default training config overrides some of them (e.g. L2 = 0.01, use_averages = false).
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig, t } from "../types.js";
import { KIND } from "./common.js";

const optimizer = sig.value(KIND.Optimizer);

const arg = {
  learn_rate: () => t.floatOrSchedule(),
  L2: () => t.floatOrSchedule().default(0.0).describe("L2 regularization (decoupled weight decay when L2_is_weight_decay); 0.0-0.01"),
  beta1: () => t.floatOrSchedule().default(0.9).describe("decay of the first-moment estimates; 0.9 is usual"),
  beta2: () => t.floatOrSchedule().default(0.999).describe("decay of the second-moment estimates; 0.999 is usual"),
  eps: () => t.floatOrSchedule().default(1e-8).describe("small constant added to the denominator for numerical stability"),
  grad_clip: () => t.floatOrSchedule().default(1.0).describe("clip each parameter's gradient to this L2 norm; 0 disables clipping"),
  L2_is_weight_decay: () => z.boolean().default(true).describe("apply L2 as decoupled weight decay (AdamW) rather than adding it to the gradient"),
  use_averages: () => z.boolean().default(true).describe("keep an exponential moving average of the weights, used for evaluation and saving"),
};

export function registerOptimizers(registry: Registry): void {
  registry.register(
    declareFunction("optimizers", "Adam.v1", {
      origin: "thinc",
      description: "Adam optimizer with decoupled weight decay, gradient clipping and parameter averaging",
      args: {
        learn_rate: arg.learn_rate().default(0.001).describe("learning rate, or a schedule of them; 0.0001-0.01"),
        L2: arg.L2(),
        beta1: arg.beta1(),
        beta2: arg.beta2(),
        eps: arg.eps(),
        grad_clip: arg.grad_clip(),
        L2_is_weight_decay: arg.L2_is_weight_decay(),
        use_averages: arg.use_averages(),
      },
      returns: optimizer,
    }),
  );
  registry.register(
    declareFunction("optimizers", "RAdam.v1", {
      origin: "thinc",
      description: "Rectified Adam: Adam with a variance-rectified warmup",
      args: {
        learn_rate: arg.learn_rate().default(0.001).describe("learning rate, or a schedule of them; 0.0001-0.01"),
        beta1: arg.beta1(),
        beta2: arg.beta2(),
        eps: arg.eps(),
        L2: arg.L2(),
        L2_is_weight_decay: arg.L2_is_weight_decay(),
        grad_clip: arg.grad_clip(),
        use_averages: arg.use_averages(),
      },
      returns: optimizer,
    }),
  );
  registry.register(
    declareFunction("optimizers", "SGD.v1", {
      origin: "thinc",
      description: "Plain stochastic gradient descent with weight decay, gradient clipping and parameter averaging",
      args: {
        learn_rate: arg.learn_rate().describe("learning rate, or a schedule of them; 0.001-1.0"),
        L2: arg.L2(),
        grad_clip: arg.grad_clip(),
        L2_is_weight_decay: arg.L2_is_weight_decay(),
        use_averages: arg.use_averages(),
      },
      returns: optimizer,
    }),
  );
}
