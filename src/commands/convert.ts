import { Args, Flags } from "@oclif/core";
import cliProgress from "cli-progress";
import { TsnlpCommand } from "../cli/base.js";
import { type ConvertOptions, convertFile, FILE_TYPES, type FileType } from "../training/convert.js";
import {
  CONVERTER_ALIASES,
  CONVERTER_NAMES,
  type ConverterAlias,
  type ConverterName,
  MISALIGNED_MODES,
  type MisalignedMode,
} from "../training/converters/index.js";
import { createPrinter } from "../util/printer.js";

export default class Convert extends TsnlpCommand {
  static override summary = "Convert training data to spaCy's .spacy or JSON format";
  static override description =
    "Like 'spacy convert': reads CoNLL-U, IOB, NER columns (CoNLL-2003, WNUT-17), JSON lines with entities, spans or categories, and CSV/TSV text classification tables, and writes one .spacy (DocBin) or .json file per input file into OUTPUT_DIR. INPUT may be a folder, converted file by file (with --concatenate into one output). Faults in the input name the file and line, and nothing is written.";
  static override examples = [
    "<%= config.bin %> convert en_ewt-ud-train.conllu corpus/ --n-sents 10",
    "<%= config.bin %> convert wnut17train.conll corpus/ --converter ner --n-sents 10",
    "<%= config.bin %> convert reviews.jsonl corpus/ --lang en --misaligned expand",
    "<%= config.bin %> convert banking77/train.csv corpus/ --labels banking77/categories.json",
    "<%= config.bin %> convert goemotions/train.tsv corpus/ --no-header --multilabel --labels goemotions/labels.txt",
    "<%= config.bin %> convert dev.conllu - --file-type json > dev.json",
  ];
  static override args = {
    input: Args.string({ required: true, description: "file or folder to convert, or - for standard input" }),
    output_dir: Args.string({ required: false, default: "-", description: "folder to write into, or - for standard output (the default)" }),
  };
  static override flags = {
    converter: Flags.string({
      char: "c",
      options: ["auto", ...CONVERTER_NAMES, ...Object.keys(CONVERTER_ALIASES)],
      default: "auto",
      description: "input format; auto picks by extension and content (spaCy's names conllubio and conll mean conllu and ner)",
    }),
    "file-type": Flags.string({
      char: "t",
      options: [...FILE_TYPES],
      default: "spacy",
      description: "output format: spacy (DocBin) or json (spaCy's v2 training JSON)",
    }),
    "n-sents": Flags.integer({ char: "n", default: 1, min: 0, description: "sentences per document; 0 puts a whole file (or -DOCSTART- section) in one" }),
    "seg-sents": Flags.boolean({ char: "s", default: false, description: "ner: split text without blank lines into sentences at punctuation" }),
    morphology: Flags.boolean({ char: "m", default: false, description: "conllu: append the morphological features to each tag (NN__Number=Sing)" }),
    "merge-subtokens": Flags.boolean({ char: "T", default: false, description: "conllu: keep multiword tokens (didn't) as one token" }),
    "ner-map": Flags.string({ description: 'JSON file of entity label renames ({"PERSON": "PER"}; "" drops a label)' }),
    lang: Flags.string({ char: "l", default: "xx", description: "language whose tokenizer splits jsonl and table texts (xx: language-neutral rules)" }),
    concatenate: Flags.boolean({ char: "C", default: false, description: "write one output for all files of an input folder" }),
    misaligned: Flags.string({
      options: [...MISALIGNED_MODES],
      default: "error",
      description: "jsonl: an entity or span off token boundaries is an error, skipped, or snapped to tokens (expand, contract)",
    }),
    "spans-key": Flags.string({ default: "sc", description: 'jsonl: span group for a "spans" list' }),
    "text-col": Flags.string({ helpGroup: "TABLE", description: "text column: header name or number from 1 (default: 'text', or 1 without a header)" }),
    "label-col": Flags.string({ helpGroup: "TABLE", description: "label column: header name or number from 1 (default: the other of two columns, or 2)" }),
    multilabel: Flags.boolean({ helpGroup: "TABLE", default: false, description: "the label column lists several labels per row" }),
    "label-sep": Flags.string({ helpGroup: "TABLE", default: ",", description: "what separates labels in a multi-label cell" }),
    labels: Flags.string({ helpGroup: "TABLE", description: "every label: JSON list, JSON {id: label}, or one per line; cells may hold 0-based ids into it" }),
    delimiter: Flags.string({ helpGroup: "TABLE", description: "column delimiter, e.g. ',' or tab (default: by extension, .tsv tab, .csv comma)" }),
    header: Flags.boolean({ helpGroup: "TABLE", default: true, allowNo: true, description: "the first row names the columns (--no-header when it is data)" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Convert);
    this.setVerbose(flags.verbose);
    const toStdout = args.output_dir === "-";
    // With the data on standard output, messages go to standard error.
    const out = toStdout ? createPrinter((line) => process.stderr.write(`${line}\n`)) : this.printer;
    const progress = new FileProgress();
    const options: ConvertOptions = {
      converter: flags.converter as ConverterName | ConverterAlias | "auto",
      fileType: flags["file-type"] as FileType,
      nSents: flags["n-sents"],
      segSents: flags["seg-sents"],
      morphology: flags.morphology,
      mergeSubtokens: flags["merge-subtokens"],
      nerMap: flags["ner-map"],
      lang: flags.lang,
      concatenate: flags.concatenate,
      misaligned: flags.misaligned as MisalignedMode,
      spansKey: flags["spans-key"],
      table: {
        textColumn: flags["text-col"],
        labelColumn: flags["label-col"],
        multiLabel: flags.multilabel,
        labelSeparator: flags["label-sep"],
        labels: flags.labels,
        delimiter: flags.delimiter,
        header: flags.header,
      },
      log: (level, message) => {
        progress.stop();
        if (level === "warn") out.warn(message);
        else out.info(message);
      },
      onProgress: (event) => progress.update(event.file, event.done, event.total),
    };
    try {
      const result = convertFile(args.input, args.output_dir, options);
      progress.stop();
      if (!toStdout) for (const file of result.files) out.good(`Generated output file (${file.docs} documents): ${file.output}`);
    } finally {
      progress.stop();
    }
  }
}

/** A progress bar on standard error per input file, only on a terminal. */
class FileProgress {
  private bar?: cliProgress.SingleBar;
  private file?: string;
  private readonly enabled = process.stderr.isTTY === true;

  update(file: string, done: number, total: number): void {
    if (!this.enabled) return;
    if (this.file !== file || !this.bar) {
      this.stop();
      this.file = file;
      this.bar = new cliProgress.SingleBar(
        { stream: process.stderr, format: `Converting ${file} [{bar}] {percentage}%`, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, done);
      return;
    }
    this.bar.update(done);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}
