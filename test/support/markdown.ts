/**
 * Markdown as a reader sees it: markdown-it in CommonMark mode, with the two
 * GFM extensions GitHub renders the briefs with (tables and strike-through).
 * The visible text of a block is its text as rendered: escapes and entities
 * resolved, and every piece of Markdown that is not text (emphasis, links,
 * raw HTML, line breaks inside a paragraph) marked with ⟦...⟧, so that
 * comparing with the text that was meant shows what Markdown changed. A code
 * span shows with its backticks (the reader sees code where the text has them).
 */
import assert from 'node:assert/strict';
import MarkdownIt, { type Token } from 'markdown-it';

const parser = MarkdownIt('commonmark').enable(['table', 'strikethrough']);

export const parseMarkdown = (text: string): Token[] => parser.parse(text, {});

/** The visible text of an inline token's children; markup other than text is marked ⟦type⟧. */
export function visibleInline(inline: Token): string {
  return (inline.children ?? [])
    .map((t) => {
      if (t.type === 'text') return t.content;
      if (t.type === 'code_inline') return `${t.markup}${t.content}${t.markup}`;
      if (t.type === 'softbreak' || t.type === 'hardbreak') return `⟦${t.type}⟧`;
      return `⟦${t.type}${t.type === 'html_inline' ? `:${t.content}` : ''}⟧`;
    })
    .join('');
}

/** A block of the document: its kind (paragraph, heading, table cell ...), its nesting and its visible text. */
export interface VisibleBlock {
  /** the opening token's type of the innermost container: paragraph_open, th_open, td_open, heading_open ... */
  kind: string;
  /** the container types around it, outermost first (blockquote_open, bullet_list_open, list_item_open ...) */
  within: string[];
  text: string;
  /** what each code span in it shows, in order */
  codes: string[];
  /** the source line range the block came from */
  lines: [number, number] | undefined;
}

/** Every inline block of a document, in order, with the containers it sits in; code blocks and HTML blocks as blocks of their own. */
export function visibleBlocks(text: string): VisibleBlock[] {
  const blocks: VisibleBlock[] = [];
  const stack: Token[] = [];
  for (const token of parseMarkdown(text)) {
    if (token.nesting === 1) stack.push(token);
    else if (token.nesting === -1) stack.pop();
    else if (token.type === 'inline') {
      const container = stack[stack.length - 1];
      blocks.push({
        kind: container?.type ?? 'root',
        within: stack.slice(0, -1).map((t) => t.type),
        text: visibleInline(token),
        codes: (token.children ?? []).filter((t) => t.type === 'code_inline').map((t) => t.content),
        lines: token.map ? [token.map[0], token.map[1]] : undefined,
      });
    } else {
      blocks.push({
        kind: token.type,
        within: stack.map((t) => t.type),
        text: `⟦${token.type}:${token.content}⟧`,
        codes: [],
        lines: token.map ? [token.map[0], token.map[1]] : undefined,
      });
    }
  }
  return blocks;
}

/** Spaces as a reader compares them: any run is one space, none at either end (Markdown folds them so). */
export const foldSpaces = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The visible texts of the blockquote right after the block reading `lead`. */
export function quoteAfter(blocks: VisibleBlock[], lead: string): string[] {
  const at = blocks.findIndex((b) => b.text === lead);
  assert.ok(at !== -1, `no "${lead}" in the brief`);
  const quote: string[] = [];
  for (const block of blocks.slice(at + 1)) {
    if (!block.within.includes('blockquote_open')) break;
    quote.push(block.text);
  }
  return quote;
}
