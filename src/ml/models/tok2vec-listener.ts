/**
 * spacy.Tok2VecListener.v1 (spacy/pipeline/tok2vec.py, v3.5.4): a layer that stands in for a
 * shared tok2vec component inside a downstream model. During an update the tok2vec component
 * runs once per batch and hands its output and a backprop callback to each listener
 * (receive); at prediction time the listener reads the token vectors the component wrote into
 * each doc (doc.tensor), or zeros when there are none, so the output still has the right shape.
 */
import { TsnlpError } from "../../util/errors.js";
import { type Backprop, Model } from "../model.js";
import { tf } from "../tf.js";
import type { Floats2d } from "../types.js";

/** What a listener reads of a doc. */
export interface ListenerDoc {
  readonly length: number;
  tensor: { data: Float32Array; width: number } | null;
}

type ListenerBackprop = Backprop<Floats2d[], unknown>;

interface Received {
  docs: readonly ListenerDoc[];
  outputs: Floats2d[];
  backprop: ListenerBackprop;
}

export const LISTENER_NAME = "tok2vec-listener";

export class Tok2VecListener extends Model<ListenerDoc[], Floats2d[]> {
  /** The tok2vec component this listens to; "*" for any. */
  readonly upstreamName: string;
  private received: Received | null = null;

  constructor(upstreamName: string, width: number | null) {
    super(LISTENER_NAME, (model, docs, isTrain) => (model as Tok2VecListener).run(docs, isTrain), { dims: { nO: width } });
    this.upstreamName = upstreamName;
    this.attrs.upstream_name = upstreamName;
  }

  /** Called by the tok2vec component's update with the batch's token vectors. */
  receive(docs: readonly ListenerDoc[], outputs: Floats2d[], backprop: ListenerBackprop): void {
    this.received = { docs, outputs, backprop };
  }

  /** Forget the batch (its tensors belong to a scope that has ended). */
  clear(): void {
    this.received = null;
  }

  private run(docs: ListenerDoc[], isTrain: boolean): [Floats2d[], Backprop<Floats2d[], ListenerDoc[]>] {
    const ignoreGradient = (): ListenerDoc[] => docs;
    if (!isTrain || this.received === null) {
      if (isTrain && docs.some((doc) => doc.length > 0 && doc.tensor === null)) {
        throw new TsnlpError("E_LISTENER_NO_UPSTREAM", `A tok2vec listener (upstream '${this.upstreamName}') was asked to train, but its tok2vec component did not run on this batch.`, {
          hint: "Keep the tok2vec component in the pipeline before its listeners. If it is frozen, also list it in [training] annotating_components so it sets doc.tensor.",
        });
      }
      return [docs.map((doc) => this.tensorOf(doc)), ignoreGradient];
    }
    const received = this.received;
    if (received.docs.length !== docs.length || received.docs.some((doc, i) => doc !== docs[i])) {
      throw new TsnlpError("E_LISTENER_BATCH", `A tok2vec listener (upstream '${this.upstreamName}') received a different batch from its tok2vec component than the one it is asked to process.`, {
        hint: "Update the tok2vec component and its listeners on the same examples, in pipeline order (as Language.update does).",
      });
    }
    return [
      received.outputs,
      (dY) => {
        received.backprop(dY);
        return docs;
      },
    ];
  }

  private tensorOf(doc: ListenerDoc): Floats2d {
    const width = this.getDim("nO");
    if (doc.tensor === null) return tf.zeros([doc.length, width]) as Floats2d;
    if (doc.tensor.width !== width) {
      throw new TsnlpError("E_LISTENER_WIDTH", `A tok2vec listener expects vectors of width ${width}, but the doc's tensor has width ${doc.tensor.width}.`, {
        hint: "Make the listener's width match the tok2vec component's output width in the config.",
      });
    }
    return tf.tensor2d(doc.tensor.data, [doc.length, width]) as Floats2d;
  }
}

export function isListener(model: unknown): model is Tok2VecListener {
  return model instanceof Tok2VecListener;
}
