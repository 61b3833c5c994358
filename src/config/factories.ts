import type { FactoryDecl, Registry } from "../registry/registry.js";
import { type Section, isSection } from "./tree.js";

/**
 * The factory a component block names. As in spaCy, a language-specific factory
 * (`en.lemmatizer`) wins over the generic one (`lemmatizer`).
 */
export function findFactory(registry: Registry, name: string, lang: unknown): FactoryDecl | undefined {
  return (typeof lang === "string" ? registry.find("factories", `${lang}.${name}`) : undefined) ?? registry.find("factories", name);
}

export function langOf(config: Section): unknown {
  return isSection(config.nlp) ? config.nlp.lang : undefined;
}
