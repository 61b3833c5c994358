// Facts from spaCy v3.5.4 spacy/language.py (spacy.Tokenizer.v1), spacy/lang/{ja,ko,th,vi,zh}/__init__.py
// and spacy-experimental v0.6.2 spacy_experimental/char_tokenizer/char_pretokenizer.py.
import { z } from "zod";
import { declareFunction } from "../declare.js";
import type { Registry } from "../registry.js";
import { sig } from "../types.js";
import { KIND } from "./common.js";

const tokenizer = sig.value(KIND.TokenizerFactory);

export function registerTokenizers(registry: Registry): void {
  registry.register(
    declareFunction("tokenizers", "spacy.Tokenizer.v1", {
      description: "spaCy's rule-based tokenizer, built from the language's prefixes, suffixes, infixes and exceptions",
      args: {},
      returns: tokenizer,
    }),
  );
  registry.register(
    declareFunction("tokenizers", "spacy-experimental.char_pretokenizer.v1", {
      origin: "spacy-experimental",
      description: "Splits a text into one token per character (for a trainable character-based tokenizer)",
      args: {},
      returns: tokenizer,
    }),
  );
  registry.register(
    declareFunction("tokenizers", "spacy.ja.JapaneseTokenizer", {
      description: "Japanese tokenizer backed by SudachiPy",
      args: {
        split_mode: z.string().nullable().default(null).describe('SudachiPy split mode "A", "B" or "C"; null for the default'),
      },
      returns: tokenizer,
    }),
  );
  registry.register(
    declareFunction("tokenizers", "spacy.ko.KoreanTokenizer", {
      description: "Korean tokenizer backed by mecab-ko",
      args: {},
      returns: tokenizer,
    }),
  );
  registry.register(
    declareFunction("tokenizers", "spacy.th.ThaiTokenizer", {
      description: "Thai tokenizer backed by PyThaiNLP",
      args: {},
      returns: tokenizer,
    }),
  );
  registry.register(
    declareFunction("tokenizers", "spacy.vi.VietnameseTokenizer", {
      description: "Vietnamese tokenizer, optionally backed by pyvi",
      args: {
        use_pyvi: z.boolean().default(true).describe("segment words with pyvi; false splits on whitespace"),
      },
      returns: tokenizer,
    }),
  );
  registry.register(
    declareFunction("tokenizers", "spacy.zh.ChineseTokenizer", {
      description: "Chinese tokenizer: characters, jieba or spacy-pkuseg segmentation",
      args: {
        segmenter: z.enum(["char", "jieba", "pkuseg"]).default("char").describe('word segmenter: "char", "jieba" or "pkuseg"'),
      },
      returns: tokenizer,
    }),
  );
}
