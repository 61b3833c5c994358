import { escapeHtml } from "./html.js";

/** The link after a label to an entity's knowledge-base entry; nothing when there is no KB id. */
export function kbLink(kbId: string, urlTemplate?: string): string {
  if (!kbId) return "";
  const url = urlTemplate ? urlTemplate.replace("{}", kbId) : "#";
  return ` <a style="text-decoration: none; color: inherit; font-weight: normal" href="${escapeHtml(url)}">${escapeHtml(kbId)}</a>`;
}
