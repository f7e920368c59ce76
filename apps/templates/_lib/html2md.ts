// HTML to Markdown (CommonMark) for the html2md template: headings, paragraphs, line breaks, emphasis and strong,
// inline code and preformatted blocks (fenced), links and images, bullet and numbered lists (nested), block
// quotes, rules, and tables as rows of cells separated by " | ". What a reader does not see (head, script,
// style, template, noscript, svg, comments) is dropped; any other element keeps its text. Text is escaped so it
// stays text in Markdown.
import { Token, TokenKind, decodeEntities, tokenize } from "./html_tokens";
import { trim } from "./text";

const SKIPPED = ["head", "script", "style", "template", "noscript", "svg", "iframe", "object", "select"];
const BLOCKS = ["p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "figure",
  "figcaption", "address", "details", "summary", "dl", "dt", "dd", "form", "fieldset", "table", "center"];

class List {
  constructor(public ordered: bool, public next: i32) {}
}

/** Markdown text built line by line, with the prefix the open quotes and list items give each line. */
class Writer {
  private parts: string[] = [];
  private started: bool = false;
  /** 0: go on in the line; 1: a new line; 2: a blank line, then a new one. */
  private pendingBreak: i32 = 0;
  private atLineStart: bool = true;
  private lastSpace: bool = true;
  /** The quotes the last line was in: a blank line between two quotes' lines belongs to the outer. */
  private lineQuoteDepth: i32 = 0;
  quoteDepth: i32 = 0;
  /** Content indent of each open list item. */
  indents: i32[] = [];
  /** The marker of a list item whose first line is not written yet. */
  marker: string = "";

  breakLine(kind: i32): void {
    if (kind > this.pendingBreak) this.pendingBreak = kind;
  }

  private prefix(withMarker: bool): string {
    const prefix = "> ".repeat(this.quoteDepth);
    let indent: i32 = 0;
    for (let i = 0; i < this.indents.length; i++) indent += this.indents[i];
    if (withMarker && this.marker.length > 0) {
      return prefix + " ".repeat(indent - this.marker.length) + this.marker;
    }
    return prefix + " ".repeat(indent);
  }

  private startLine(): void {
    if (this.started) {
      this.dropTrailingSpace();
      const quotes = this.quoteDepth < this.lineQuoteDepth ? this.quoteDepth : this.lineQuoteDepth;
      this.parts.push(this.pendingBreak == 2 ? "\n" + "> ".repeat(quotes).trimEnd() + "\n" : "\n");
    }
    this.lineQuoteDepth = this.quoteDepth;
    this.parts.push(this.prefix(true));
    this.marker = "";
    this.started = true;
    this.pendingBreak = 0;
    this.atLineStart = true;
    this.lastSpace = true;
  }

  /** A line does not end in the space that stood between its text and a block starting after it. */
  private dropTrailingSpace(): void {
    while (this.parts.length > 0) {
      const last = this.parts[this.parts.length - 1];
      let end = last.length;
      while (end > 0 && last.charCodeAt(end - 1) == 32) end--;
      if (end > 0 || last.length == 0) {
        this.parts[this.parts.length - 1] = last.substring(0, end);
        return;
      }
      this.parts.pop(); // all spaces: look further back
    }
  }

  /** Markup written as it is ("**", "[", "# "). */
  raw(text: string): void {
    if (!this.started || this.pendingBreak > 0) this.startLine();
    this.parts.push(text);
    this.atLineStart = false;
    this.lastSpace = text.endsWith(" ");
  }

  /** Text of the document: whitespace collapsed, Markdown's special characters escaped. */
  text(text: string, inCode: bool): void {
    let collapsed = "";
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const space = c == 32 || c == 9 || c == 10 || c == 13 || c == 12;
      if (space) {
        if (!this.lastSpace && !(this.pendingBreak > 0 || !this.started)) {
          collapsed += " ";
          this.lastSpace = true;
        }
        continue;
      }
      if (!this.started || this.pendingBreak > 0) {
        this.flush(collapsed);
        collapsed = "";
        this.startLine();
      }
      const ch = String.fromCharCode(c);
      collapsed += inCode ? ch : this.escaped(ch, collapsed);
      this.lastSpace = false;
    }
    this.flush(collapsed);
  }

  private flush(text: string): void {
    if (text.length > 0) {
      this.parts.push(text);
      this.atLineStart = false;
    }
  }

  private escaped(ch: string, lineSoFar: string): string {
    if ("\\`*_[]<>".includes(ch)) return "\\" + ch;
    // At the start of a line, what would open a heading, a list, a quote or a rule.
    if (this.atLineStart && lineSoFar.length == 0 && "#-+=|~".includes(ch)) return "\\" + ch;
    if (this.atLineStart && (ch == "." || ch == ")") && lineSoFar.length > 0 && allDigits(lineSoFar)) return "\\" + ch;
    return ch;
  }

  /** The lines of a preformatted block, fenced. */
  fenced(code: string): void {
    this.breakLine(2);
    const fence = code.includes("```") ? "~~~~" : "```";
    this.raw(fence);
    let body = code.startsWith("\n") ? code.substring(1) : code;
    if (body.endsWith("\n")) body = body.substring(0, body.length - 1);
    const lines = body.split("\n");
    for (let i = 0; i < lines.length; i++) {
      this.parts.push("\n" + this.prefix(false) + lines[i]);
    }
    this.parts.push("\n" + this.prefix(false) + fence);
    this.breakLine(2);
  }

  result(): string {
    const text = this.parts.join("").trimEnd();
    return text.length == 0 ? "" : text + "\n";
  }
}

function allDigits(text: string): bool {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A URL as a Markdown link destination: in <...> when it has spaces or parentheses. */
function destination(url: string): string {
  const trimmed = trim(url);
  if (trimmed.includes(" ") || trimmed.includes("(") || trimmed.includes(")")) {
    return "<" + trimmed.replaceAll("<", "%3C").replaceAll(">", "%3E") + ">";
  }
  return trimmed;
}

function attribute(token: Token, name: string): string {
  return token.attributes.has(name) ? decodeEntities(token.attributes.get(name)) : "";
}

/** The Markdown for an HTML document or fragment. */
export function htmlToMarkdown(html: string): string {
  const tokens = tokenize(html);
  const out = new Writer();
  const lists = new Array<List>();
  const links = new Array<string>();
  let skip: i32 = 0;
  let skipName = "";
  let code: i32 = 0;
  let pre: i32 = 0;
  let preText = "";
  let cell: i32 = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    const name = token.name;
    if (skip > 0) { // inside an element nobody sees: only its own nesting counts
      if (name == skipName && !token.selfClosing) skip += token.kind == TokenKind.Start ? 1 : (token.kind == TokenKind.End ? -1 : 0);
      continue;
    }
    if (token.kind == TokenKind.Text) {
      if (pre > 0) preText += decodeEntities(token.text);
      else out.text(decodeEntities(token.text), code > 0);
      continue;
    }
    const start = token.kind == TokenKind.Start;
    if (start && SKIPPED.includes(name) && !token.selfClosing) {
      skip = 1;
      skipName = name;
      continue;
    }
    if (pre > 0 && name != "pre") {
      if (start && name == "br") preText += "\n";
      continue;
    }
    if (name.length == 2 && name.charCodeAt(0) == 104 && name.charCodeAt(1) >= 49 && name.charCodeAt(1) <= 54) {
      out.breakLine(2);
      if (start) out.raw("#".repeat(name.charCodeAt(1) - 48) + " ");
    } else if (name == "pre") {
      if (start) {
        pre++;
        preText = "";
      } else if (pre > 0 && --pre == 0) {
        out.fenced(preText);
      }
    } else if (name == "br") {
      if (start) { out.raw("\\"); out.breakLine(1); }
    } else if (name == "hr") {
      if (start) { out.breakLine(2); out.raw("---"); out.breakLine(2); }
    } else if (name == "em" || name == "i") {
      out.raw("*");
    } else if (name == "strong" || name == "b") {
      out.raw("**");
    } else if (name == "code" || name == "kbd" || name == "samp") {
      out.raw("`");
      code += start ? 1 : (code > 0 ? -1 : 0);
    } else if (name == "a") {
      if (start) {
        links.push(attribute(token, "href"));
        out.raw("[");
      } else if (links.length > 0) {
        out.raw("](" + destination(links.pop()) + ")");
      }
    } else if (name == "img") {
      if (start) out.raw("![" + attribute(token, "alt").replaceAll("[", "\\[").replaceAll("]", "\\]") + "]("
        + destination(attribute(token, "src")) + ")");
    } else if (name == "ul" || name == "ol") {
      if (start) {
        out.breakLine(lists.length > 0 ? 1 : 2);
        const first = attribute(token, "start");
        const number = first.length > 0 ? parseInt(first, 10) : 1;
        lists.push(new List(name == "ol", isNaN(number) ? 1 : <i32>number));
      } else if (lists.length > 0) {
        lists.pop();
        while (out.indents.length > lists.length) out.indents.pop(); // its last <li> left open
        out.breakLine(lists.length > 0 ? 1 : 2);
      }
    } else if (name == "li") {
      if (start) {
        if (out.indents.length >= lists.length && out.indents.length > 0) out.indents.pop(); // an unclosed <li>
        out.breakLine(1);
        const list = lists.length > 0 ? lists[lists.length - 1] : new List(false, 1);
        out.marker = list.ordered ? (list.next++).toString() + ". " : "- ";
        out.indents.push(out.marker.length);
      } else if (out.indents.length > 0) {
        out.indents.pop();
        out.marker = "";
        out.breakLine(1);
      }
    } else if (name == "blockquote") {
      out.breakLine(2);
      out.quoteDepth += start ? 1 : (out.quoteDepth > 0 ? -1 : 0);
    } else if (name == "tr") {
      out.breakLine(2);
      cell = 0;
    } else if (name == "td" || name == "th") {
      if (start && cell++ > 0) out.raw(" | ");
    } else if (BLOCKS.includes(name)) {
      out.breakLine(2);
    }
  }
  return out.result();
}
