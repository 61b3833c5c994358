import { conlluConverter } from "./conllu.js";
import { iobConverter } from "./iob.js";
import { jsonlConverter } from "./jsonl.js";
import { nerConverter } from "./ner.js";
import { tableConverter } from "./table.js";
import type { Converter, ConverterName } from "./types.js";

export const CONVERTERS: Readonly<Record<ConverterName, Converter>> = {
  conllu: conlluConverter,
  iob: iobConverter,
  ner: nerConverter,
  jsonl: jsonlConverter,
  table: tableConverter,
};

export { type Detection, detectConverter } from "./detect.js";
export { docsToJson, type JsonDocument, type JsonParagraph, type JsonToken } from "./docs-to-json.js";
export { readLabelList, readNerMap } from "./label-files.js";
export {
  CONVERTER_ALIASES,
  CONVERTER_NAMES,
  type ConverterAlias,
  type Converter,
  type ConverterContext,
  type ConverterName,
  type ConverterOptions,
  MISALIGNED_MODES,
  type MisalignedMode,
  type TableOptions,
} from "./types.js";
