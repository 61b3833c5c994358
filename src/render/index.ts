/** displaCy-style HTML views of docs: entities, overlapping spans, and the pages evaluate writes. */
export { DEFAULT_COLOR, DEFAULT_LABEL_COLORS, labelColors } from "./colors.js";
export { type RenderEntitiesOptions, renderEntities } from "./entities.js";
export { escapeHtml } from "./html.js";
export { renderDeps } from "./dep.js";
export { availableStyles, DISPLACY_STYLES, type DisplacyPagesOptions, type DisplacyStyle, writeDisplacyPages } from "./pages.js";
export { type RenderSpansOptions, renderSpans, type SpanSlice, spanSlices } from "./spans.js";
