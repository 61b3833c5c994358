/**
 * displaCy's "ent" style: the text with each entity highlighted in its label's colour and
 * the label beside it (spaCy 3.5.4 EntityRenderer in spacy/displacy/render.py).
 */
import type { Doc } from "../tokens/doc.js";
import { labelColors } from "./colors.js";
import { docSettings, docTitle, escapeHtml, figure, htmlPage, textWithBreaks, titleMarkup } from "./html.js";
import { kbLink } from "./kb-link.js";

export interface RenderEntitiesOptions {
  /** A whole HTML document (the default), or only the figures to put into a page of one's own. */
  page?: boolean;
  /** Colours by label, over displaCy's defaults (labels match case-insensitively). */
  colors?: Record<string, string>;
  /** Only highlight these labels; the text of other entities shows plain. */
  ents?: string[];
  /** Link each entity's KB id, e.g. "https://www.wikidata.org/wiki/{}". */
  kbUrlTemplate?: string;
  /** Title above the first doc (spaCy's evaluate puts the pipeline's name there). */
  title?: string;
}

/** HTML of the docs' entities. */
export function renderEntities(docs: Iterable<Doc>, options: RenderEntitiesOptions = {}): string {
  const list = [...docs];
  const settings = docSettings(list[0]);
  const colorOf = labelColors(options.colors);
  const shown = options.ents ? new Set(options.ents.map((label) => label.toUpperCase())) : null;
  const figures = list.map((doc, i) => {
    let markup = "";
    let offset = 0;
    for (const ent of doc.ents) {
      markup += textWithBreaks(doc.text.slice(offset, ent.startChar));
      const text = escapeHtml(doc.text.slice(ent.startChar, ent.endChar));
      if (shown && !shown.has(ent.label.toUpperCase())) {
        markup += text;
      } else {
        const link = kbLink(ent.kbId, options.kbUrlTemplate);
        markup += entityMark(text, escapeHtml(ent.label), escapeHtml(colorOf(ent.label)), link, settings.direction === "rtl");
      }
      offset = ent.endChar;
    }
    markup += textWithBreaks(doc.text.slice(offset));
    const content = `${titleMarkup(docTitle(doc, i === 0 ? options.title : undefined))}<div class="entities" style="line-height: 2.5; direction: ${settings.direction}">${markup}</div>`;
    return options.page === false ? content : figure(content);
  });
  return options.page === false ? figures.join("") : htmlPage(figures.join(""), settings);
}

function entityMark(text: string, label: string, color: string, link: string, rightToLeft: boolean): string {
  const labelSide = rightToLeft ? "margin-right" : "margin-left";
  return `
<mark class="entity" style="background: ${color}; padding: 0.45em 0.6em; margin: 0 0.25em; line-height: 1; border-radius: 0.35em;">
    ${text}
    <span style="font-size: 0.8em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; ${labelSide}: 0.5rem">${label}${link}</span>
</mark>
`;
}
