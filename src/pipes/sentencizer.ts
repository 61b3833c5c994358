/**
 * The sentencizer component (spaCy's Sentencizer, spacy/pipeline/sentencizer.pyx, v3.5.4):
 * a sentence ends after a sentence-final character (".", "!", "?" and their kin in other
 * scripts) and the punctuation that follows it, such as closing quotes and brackets. The
 * next token that is not punctuation starts a new sentence.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { srslyJson } from "../matcher/json-files.js";
import type { Doc } from "../tokens/doc.js";
import type { Example } from "../tokens/example.js";
import { TsnlpError } from "../util/errors.js";
import { readTextFile, writeFileAtomic } from "../util/io.js";
import { Pipe, type Scores, type ScorerFn } from "./pipe.js";

/** spaCy's Sentencizer.default_punct_chars, in its order. */
export const DEFAULT_PUNCT_CHARS: readonly string[] = (
  "! . ? ։ ؟ ۔ ܀ ܁ ܂ ߹ । ॥ ၊ ။ ። ፧ ፨ ᙮ ᜵ ᜶ ᠃ ᠉ ᥄ ᥅ ᪨ ᪩ ᪪ ᪫ ᭚ ᭛ ᭞ ᭟ ᰻ ᰼ ᱾ ᱿ ‼ ‽ ⁇ ⁈ ⁉ ⸮ ⸼ ꓿ ꘎ " +
  "꘏ ꛳ ꛷ ꡶ ꡷ ꣎ ꣏ ꤯ ꧈ ꧉ ꩝ ꩞ ꩟ ꫰ ꫱ ꯫ ﹒ ﹖ ﹗ ！ ． ？ 𐩖 𐩗 𑁇 𑁈 𑂾 𑂿 𑃀 𑃁 𑅁 𑅂 𑅃 𑇅 𑇆 𑇍 𑇞 𑇟 𑈸 𑈹 𑈻 𑈼 𑊩 𑑋 𑑌 " +
  "𑗂 𑗃 𑗉 𑗊 𑗋 𑗌 𑗍 𑗎 𑗏 𑗐 𑗑 𑗒 𑗓 𑗔 𑗕 𑗖 𑗗 𑙁 𑙂 𑜼 𑜽 𑜾 𑩂 𑩃 𑪛 𑪜 𑱁 𑱂 𖩮 𖩯 𖫵 𖬷 𖬸 𖭄 𛲟 𝪈 ｡ 。"
).split(" ");

export interface SentencizerOptions {
  /** Characters (tokens) that end a sentence; null, undefined or empty for spaCy's default list. */
  punctChars?: readonly string[] | null;
  /** Replace sentence starts that are already set (by default only unknown ones are set). */
  overwrite?: boolean;
  scorer?: ScorerFn | null;
}

export class Sentencizer extends Pipe {
  punctChars: Set<string>;
  overwrite: boolean;
  scorer?: ScorerFn;

  constructor(name = "sentencizer", options: SentencizerOptions = {}) {
    super(name, "sentencizer");
    this.punctChars = punctSet(options.punctChars);
    this.overwrite = options.overwrite ?? false;
    this.scorer = options.scorer ?? undefined;
  }

  override call(doc: Doc): Doc {
    this.setAnnotations([doc], this.predict([doc]));
    return doc;
  }

  /** For each doc, whether each token starts a sentence. */
  predict(docs: readonly Doc[]): boolean[][] {
    return docs.map((doc) => this.sentenceStarts(doc));
  }

  /** Write the starts into doc.sentStarts, leaving set values alone unless overwriting. */
  setAnnotations(docs: readonly Doc[], guesses: readonly boolean[][]): void {
    docs.forEach((doc, d) => {
      guesses[d]!.forEach((isStart, i) => {
        if (doc.sentStarts[i] === 0 || this.overwrite) doc.sentStarts[i] = isStart ? 1 : -1;
      });
    });
  }

  override score(examples: readonly Example[], options: Record<string, unknown> = {}): Scores {
    return this.scorer ? this.scorer(examples, options) : {};
  }

  override toDisk(dir: string): void {
    writeFileAtomic(join(dir, "cfg"), srslyJson({ punct_chars: [...this.punctChars], overwrite: this.overwrite }, 2));
  }

  /** Read `cfg` in the folder, or the `NAME.json` file beside it that spaCy writes. */
  override fromDisk(dir: string): this {
    const path = [join(dir, "cfg"), `${dir.replace(/[\\/]+$/, "")}.json`].find((candidate) => existsSync(candidate));
    if (path === undefined) {
      throw new TsnlpError("E_SENTENCIZER_LOAD", `No sentencizer settings in ${dir}: expected ${join(dir, "cfg")}.`, {
        file: dir,
        hint: "Save the component with toDisk first.",
      });
    }
    let cfg: { punct_chars?: unknown; overwrite?: unknown };
    try {
      cfg = JSON.parse(readTextFile(path, "sentencizer settings")) as typeof cfg;
    } catch (error) {
      if (error instanceof SyntaxError)
        throw new TsnlpError("E_SENTENCIZER_LOAD", `The sentencizer settings ${path} are not valid JSON: ${error.message}`, { file: path });
      throw error;
    }
    if (cfg.punct_chars !== undefined) {
      if (!Array.isArray(cfg.punct_chars) || !cfg.punct_chars.every((char) => typeof char === "string")) {
        throw new TsnlpError("E_SENTENCIZER_LOAD", `"punct_chars" in ${path} must be a list of strings.`, { file: path });
      }
      // As spaCy's from_disk: a saved list is used as it is, even an empty one.
      this.punctChars = new Set(cfg.punct_chars as string[]);
    }
    if (typeof cfg.overwrite === "boolean") this.overwrite = cfg.overwrite;
    return this;
  }

  private sentenceStarts(doc: Doc): boolean[] {
    const starts = new Array<boolean>(doc.length).fill(false);
    if (doc.length === 0) return starts;
    starts[0] = true;
    let seenFinal = false;
    for (let i = 0; i < doc.length; i++) {
      const lexeme = doc.lexemes[i]!;
      const isFinal = this.punctChars.has(lexeme.orth);
      if (seenFinal && !lexeme.isPunct && !isFinal) {
        starts[i] = true;
        seenFinal = false;
      } else if (isFinal) {
        seenFinal = true;
      }
    }
    return starts;
  }
}

function punctSet(chars: readonly string[] | null | undefined): Set<string> {
  return new Set(chars && chars.length > 0 ? chars : DEFAULT_PUNCT_CHARS);
}
