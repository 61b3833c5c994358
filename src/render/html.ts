/**
 * Shared pieces of the displaCy-style pages: escaping, the page around the figures, and the
 * writing direction of a doc's language. The markup follows spaCy 3.5.4's
 * spacy/displacy/templates.py, with every piece of text escaped.
 */
import type { Doc } from "../tokens/doc.js";

/** Text for HTML content and attribute values (spaCy's escape_html, plus single quotes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Plain text with its line breaks kept (spaCy writes a break for each newline). */
export function textWithBreaks(text: string): string {
  return text.split("\n").map(escapeHtml).join("<br>");
}

// spaCy's languages whose writing_system direction is "rtl" (spacy/lang/{ar,fa,he,ur}).
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur"]);

export type Direction = "ltr" | "rtl";

export interface DocSettings {
  lang: string;
  direction: Direction;
}

/** Language and direction of a doc, as displaCy reads them; English and left-to-right when unknown. */
export function docSettings(doc: Doc | undefined): DocSettings {
  const lang = doc?.vocab.lang || "en";
  return { lang, direction: RIGHT_TO_LEFT.has(lang) ? "rtl" : "ltr" };
}

/** The title displaCy shows above a doc: the option given, else doc.userData.title. */
export function docTitle(doc: Doc, title?: string): string | undefined {
  if (title) return title;
  const stored = doc.userData.title;
  return typeof stored === "string" && stored !== "" ? stored : undefined;
}

export function titleMarkup(title: string | undefined): string {
  return title ? `<h2 style="margin: 0">${escapeHtml(title)}</h2>\n` : "";
}

/** One figure per doc. */
export function figure(content: string): string {
  return `<figure style="margin-bottom: 6rem">${content}</figure>\n`;
}

/** A complete HTML document around the figures, styled inline so that the file stands alone. */
export function htmlPage(content: string, settings: DocSettings, pageTitle = "displaCy"): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(settings.lang)}">
    <head>
        <meta charset="utf-8">
        <title>${escapeHtml(pageTitle)}</title>
    </head>

    <body style="font-size: 16px; font-family: -apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji', 'Segoe UI Symbol'; padding: 4rem 2rem; direction: ${settings.direction}">${content}</body>
</html>
`;
}
