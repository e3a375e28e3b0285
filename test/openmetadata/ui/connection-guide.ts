/**
 * How the UI's connection guide (public/locales/en-US/<Category>/<Type>.md) is judged: one
 * `$$section ### Title $(id="field") ... $$` block per field the form shows, in the schema's order,
 * titled and described as the schema has them. The form hides `type` and the supports... flags (the
 * UI's DEF_UI_SCHEMA), so the guide has no section for them.
 */
export interface GuideSchema {
  properties: Record<string, { title?: string; description?: string }>;
}

const SECTION = /^\$\$section\n### (.+) \$\(id="(\w+)"\)\n\n([^\n]+)\n\$\$$/gm;
// Markdown escapes only ASCII punctuation: a backslash before anything else is the character itself
const unescape = (text: string): string => text.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** The fields of the connection the form shows (and the guide explains). */
export const shownFields = (schema: GuideSchema): string[] => Object.keys(schema.properties).filter((p) => p !== 'type' && !/^supports[A-Z]/.test(p));

/** What is wrong with a guide for a schema; none when it is right. */
export function guideProblems(schema: GuideSchema, guide: string): string[] {
  const sections = [...guide.matchAll(SECTION)].map((m) => ({ title: m[1] ?? '', id: m[2] ?? '', text: m[3] ?? '' }));
  const problems: string[] = [];
  if (sections.length !== guide.split('$$section').length - 1) problems.push('a $$section block of another layout');
  const ids = sections.map((s) => s.id).join(', ');
  if (ids !== shownFields(schema).join(', ')) problems.push(`sections ${ids}, fields ${shownFields(schema).join(', ')}`);
  for (const section of sections) {
    const property = schema.properties[section.id];
    if (!property) continue;
    if (property.title && unescape(section.title) !== property.title) problems.push(`${section.id}: titled ${section.title}`);
    if (property.description && unescape(section.text) !== property.description) problems.push(`${section.id}: described ${section.text}`);
    if (section.text.trim() === '') problems.push(`${section.id}: no text`);
  }
  return problems;
}
