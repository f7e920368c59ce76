// Markdown's block structure (CommonMark's, simplified): lines become blocks; a block quote's or a list item's
// lines are collected without their markers and parsed again as blocks of their own.
import {
  Marker,
  afterIndent,
  atxLevel,
  atxText,
  dropColumns,
  fenceLength,
  indentOf,
  interruptsParagraph,
  isBlank,
  isRule,
  lazyContinues,
  lazyLine,
  listMarker,
  quoteContent,
  setextLevel,
} from "./markdown_lines";
import { normalizeLabel, parseLinkDefinition } from "./markdown_links";
import { isPunct, trim } from "./text";

export enum BlockKind {
  Paragraph,
  Heading,
  Code,
  Rule,
  Quote,
  List,
}

export class Block {
  kind: BlockKind;
  /** Inline source of a paragraph or heading; the content of a code block. */
  text: string = "";
  /** A heading's level. */
  level: i32 = 0;
  /** A fenced code block's language (the info string's first word). */
  info: string = "";
  /** A block quote's blocks. */
  children: Block[] = new Array<Block>();
  /** A list's items, each its blocks. */
  items: Array<Block[]> = new Array<Block[]>();
  ordered: bool = false;
  start: i32 = 1;
  tight: bool = true;
  /** A blank line came before it in its container (makes a list loose when between an item's blocks). */
  blankBefore: bool = false;

  constructor(kind: BlockKind) {
    this.kind = kind;
  }
}

class MarkdownDocument {
  blocks: Block[];
  /** Link reference definitions: normalized label -> [destination, title]. */
  refs: Map<string, string[]>;

  constructor(blocks: Block[], refs: Map<string, string[]>) {
    this.blocks = blocks;
    this.refs = refs;
  }
}

export function parseDocument(source: string): MarkdownDocument {
  const refs = new Map<string, string[]>();
  const lines = source.replaceAll("\r\n", "\n").replaceAll("\r", "\n").replaceAll("\0", "\uFFFD").split("\n");
  if (lines.length > 0 && lines[lines.length - 1].length == 0) {
    lines.pop(); // the newline that ends the last line
  }
  return new MarkdownDocument(parseBlocks(lines, refs, 0), refs);
}

/** Block quotes and lists nest this deep at most (deeper markers are text): the parser recurses per level. */
const MAX_DEPTH = 32;

function parseBlocks(lines: string[], refs: Map<string, string[]>, depth: i32): Block[] {
  const blocks = new Array<Block>();
  let i = 0;
  let blank = false;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      blank = true;
      i++;
      continue;
    }
    const indent = indentOf(line);
    const s = afterIndent(line);
    let block: Block | null = null;
    if (indent >= 4) {
      block = new Block(BlockKind.Code);
      i = indentedCode(lines, i, block);
    } else if (fenceLength(s) > 0) {
      block = new Block(BlockKind.Code);
      i = fencedCode(lines, i, block);
    } else if (atxLevel(s) > 0) {
      block = new Block(BlockKind.Heading);
      block.level = atxLevel(s);
      block.text = atxText(s, block.level);
      i++;
    } else if (isRule(s)) {
      block = new Block(BlockKind.Rule);
      i++;
    } else if (s.startsWith(">") && depth < MAX_DEPTH) {
      block = new Block(BlockKind.Quote);
      i = quote(lines, i, block, refs, depth + 1);
    } else if (listMarker(line) != null && depth < MAX_DEPTH) {
      block = new Block(BlockKind.List);
      i = list(lines, i, block, refs, depth + 1);
    } else {
      const paragraph = new Block(BlockKind.Paragraph);
      i = paragraphOrSetext(lines, i, paragraph, refs);
      if (paragraph.text.length > 0 || paragraph.kind == BlockKind.Heading) {
        block = paragraph;
      }
    }
    if (block != null) {
      block.blankBefore = blank && blocks.length > 0;
      blocks.push(block);
    }
    blank = false;
  }
  return blocks;
}

function indentedCode(lines: string[], from: i32, block: Block): i32 {
  const content = new Array<string>();
  let i = from;
  while (i < lines.length && (isBlank(lines[i]) || indentOf(lines[i]) >= 4)) {
    content.push(dropColumns(lines[i], 4));
    i++;
  }
  while (content.length > 0 && isBlank(content[content.length - 1])) {
    content.pop();
    i--;
  }
  block.text = content.join("\n") + "\n";
  return i;
}

function fencedCode(lines: string[], from: i32, block: Block): i32 {
  const indent = indentOf(lines[from]);
  const opening = afterIndent(lines[from]);
  const length = fenceLength(opening);
  const fence = opening.charAt(0);
  const info = trim(opening.substring(length));
  const space = info.indexOf(" ");
  block.info = unescapeInfo(space < 0 ? info : info.substring(0, space));
  const content = new Array<string>();
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i];
    const s = line.trimStart();
    if (indentOf(line) < 4 && s.startsWith(fence.repeat(length)) && isClosingFence(s.trimEnd(), fence)) {
      i++;
      break;
    }
    content.push(dropColumns(line, min(indent, indentOf(line))));
    i++;
  }
  block.text = content.length == 0 ? "" : content.join("\n") + "\n";
  return i;
}

function isClosingFence(s: string, fence: string): bool {
  for (let i = 0; i < s.length; i++) {
    if (s.charAt(i) != fence) {
      return false;
    }
  }
  return true;
}

/** An info string's backslash escapes removed ("c\+\+" is "c++"). */
function unescapeInfo(info: string): string {
  let out = "";
  for (let i = 0; i < info.length; i++) {
    const c = info.charAt(i);
    if (c == "\\" && i + 1 < info.length && isPunct(info.charCodeAt(i + 1))) {
      continue;
    }
    out += c;
  }
  return out;
}

export function quote(lines: string[], from: i32, block: Block, refs: Map<string, string[]>, depth: i32): i32 {
  const inner = new Array<string>();
  let i = from;
  while (i < lines.length) {
    const line = lines[i];
    const content = quoteContent(line);
    if (content != null) {
      inner.push(content);
    } else if (inner.length > 0 && lazyContinues(inner[inner.length - 1], line)) {
      inner.push(lazyLine(line));
    } else {
      break;
    }
    i++;
  }
  block.children = parseBlocks(inner, refs, depth);
  return i;
}

function sameList(a: Marker, b: Marker): bool {
  return a.ordered == b.ordered && a.symbol == b.symbol;
}

export function list(lines: string[], from: i32, block: Block, refs: Map<string, string[]>, depth: i32): i32 {
  let marker = listMarker(lines[from])!;
  block.ordered = marker.ordered;
  block.start = marker.start;
  let loose = false;
  let i = from;
  while (true) {
    const width = marker.contentColumn;
    const first = lines[i];
    const content = new Array<string>();
    content.push(marker.empty ? "" : dropColumns(first, width));
    i++;
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        if (marker.empty && content.length == 1) {
          break; // an item starts with at most one blank line: "-" then a blank ends it
        }
        content.push("");
      } else if (indentOf(line) >= width) {
        content.push(dropColumns(line, width));
      } else if (listMarker(line) == null && lazyContinues(content[content.length - 1], line)) {
        content.push(lazyLine(line));
      } else {
        break;
      }
      i++;
    }
    let trailingBlanks = 0;
    while (content.length > 1 && isBlank(content[content.length - 1])) {
      content.pop();
      trailingBlanks++;
    }
    const item = parseBlocks(content, refs, depth);
    for (let b = 1; b < item.length; b++) {
      if (item[b].blankBefore) {
        loose = true;
      }
    }
    block.items.push(item);
    if (i >= lines.length) {
      break;
    }
    const next = listMarker(lines[i]);
    if (next == null || !sameList(marker, next) || isRule(afterIndent(lines[i]))) {
      i -= trailingBlanks; // blank lines after the list are not the list's
      break;
    }
    if (trailingBlanks > 0) {
      loose = true;
    }
    marker = next;
  }
  block.tight = !loose;
  return i;
}

/**
 * A paragraph from `from` on, ended by a blank line or a block that interrupts it; a setext underline makes it a
 * heading. Link reference definitions at its start are taken out into `refs`.
 */
function paragraphOrSetext(lines: string[], from: i32, block: Block, refs: Map<string, string[]>): i32 {
  const text = new Array<string>();
  text.push(lines[from].trimStart());
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      break;
    }
    const level = setextLevel(line);
    if (level > 0) {
      const remaining = takeDefinitions(text.join("\n"), refs);
      if (remaining.length > 0) {
        block.kind = BlockKind.Heading;
        block.level = level;
        block.text = trim(remaining);
        return i + 1;
      }
      block.text = "";
      return i; // only definitions: the underline is read again as what it is alone
    }
    if (interruptsParagraph(line)) {
      break;
    }
    text.push(line.trimStart());
    i++;
  }
  block.text = takeDefinitions(text.join("\n"), refs).trimEnd();
  return i;
}

/** `text` without the link reference definitions it starts with, which go into `refs` (the first one wins). */
function takeDefinitions(text: string, refs: Map<string, string[]>): string {
  let rest = text;
  while (rest.startsWith("[")) {
    const definition = parseLinkDefinition(rest);
    if (definition == null) {
      break;
    }
    const label = normalizeLabel(definition.label);
    if (label.length > 0 && !refs.has(label)) {
      refs.set(label, [definition.destination, definition.title]);
    }
    rest = rest.substring(definition.length);
  }
  return rest;
}
