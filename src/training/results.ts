/**
 * The tables `tsnlp evaluate` prints and the JSON it writes (spacy/cli/evaluate.py, v3.5.4:
 * the metric names, the ×100 formatting, handle_scores_per_type).
 */
import type { Scores, ScoreValue } from "../pipes/pipe.js";

export interface ResultTable {
  title: string;
  header?: string[];
  rows: string[][];
}

function metricKeys(spansKey: string): Array<[string, string]> {
  return [
    ["TOK", "token_acc"],
    ["TAG", "tag_acc"],
    ["POS", "pos_acc"],
    ["MORPH", "morph_acc"],
    ["LEMMA", "lemma_acc"],
    ["UAS", "dep_uas"],
    ["LAS", "dep_las"],
    ["NER P", "ents_p"],
    ["NER R", "ents_r"],
    ["NER F", "ents_f"],
    ["TEXTCAT", "cats_score"],
    ["SENT P", "sents_p"],
    ["SENT R", "sents_r"],
    ["SENT F", "sents_f"],
    ["SPAN P", `spans_${spansKey}_p`],
    ["SPAN R", `spans_${spansKey}_r`],
    ["SPAN F", `spans_${spansKey}_f`],
    ["SPEED", "speed"],
  ];
}

const percent = (value: ScoreValue | undefined): string => (typeof value === "number" ? (value * 100).toFixed(2) : "-");

/** The results table and the data spaCy writes to --output, from the scores of nlp.evaluate. */
export function resultTables(scores: Scores, spansKey = "sc"): { tables: ResultTable[]; data: Record<string, ScoreValue> } {
  const rows: string[][] = [];
  const data: Record<string, ScoreValue> = {};
  for (const [metric, key] of metricKeys(spansKey)) {
    if (!(key in scores)) continue;
    const value = scores[key]!;
    const label = key === "cats_score" ? `${metric} (${typeof scores.cats_score_desc === "string" ? scores.cats_score_desc : "unk"})` : metric;
    rows.push([label, typeof value === "number" ? (key === "speed" ? value.toFixed(0) : (value * 100).toFixed(2)) : "-"]);
    data[key.toLowerCase().replace(/[\s/]/g, "_")] = value;
  }
  const tables: ResultTable[] = [{ title: "Results", rows }];
  const perType = (key: string, title: string, columns: string[], cell: (row: Record<string, ScoreValue>, column: string) => string) => {
    const table = scores[key];
    if (!table || typeof table !== "object") return;
    data[key] = table;
    const entries = Object.entries(table as Record<string, ScoreValue>);
    if (entries.length === 0) return;
    tables.push({
      title,
      header: ["", ...columns],
      rows: entries.map(([name, row]) => [name, ...columns.map((column) => cell(row as Record<string, ScoreValue>, column))]),
    });
  };
  const prf = (row: Record<string, ScoreValue>, column: string) => percent(row[column.toLowerCase()]);
  // spaCy prints the morphologizer's table first: P, R and F of each UD feature (morph_per_feat).
  perType("morph_per_feat", "MORPH (per feat)", ["P", "R", "F"], prf);
  perType("ents_per_type", "NER (per type)", ["P", "R", "F"], prf);
  perType(`spans_${spansKey}_per_type`, "SPANS (per type)", ["P", "R", "F"], prf);
  perType("cats_f_per_type", "Textcat F (per label)", ["P", "R", "F"], prf);
  perType("cats_auc_per_type", "Textcat ROC AUC (per label)", ["ROC AUC"], (row) => percentOrDash(row));
  perType("dep_las_per_type", "LAS (per type)", ["P", "R", "F"], prf);
  return { tables, data };
}

function percentOrDash(value: unknown): string {
  return typeof value === "number" ? (value * 100).toFixed(2) : "-";
}
