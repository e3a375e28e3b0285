/**
 * The docs navigation (docs/docs.json, docs/mint.json in older checkouts):
 * the source's page in the "Sources" group that lists the source pages,
 * sorted, in the layout of the pages around it.
 */
import { insertIntoArray, JsonEditError, nodeAt, parseJson, valueOf, type JsonNode } from '../../../core/json-edit.js';
import type { TextEdit } from '../../../core/registration.js';
import { lineStart } from '../../../core/text-edit.js';
import { MAGE_FACTS } from '../facts/index.js';
import { sortsAfter } from './order.js';

const SOURCES_PAGE_PREFIX = `${MAGE_FACTS.paths.sourcePages}/`;
export const SOURCES_OVERVIEW_PAGE = `${SOURCES_PAGE_PREFIX}overview`;

/** The value of a string node, else undefined. */
const stringOf = (node: JsonNode): string | undefined => (node.type === 'string' ? (node.value as string) : undefined);

/** Every `"pages"` array of a `"group": "Sources"` object, depth first. */
function sourceGroups(node: JsonNode, found: JsonNode[] = []): JsonNode[] {
  if (node.type === 'object') {
    const group = nodeAt(node, ['group']);
    const pages = nodeAt(node, ['pages']);
    if (group && stringOf(group) === 'Sources' && pages?.type === 'array') found.push(pages);
  }
  // an object's children are its properties, whose second child is the value
  for (const child of node.children ?? []) {
    const value = child.type === 'property' ? child.children?.[1] : child;
    if (value) sourceGroups(value, found);
  }
  return found;
}

/** A source page of a pages array: its node and the page it names. */
interface SourcePage {
  node: JsonNode;
  page: string;
}

const sourcePages = (pages: JsonNode): SourcePage[] =>
  (pages.children ?? []).flatMap((node) => {
    const page = stringOf(node);
    return page?.startsWith(SOURCES_PAGE_PREFIX) ? [{ node, page }] : [];
  });

/** Adds the docs page to the Sources group that lists the source pages (the one with sources/overview), sorted. */
export function addDocsPage(text: string, page: string): TextEdit {
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (error) {
    return { outcome: 'skipped', reason: `not valid JSON (${(error as Error).message})` };
  }
  if (JSON.stringify(valueOf(root)).includes(JSON.stringify(page))) return { outcome: 'present' };
  const groups = sourceGroups(root).filter((g) => sourcePages(g).length > 0);
  const target =
    groups.find((g) => sourcePages(g).some((p) => p.page === SOURCES_OVERVIEW_PAGE)) ??
    [...groups].sort((a, b) => sourcePages(b).length - sourcePages(a).length)[0];
  const pages = target ? sourcePages(target) : [];
  const lastPage = pages.at(-1);
  if (!target || !lastPage) return { outcome: 'skipped', reason: `no "group": "Sources" with ${SOURCES_PAGE_PREFIX}* pages` };
  const items = target.children ?? [];
  const sameLineAsPrevious = (n: JsonNode, k: number): boolean => {
    const previous = items[k - 1];
    return previous !== undefined && lineStart(text, n.offset) === lineStart(text, previous.offset);
  };
  if (items.some(sameLineAsPrevious)) {
    return { outcome: 'skipped', reason: 'the Sources pages are not one per line' };
  }
  const candidates = pages.filter((p) => p.page !== SOURCES_OVERVIEW_PAGE);
  const before = candidates.find((p) => sortsAfter(p.page, page));
  const last = candidates.at(-1) ?? lastPage;
  const index = before ? items.indexOf(before.node) : items.indexOf(last.node) + 1;
  try {
    return { outcome: 'added', contents: insertIntoArray(text, target, index, page) };
  } catch (error) {
    if (!(error instanceof JsonEditError)) throw error;
    return { outcome: 'skipped', reason: `the edit would break the file's layout (${error.message})` };
  }
}
