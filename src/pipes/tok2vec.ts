/**
 * The tok2vec component (spaCy's Tok2Vec, spacy/pipeline/tok2vec.py, v3.5.4): one embedding
 * network shared by downstream components through listener layers.
 *
 * During an update it runs its network once per batch and hands the output to every
 * listener. Each listener's backprop adds its gradient into one running sum; the last
 * listener's backprop passes the sum back through the network once. The component's loss is
 * the sum of the squared gradients it receives, as spaCy reports it. At prediction time it
 * writes each doc's vectors to doc.tensor, where listeners read them.
 */
import { inStepScope } from "../ml/model.js";
import type { Tok2VecListener } from "../ml/models/tok2vec-listener.js";
import { tf } from "../ml/tf.js";
import type { Floats2d } from "../ml/types.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import type { InitializeOptions } from "./pipe.js";
import { firstExamples } from "./tagger.js";
import { TrainablePipe, type UpdateOptions } from "./trainable-pipe.js";

export class Tok2Vec extends TrainablePipe<Float32Array[]> {
  /** Listener layers in the models of downstream components, in pipeline order. */
  readonly listeners: Tok2VecListener[] = [];
  /** Which component each listener belongs to, parallel to `listeners`. */
  readonly listeningComponents: string[] = [];

  addListener(listener: Tok2VecListener, componentName: string): void {
    if (this.listeners.includes(listener)) return;
    this.listeners.push(listener);
    this.listeningComponents.push(componentName);
  }

  removeListeners(componentName: string): void {
    for (let i = this.listeners.length - 1; i >= 0; i--) {
      if (this.listeningComponents[i] === componentName) {
        this.listeners.splice(i, 1);
        this.listeningComponents.splice(i, 1);
      }
    }
  }

  /** Whether a listener names this component as its upstream. */
  listensToMe(listener: Tok2VecListener): boolean {
    return listener.upstreamName === "*" || listener.upstreamName === this.name;
  }

  override initialize(getExamples: () => Iterable<Example>, _options: InitializeOptions): void {
    const sample = firstExamples(getExamples(), 10).map((eg) => eg.predicted);
    inStepScope(() => this.model.initialize(sample));
  }

  predict(docs: Doc[]): Float32Array[] {
    if (docs.every((doc) => doc.length === 0)) return docs.map(() => new Float32Array(0));
    const vectors = this.model.predict(docs) as Floats2d[];
    return vectors.map((matrix) => matrix.dataSync() as Float32Array);
  }

  setAnnotations(docs: Doc[], vectors: Float32Array[]): void {
    const width = this.width();
    docs.forEach((doc, i) => {
      doc.tensor = { data: vectors[i]!, width };
    });
  }

  update(examples: readonly Example[], options: UpdateOptions = {}): Record<string, number> {
    const losses = options.losses ?? {};
    this.addLoss(losses, 0);
    const docs = TrainablePipe.predictedDocs(examples);
    this.model.setDropoutRate(options.drop ?? 0);
    const [tokvecs, backpropTokvecs] = this.model.beginUpdate(docs) as [Floats2d[], (d: Floats2d[]) => unknown];
    let summed: Floats2d[] | null = null;
    const accumulate = (gradients: Floats2d[]): Floats2d[] => {
      summed = summed === null ? gradients : summed.map((sum, i) => tf.add(sum, gradients[i]!) as Floats2d);
      if (gradients.length > 0) this.addLoss(losses, tf.addN(gradients.map((g) => tf.sum(tf.square(g)))).dataSync()[0]!);
      return gradients;
    };
    const backprop = (gradients: Floats2d[]): unknown => {
      accumulate(gradients);
      const dDocs = backpropTokvecs(summed!);
      if (options.sgd) this.finishUpdate(options.sgd);
      return dDocs;
    };
    this.listeners.forEach((listener, i) => {
      listener.receive(docs, tokvecs, i === this.listeners.length - 1 ? backprop : accumulate);
    });
    return losses;
  }

  /** Drop the batch the listeners hold: its tensors die with the update's scope. */
  clearListeners(): void {
    for (const listener of this.listeners) listener.clear();
  }

  private width(): number {
    return this.model.getDim("nO");
  }
}
