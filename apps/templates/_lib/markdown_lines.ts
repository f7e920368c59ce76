// Markdown lines: what a line starts (a heading, a fence, a list item, a quote) and its indentation in columns
// (tabs stop every 4 columns, as in CommonMark), for the block parser.
import { trim } from "./text";

/** The column after character `c` at `column`: a tab goes to the next multiple of 4 (CommonMark's tab stops). */
function advance(column: i32, c: i32): i32 {
  return c == 9 ? column + 4 - (column % 4) : column + 1;
}

/**
 * `line` without its first `columns` columns; a tab cut in two leaves its remaining columns as spaces. Tabs are
 * kept where nothing cuts them, so code keeps its tabs.
 */
export function dropColumns(line: string, columns: i32): string {
  let column = 0;
  let i = 0;
  while (i < line.length && column < columns) {
    column = advance(column, line.charCodeAt(i));
    i++;
  }
  return column > columns ? " ".repeat(column - columns) + line.substring(i) : line.substring(i);
}

/** Where the line's leading spaces and tabs end (a character index). */
function firstNonSpace(line: string): i32 {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) == 32 || line.charCodeAt(i) == 9)) {
    i++;
  }
  return i;
}

/** The line after its indentation. */
export function afterIndent(line: string): string {
  return line.substring(firstNonSpace(line));
}

export function isBlank(line: string): bool {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c != 32 && c != 9) {
      return false;
    }
  }
  return true;
}

/** The width of the line's indentation, in columns. */
export function indentOf(line: string): i32 {
  let column = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c != 32 && c != 9) {
      break;
    }
    column = advance(column, c);
  }
  return column;
}

/** The level of an ATX heading ("## Title"), 0 when `s` (indentation removed) is not one. */
export function atxLevel(s: string): i32 {
  let level = 0;
  while (level < s.length && s.charCodeAt(level) == 35) {
    level++;
  }
  if (level == 0 || level > 6) {
    return 0;
  }
  return level == s.length || s.charCodeAt(level) == 32 || s.charCodeAt(level) == 9 ? level : 0;
}

/** An ATX heading's text: without the opening and any closing run of #. */
export function atxText(s: string, level: i32): string {
  let text = trim(s.substring(level));
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) == 35) {
    end--;
  }
  if (end == 0) {
    return "";
  }
  if (end < text.length && (text.charCodeAt(end - 1) == 32 || text.charCodeAt(end - 1) == 9)) {
    text = trim(text.substring(0, end));
  }
  return text;
}

/** Three or more of one of - * _ and nothing else but spaces. */
export function isRule(s: string): bool {
  let marker = 0;
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 32 || c == 9) {
      continue;
    }
    if (c != 45 && c != 42 && c != 95) {
      return false;
    }
    if (marker == 0) {
      marker = c;
    } else if (c != marker) {
      return false;
    }
    count++;
  }
  return count >= 3;
}

/** 1 for a "===" underline, 2 for "---", else 0 (`line` as written). */
export function setextLevel(line: string): i32 {
  if (indentOf(line) > 3) {
    return 0;
  }
  const s = trim(line);
  if (s.length == 0) {
    return 0;
  }
  const c = s.charCodeAt(0);
  if (c != 61 && c != 45) {
    return 0;
  }
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) != c) {
      return 0;
    }
  }
  return c == 61 ? 1 : 2;
}

/** The length of an opening code fence (``` or ~~~, 3 or more), 0 when `s` is not one. */
export function fenceLength(s: string): i32 {
  if (s.length < 3) {
    return 0;
  }
  const c = s.charCodeAt(0);
  if (c != 96 && c != 126) {
    return 0;
  }
  let n = 0;
  while (n < s.length && s.charCodeAt(n) == c) {
    n++;
  }
  if (n < 3 || (c == 96 && s.indexOf("`", n) >= 0)) {
    return 0; // a backtick fence's info string holds no backtick
  }
  return n;
}

/** A list item's marker: what kind, and where its content starts. */
export class Marker {
  ordered: bool = false;
  /** The bullet (- + *) or the delimiter after the number (. or )). */
  symbol: i32 = 0;
  start: i32 = 1;
  /** The column where the item's content starts: lines indented this far continue the item. */
  contentColumn: i32 = 0;
  /** Nothing follows the marker on its line. */
  empty: bool = false;
}

export function listMarker(line: string): Marker | null {
  const indent = firstNonSpace(line);
  if (indentOf(line) > 3 || indent >= line.length) {
    return null;
  }
  const marker = new Marker();
  let end = indent;
  const c = line.charCodeAt(indent);
  if (c == 45 || c == 43 || c == 42) {
    marker.symbol = c;
    end = indent + 1;
  } else {
    while (end < line.length && end - indent < 10 && line.charCodeAt(end) >= 48 && line.charCodeAt(end) <= 57) {
      end++;
    }
    if (end == indent || end - indent > 9 || end >= line.length) {
      return null;
    }
    const delimiter = line.charCodeAt(end);
    if (delimiter != 46 && delimiter != 41) {
      return null;
    }
    marker.ordered = true;
    marker.symbol = delimiter;
    marker.start = I32.parseInt(line.substring(indent, end));
    end++;
  }
  if (end < line.length && line.charCodeAt(end) != 32 && line.charCodeAt(end) != 9) {
    return null; // "-foo" or "1.5" is text
  }
  const markerEnd = indentOf(line) + end - indent; // a column
  if (isBlank(line.substring(end))) {
    marker.empty = true;
    marker.contentColumn = markerEnd + 1;
    return marker;
  }
  let column = markerEnd;
  for (let i = end; i < line.length && (line.charCodeAt(i) == 32 || line.charCodeAt(i) == 9); i++) {
    column = advance(column, line.charCodeAt(i));
  }
  // Five or more columns of space after the marker: the content is indented code one column after it.
  marker.contentColumn = column - markerEnd > 4 ? markerEnd + 1 : column;
  return marker;
}

/** A block quote line's content: after the > and one column of space; null when `line` is no such line. */
export function quoteContent(line: string): string | null {
  const at = firstNonSpace(line);
  if (indentOf(line) > 3 || at >= line.length || line.charCodeAt(at) != 62) { // >
    return null;
  }
  const column = indentOf(line) + 1;
  const next = at + 1 < line.length ? line.charCodeAt(at + 1) : 0;
  return dropColumns(line, next == 32 || next == 9 ? column + 1 : column);
}

/** Whether `line` starts a block that ends a paragraph (a setext underline is checked before). */
export function interruptsParagraph(line: string): bool {
  if (indentOf(line) > 3) {
    return false;
  }
  const s = afterIndent(line);
  if (atxLevel(s) > 0 || fenceLength(s) > 0 || s.startsWith(">") || isRule(s)) {
    return true;
  }
  const marker = listMarker(line);
  return marker != null && !marker.empty && (!marker.ordered || marker.start == 1);
}

/** Whether a line may lazily continue a paragraph that `previous` (a container's last line) belongs to. */
export function lazyContinues(previous: string, line: string): bool {
  if (isBlank(previous) || isBlank(line) || interruptsParagraph(line)) {
    return false;
  }
  const s = innermost(previous);
  return s.length > 0 && indentOf(s) < 4 && fenceLength(s) == 0 && atxLevel(s) == 0 && !isRule(s);
}

/** A line that lazily continues a paragraph: only text, so "===" is escaped (it underlines nothing there). */
export function lazyLine(line: string): string {
  const s = line.trimStart();
  return setextLevel(s) == 1 ? "\\" + s : s;
}

/** A container's line without the block quote and list markers of the containers nested in it. */
function innermost(line: string): string {
  let s = line;
  while (true) {
    const marker = listMarker(s);
    if (quoteContent(s) != null) {
      s = quoteContent(s)!;
    } else if (marker != null && !isRule(afterIndent(s))) {
      s = marker.empty ? "" : dropColumns(s, marker.contentColumn);
    } else {
      return s;
    }
  }
}
