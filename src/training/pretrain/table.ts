/**
 * The pretraining table as spaCy prints it (wasabi rows of widths 3, 10, 10, 6, 4, right
 * aligned, 3 spaces apart: #, # Words, Total Loss, Loss, w/s), and on a terminal a progress
 * bar under it counting the words until the next row.
 */
import cliProgress from "cli-progress";
import { tableRow } from "../loggers/format.js";
import type { ProgressRow } from "./tracker.js";

const HEADER = ["#", "# Words", "Total Loss", "Loss", "w/s"];
const WIDTHS = [3, 10, 10, 6, 4];
const ALIGNS = WIDTHS.map(() => "r" as const);
const SPACING = 3;

export interface PretrainTable {
  header(): void;
  row(row: ProgressRow): void;
  /** Move the bar (a terminal only) to `words` of the `total` words between rows. */
  progress(epoch: number, words: number, total: number): void;
  close(): void;
}

export function formatRow(cells: readonly string[]): string {
  return tableRow(cells, WIDTHS, SPACING, ALIGNS);
}

export function createPretrainTable(stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): PretrainTable {
  const terminal = (stderr as { isTTY?: boolean }).isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let barEpoch = -1;
  const stopBar = () => {
    bar?.stop();
    bar = null;
  };
  return {
    header: () => stdout.write(`${formatRow(HEADER)}\n`),
    row: (row) => {
      stopBar();
      stdout.write(`${formatRow(row)}\n`);
    },
    progress: (epoch, words, total) => {
      if (!terminal) return;
      if (bar === null || barEpoch !== epoch) {
        stopBar();
        barEpoch = epoch;
        bar = new cliProgress.SingleBar(
          {
            stream: stderr,
            format: `Epoch ${epoch}: {percentage}%|{bar}| {value}/{total} words [{duration_formatted}]`,
            barsize: 20,
            clearOnComplete: true,
            hideCursor: false,
            synchronousUpdate: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, Math.min(words, total));
        return;
      }
      bar.update(Math.min(words, total));
    },
    close: stopBar,
  };
}
