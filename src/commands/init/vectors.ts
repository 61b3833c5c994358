import { Args, Flags } from "@oclif/core";
import cliProgress from "cli-progress";
import { TsnlpCommand } from "../../cli/base.js";
import { initVectors } from "../../training/init-vectors.js";

export default class InitVectors extends TsnlpCommand {
  static override summary = "Convert word vectors into a pipeline folder for [initialize] vectors";
  static override description =
    "Like 'spacy init vectors': reads a word2vec / fastText text file (.vec, .txt; its first line is 'rows width'), or a GloVe text file without that line, gzipped or not, and writes a blank pipeline for LANG holding the vectors to OUTPUT_DIR. Name that folder in your config as [initialize] vectors to use the vectors in training (include_static_vectors = true) and for doc.vector and similarity().";
  static override examples = [
    "<%= config.bin %> init vectors en glove.6B.100d.txt vectors_en",
    "<%= config.bin %> init vectors en cc.en.300.vec.gz vectors_en --prune 20000 --name en_cc.vectors",
    "<%= config.bin %> init vectors en glove.6B.100d.txt vectors_en --truncate 50000 --attr LOWER",
  ];
  static override args = {
    lang: Args.string({ required: true, description: "language code of the blank pipeline to create (e.g. en)" }),
    vectors_loc: Args.string({ required: true, description: "vectors file in word2vec, fastText or GloVe text format, or gzipped" }),
    output_dir: Args.string({ required: true, description: "pipeline folder to write" }),
  };
  static override flags = {
    prune: Flags.integer({ char: "p", default: -1, description: "keep this many rows, mapping every other word to its nearest kept vector; -1 keeps all" }),
    truncate: Flags.integer({ char: "t", default: 0, description: "read only the first N rows of the file; 0 reads all" }),
    mode: Flags.string({ char: "m", default: "default", description: "vectors mode: default (floret is not supported)" }),
    name: Flags.string({ char: "n", description: "name of the vectors table, e.g. en_core_web_lg.vectors" }),
    attr: Flags.string({ char: "a", default: "ORTH", description: "token attribute words are looked up by: ORTH, or LOWER for uncased vectors" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(InitVectors);
    this.setVerbose(flags.verbose);
    const progress = new ReadProgress();
    try {
      await initVectors(args.lang, args.vectors_loc, args.output_dir, {
        prune: flags.prune,
        truncate: flags.truncate,
        mode: flags.mode,
        name: flags.name ?? null,
        attr: flags.attr,
        printer: this.printer,
        onProgress: (p) => progress.update(p.bytesRead, p.totalBytes),
      });
    } finally {
      progress.stop();
    }
  }
}

/** A progress bar on standard error while the file is read, only on a terminal. */
class ReadProgress {
  private bar?: cliProgress.SingleBar;
  private finished = false;
  private readonly enabled = process.stderr.isTTY === true;

  update(done: number, total: number): void {
    if (!this.enabled || this.finished) return;
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: "Reading vectors [{bar}] {percentage}%", hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0);
    }
    this.bar.update(Math.min(done, total));
    if (done >= total) this.stop();
  }

  stop(): void {
    this.finished = true;
    this.bar?.stop();
    this.bar = undefined;
  }
}
