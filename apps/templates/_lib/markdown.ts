// Markdown to HTML, after CommonMark (https://spec.commonmark.org), for the templates that render Markdown
// (md2html, markdown-render). Blocks: ATX and setext headings, paragraphs, fenced and indented code, block
// quotes, bullet and ordered lists (nested, tight or loose), thematic breaks, link reference definitions.
// Inlines: emphasis and strong (CommonMark's delimiter rules), code spans, links and images (inline and
// reference), autolinks, backslash escapes, entities (kept as written), hard and soft breaks. Not covered: raw
// HTML (shown as text, so a document cannot inject markup or scripts), tables and other extensions. Links to
// javascript:, vbscript: and data: URLs (but images in data:image/) lead nowhere (href="", as cmark --safe).
// Within what is covered, the output is cmark's for the same input.
import { escapeHtml, stripTags } from "./html";
import { parseInlines } from "./markdown_inline";
import { Block, BlockKind, parseDocument } from "./markdown_blocks";

/** A rendered document: its HTML, and the plain text of its first heading ("" without one), for a title. */
export class RenderedMarkdown {
  html: string;
  title: string;

  constructor(html: string, title: string) {
    this.html = html;
    this.title = title;
  }
}

/** The HTML for a Markdown document. */
export function renderMarkdown(source: string): string {
  return render(source).html;
}

export function render(source: string): RenderedMarkdown {
  const document = parseDocument(source);
  const out = new Output();
  renderBlocks(out, document.blocks, document.refs, false);
  const heading = findHeading(document.blocks);
  return new RenderedMarkdown(out.text(),
    heading == null ? "" : stripTags(parseInlines(heading.text, document.refs)));
}

function findHeading(blocks: Block[]): Block | null {
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].kind == BlockKind.Heading) {
      return blocks[i];
    }
  }
  return null;
}

/** An output buffer that knows whether it ends a line (cmark's "cr": a newline unless one just went out). */
class Output {
  private parts: string[] = new Array<string>();
  private atLineStart: bool = true;

  put(text: string): void {
    if (text.length > 0) {
      this.parts.push(text);
      this.atLineStart = text.charCodeAt(text.length - 1) == 10;
    }
  }

  cr(): void {
    if (!this.atLineStart) {
      this.put("\n");
    }
  }

  text(): string {
    return this.parts.join("");
  }
}

function renderBlocks(out: Output, blocks: Block[], refs: Map<string, string[]>, tight: bool): void {
  for (let i = 0; i < blocks.length; i++) {
    renderBlock(out, blocks[i], refs, tight);
  }
}

function renderBlock(out: Output, block: Block, refs: Map<string, string[]>, tight: bool): void {
  switch (block.kind) {
    case BlockKind.Paragraph: {
      if (tight) {
        out.put(parseInlines(block.text, refs));
      } else {
        out.cr();
        out.put("<p>" + parseInlines(block.text, refs) + "</p>");
        out.cr();
      }
      break;
    }
    case BlockKind.Heading: {
      const tag = "h" + block.level.toString();
      out.cr();
      out.put("<" + tag + ">" + parseInlines(block.text, refs) + "</" + tag + ">");
      out.cr();
      break;
    }
    case BlockKind.Code: {
      out.cr();
      const language = block.info.length > 0 ? " class=\"language-" + escapeHtml(block.info) + "\"" : "";
      out.put("<pre><code" + language + ">" + escapeHtml(block.text) + "</code></pre>");
      out.cr();
      break;
    }
    case BlockKind.Rule: {
      out.cr();
      out.put("<hr />");
      out.cr();
      break;
    }
    case BlockKind.Quote: {
      out.cr();
      out.put("<blockquote>");
      out.cr();
      renderBlocks(out, block.children, refs, false);
      out.cr();
      out.put("</blockquote>");
      out.cr();
      break;
    }
    case BlockKind.List: {
      const tag = block.ordered ? "ol" : "ul";
      out.cr();
      out.put(block.ordered && block.start != 1 ? "<ol start=\"" + block.start.toString() + "\">" : "<" + tag + ">");
      out.cr();
      for (let i = 0; i < block.items.length; i++) {
        out.put("<li>");
        renderBlocks(out, block.items[i], refs, block.tight);
        out.put("</li>");
        out.cr();
      }
      out.put("</" + tag + ">");
      out.cr();
      break;
    }
  }
}
