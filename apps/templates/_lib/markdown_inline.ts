// Markdown inlines (CommonMark's, without raw HTML): a paragraph's or heading's text becomes HTML. Emphasis
// follows the spec's delimiter-run algorithm; links and images look for their opening bracket on a stack.
import { escapeHtml, stripTags } from "./html";
import {
  autolink,
  entityLength,
  isSpace,
  labelEnd,
  normalizeLabel,
  safeUrl,
  scanDestination,
  scanTitle,
  skipSpaces,
} from "./markdown_links";
import { isPunct, trim } from "./text";

/** A piece of output: HTML, or a run of * or _ that may become emphasis tags. */
class Part {
  html: string;
  /** The delimiter character (* or _), 0 for HTML. */
  delimiter: i32 = 0;
  count: i32 = 0;
  original: i32 = 0;
  canOpen: bool = false;
  canClose: bool = false;
  /** Tags this run opened (after its remaining characters) and closed (before them). */
  opened: string = "";
  closed: string = "";

  constructor(html: string) {
    this.html = html;
  }

  render(): string {
    return this.delimiter == 0 ? this.html
      : this.closed + String.fromCharCode(this.delimiter).repeat(this.count) + this.opened;
  }
}

/** An opening [ or ![ waiting for its ]. */
class Bracket {
  part: i32;
  image: bool;
  /** Where the bracket's text starts in the source (after the [). */
  textStart: i32;
  /** The delimiter stack's height when the bracket opened. */
  delimiters: i32;
  active: bool = true;

  constructor(part: i32, image: bool, textStart: i32, delimiters: i32) {
    this.part = part;
    this.image = image;
    this.textStart = textStart;
    this.delimiters = delimiters;
  }
}

/** Turns one paragraph's or heading's text into HTML. */
class InlineParser {
  private parts: Part[] = new Array<Part>();
  private delimiters: Part[] = new Array<Part>();
  private brackets: Bracket[] = new Array<Bracket>();
  private s: string;
  private refs: Map<string, string[]>;
  /** Start of the plain text not yet written to `parts`. */
  private textStart: i32 = 0;

  constructor(s: string, refs: Map<string, string[]>) {
    this.s = s;
    this.refs = refs;
  }

  parse(): string {
    const s = this.s;
    let i = 0;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (c == 92) i = this.backslash(i);
      else if (c == 96) i = this.codeSpan(i);
      else if (c == 42 || c == 95) i = this.delimiterRun(i);
      else if (c == 91) i = this.openBracket(i, i + 1, false);
      else if (c == 33 && i + 1 < s.length && s.charCodeAt(i + 1) == 91) i = this.openBracket(i, i + 2, true);
      else if (c == 93) i = this.closeBracket(i);
      else if (c == 60) i = this.angle(i);
      else if (c == 38) i = this.entity(i);
      else if (c == 10) i = this.lineEnd(i);
      else i++;
    }
    this.flush(s.length);
    processEmphasis(this.delimiters, 0);
    return render(this.parts, 0);
  }

  /** Writes the plain text before `end` (escaped) and goes on at `next`. */
  private flush(end: i32, next: i32 = -1): void {
    if (end > this.textStart) {
      this.parts.push(new Part(escapeHtml(this.s.substring(this.textStart, end))));
    }
    this.textStart = next < 0 ? end : next;
  }

  private emit(html: string, at: i32, next: i32): i32 {
    this.flush(at, next);
    this.parts.push(new Part(html));
    return next;
  }

  private backslash(i: i32): i32 {
    const s = this.s;
    if (i + 1 < s.length && s.charCodeAt(i + 1) == 10) {
      return this.emit("<br />\n", i, skipIndent(s, i + 2));
    }
    if (i + 1 < s.length && isPunct(s.charCodeAt(i + 1))) {
      return this.emit(escapeHtml(s.charAt(i + 1)), i, i + 2);
    }
    return i + 1;
  }

  private codeSpan(i: i32): i32 {
    const s = this.s;
    const n = runLength(s, i);
    let j = i + n;
    while (j < s.length) {
      const close = s.indexOf("`".repeat(n), j);
      if (close < 0) {
        break;
      }
      const m = runLength(s, close);
      if (m == n) {
        let code = s.substring(i + n, close).replaceAll("\n", " ");
        if (code.length >= 2 && code.startsWith(" ") && code.endsWith(" ") && trim(code).length > 0) {
          code = code.substring(1, code.length - 1);
        }
        return this.emit("<code>" + escapeHtml(code) + "</code>", i, close + n);
      }
      j = close + m;
    }
    return i + n; // no closing run: the backticks are text
  }

  private delimiterRun(i: i32): i32 {
    const s = this.s;
    const c = s.charCodeAt(i);
    const n = runLength(s, i);
    const before = i == 0 ? 32 : s.charCodeAt(i - 1);
    const after = i + n >= s.length ? 32 : s.charCodeAt(i + n);
    const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
    const rightFlanking = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
    this.flush(i, i + n);
    const part = new Part("");
    part.delimiter = c;
    part.count = n;
    part.original = n;
    if (c == 42) {
      part.canOpen = leftFlanking;
      part.canClose = rightFlanking;
    } else {
      part.canOpen = leftFlanking && (!rightFlanking || isPunct(before));
      part.canClose = rightFlanking && (!leftFlanking || isPunct(after));
    }
    this.parts.push(part);
    this.delimiters.push(part);
    return i + n;
  }

  private openBracket(i: i32, next: i32, image: bool): i32 {
    this.emit(image ? "![" : "[", i, next);
    this.brackets.push(new Bracket(this.parts.length - 1, image, next, this.delimiters.length));
    return next;
  }

  private closeBracket(i: i32): i32 {
    if (this.brackets.length == 0) {
      return i + 1;
    }
    const opener = this.brackets.pop();
    if (!opener.active) {
      return i + 1;
    }
    const s = this.s;
    let destination = "";
    let title = "";
    let end = -1;
    if (i + 1 < s.length && s.charCodeAt(i + 1) == 40) { // (
      const inline = this.inlineLink(i + 2);
      if (inline != null) {
        destination = inline[0];
        title = inline[1];
        end = I32.parseInt(inline[2]);
      }
    }
    if (end < 0) {
      const labelClose = labelEnd(s, i + 1);
      let label = s.substring(opener.textStart, i);
      let after = i + 1;
      if (labelClose > i + 3) { // [text][label]
        label = s.substring(i + 2, labelClose - 1);
        after = labelClose;
      } else if (labelClose == i + 3) { // [text][]
        after = labelClose;
      }
      const key = label.length <= 999 ? normalizeLabel(label) : ""; // longer is no label (CommonMark)
      if (key.length > 0 && this.refs.has(key)) {
        const ref = this.refs.get(key);
        destination = ref[0];
        title = ref[1];
        end = after;
      }
    }
    if (end < 0) {
      return i + 1; // not a link: the brackets are text
    }
    this.flush(i, end);
    processEmphasis(this.delimiters, opener.delimiters);
    const inner = render(this.parts, opener.part + 1);
    this.parts.length = opener.part;
    const titleAttribute = title.length > 0 ? " title=\"" + escapeHtml(title) + "\"" : "";
    if (opener.image) {
      this.parts.push(new Part("<img src=\"" + safeUrl(destination, true) + "\" alt=\"" + stripTags(inner)
        + "\"" + titleAttribute + " />"));
    } else {
      this.parts.push(new Part("<a href=\"" + safeUrl(destination, false) + "\"" + titleAttribute + ">" + inner
        + "</a>"));
      for (let b = 0; b < this.brackets.length; b++) {
        if (!this.brackets[b].image) {
          this.brackets[b].active = false; // no links inside links
        }
      }
    }
    return end;
  }

  /** "(destination 'title')" from just after the "(": [destination, title, end], or null. */
  private inlineLink(i: i32): string[] | null {
    const s = this.s;
    let j = skipSpaces(s, i);
    let destination = "";
    let title = "";
    if (j < s.length && s.charCodeAt(j) != 41) {
      const scanned = scanDestination(s, j);
      if (scanned == null) {
        return null;
      }
      destination = scanned.value;
      const k = skipSpaces(s, scanned.end);
      j = k;
      if (k > scanned.end) {
        const scannedTitle = scanTitle(s, k);
        if (scannedTitle != null) {
          title = scannedTitle.value;
          j = skipSpaces(s, scannedTitle.end);
        }
      }
    }
    if (j >= s.length || s.charCodeAt(j) != 41) {
      return null;
    }
    return [destination, title, (j + 1).toString()];
  }

  private angle(i: i32): i32 {
    const link = autolink(this.s, i);
    return link == null ? i + 1 : this.emit(link.value, i, link.end);
  }

  private entity(i: i32): i32 {
    const length = entityLength(this.s, i);
    return length == 0 ? i + 1 : this.emit(this.s.substring(i, i + length), i, i + length);
  }

  /** A line end: a hard break after two spaces, else a soft one; the spaces and tabs around it are dropped. */
  private lineEnd(i: i32): i32 {
    const s = this.s;
    let start = i;
    while (start > this.textStart && (s.charCodeAt(start - 1) == 32 || s.charCodeAt(start - 1) == 9)) {
      start--;
    }
    const hard = i - start >= 2 && s.charCodeAt(i - 1) == 32 && s.charCodeAt(i - 2) == 32;
    return this.emit(hard ? "<br />\n" : "\n", start, skipIndent(s, i + 1));
  }
}

function skipIndent(s: string, i: i32): i32 {
  while (i < s.length && (s.charCodeAt(i) == 32 || s.charCodeAt(i) == 9)) {
    i++;
  }
  return i;
}

function runLength(s: string, i: i32): i32 {
  const c = s.charCodeAt(i);
  let n = 0;
  while (i + n < s.length && s.charCodeAt(i + n) == c) {
    n++;
  }
  return n;
}

export function render(parts: Part[], from: i32): string {
  const out = new Array<string>();
  for (let i = from; i < parts.length; i++) {
    out.push(parts[i].render());
  }
  return out.join("");
}

/**
 * CommonMark's "process emphasis" over the delimiter runs above `bottom`, which it then takes off the stack.
 * `lowest` remembers, per kind of closer, below which index no opener was found, so a search is not repeated
 * (the spec's openers_bottom: without it, runs that never match make the work quadratic).
 */
function processEmphasis(delimiters: Part[], bottom: i32): void {
  const lowest = new StaticArray<i32>(12).fill(bottom - 1);
  let c = bottom;
  while (c < delimiters.length) {
    const closer = delimiters[c];
    if (!closer.canClose) {
      c++;
      continue;
    }
    const kind = (closer.delimiter == 42 ? 0 : 6) + (closer.canOpen ? 3 : 0) + closer.original % 3;
    let found = -1;
    for (let o = c - 1; o > lowest[kind]; o--) {
      const opener = delimiters[o];
      const oddMatch = (opener.canClose || closer.canOpen) && (opener.original + closer.original) % 3 == 0
        && !(opener.original % 3 == 0 && closer.original % 3 == 0);
      if (opener.delimiter == closer.delimiter && opener.canOpen && !oddMatch) {
        found = o;
        break;
      }
    }
    if (found < 0) {
      lowest[kind] = c - 1;
      if (!closer.canOpen) {
        delimiters.splice(c, 1); // stays text
        lowest[kind] = c - 1;
      } else {
        c++;
      }
      continue;
    }
    const opener = delimiters[found];
    const strong = opener.count >= 2 && closer.count >= 2;
    const use = strong ? 2 : 1;
    opener.count -= use;
    closer.count -= use;
    opener.opened = (strong ? "<strong>" : "<em>") + opener.opened;
    closer.closed = closer.closed + (strong ? "</strong>" : "</em>");
    delimiters.splice(found + 1, c - found - 1); // runs between them stay text
    c = found + 1;
    if (opener.count == 0) {
      delimiters.splice(found, 1);
      c--;
    }
    if (closer.count == 0) {
      delimiters.splice(c, 1);
    }
    for (let k = 0; k < 12; k++) {
      lowest[k] = min(lowest[k], found - 1); // indexes above the match moved
    }
  }
  delimiters.length = bottom;
}

/** The HTML for Markdown inline text; `refs` holds the document's link reference definitions. */
export function parseInlines(text: string, refs: Map<string, string[]>): string {
  return new InlineParser(text, refs).parse();
}
