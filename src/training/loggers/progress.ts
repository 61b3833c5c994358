/**
 * The progress bar under the training table (spaCy draws it with tqdm). Like tqdm with
 * disable=None it shows only on a terminal, and like leave=False it erases itself when closed.
 */
import cliProgress from "cli-progress";

export interface StepProgress {
  increment(): void;
  close(): void;
}

export interface StepProgressOptions {
  total: number;
  initial: number;
  description: string;
}

const NO_PROGRESS: StepProgress = { increment: () => {}, close: () => {} };

/** A bar counting steps on `stream`, or one that does nothing when the stream is not a terminal. */
export function startStepProgress(stream: NodeJS.WritableStream, options: StepProgressOptions): StepProgress {
  if ((stream as { isTTY?: boolean }).isTTY !== true) return NO_PROGRESS;
  // max_steps = 0 means "no limit": count the steps without a bar, as tqdm does without a total.
  const hasTotal = options.total > 0;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: hasTotal
        ? `${options.description}: {percentage}%|{bar}| {value}/{total} [{duration_formatted}<{eta_formatted}]`
        : `${options.description}: {value} [{duration_formatted}]`,
      barsize: 20,
      clearOnComplete: true,
      hideCursor: false,
      // Training runs synchronously between evaluations, so the bar redraws on updates rather than on a timer.
      synchronousUpdate: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total, options.initial);
  let closed = false;
  return {
    increment: () => {
      if (!closed) bar.increment();
    },
    close: () => {
      if (closed) return;
      closed = true;
      bar.stop();
    },
  };
}
