/** Label colours of displaCy's entity and span styles (spaCy 3.5.4 spacy/displacy/render.py). */

export const DEFAULT_LABEL_COLORS: Readonly<Record<string, string>> = {
  ORG: "#7aecec",
  PRODUCT: "#bfeeb7",
  GPE: "#feca74",
  LOC: "#ff9561",
  PERSON: "#aa9cfc",
  NORP: "#c887fb",
  FAC: "#9cc9cc",
  EVENT: "#ffeb80",
  LAW: "#ff8197",
  LANGUAGE: "#ff8197",
  WORK_OF_ART: "#f0d0ff",
  DATE: "#bfe1d9",
  TIME: "#bfe1d9",
  MONEY: "#e4e7d2",
  QUANTITY: "#e4e7d2",
  ORDINAL: "#e4e7d2",
  CARDINAL: "#e4e7d2",
  PERCENT: "#e4e7d2",
};

export const DEFAULT_COLOR = "#ddd";

/** Looks labels up case-insensitively, with the user's colours over the defaults. */
export function labelColors(custom: Readonly<Record<string, string>> = {}): (label: string) => string {
  const table = new Map<string, string>();
  for (const [label, color] of Object.entries({ ...DEFAULT_LABEL_COLORS, ...custom })) table.set(label.toUpperCase(), color);
  return (label) => table.get(label.toUpperCase()) ?? DEFAULT_COLOR;
}
