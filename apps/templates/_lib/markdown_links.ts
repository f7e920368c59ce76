// Markdown links: destinations, titles, reference definitions and labels, autolinks, entities, and URLs made
// safe for an attribute.
import { escapeHtml } from "./html";
import { isPunct, trim } from "./text";

/** A link reference definition: `[label]: destination "title"`. */
export class LinkDefinition {
  label: string = "";
  destination: string = "";
  title: string = "";
  /** Characters the definition took, its line end included. */
  length: i32 = 0;
}

/** What was read from the source (a destination, a title, an autolink as HTML), and where the reading stopped. */
class Scanned {
  value: string;
  end: i32;

  constructor(value: string, end: i32) {
    this.value = value;
    this.end = end;
  }
}

export function isSpace(c: i32): bool {
  return c == 32 || c == 9 || c == 10 || c == 12 || c == 13;
}

function isAlnum(c: i32): bool {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Where the spaces and tabs (and at most one line end) from `i` end. */
export function skipSpaces(s: string, i: i32): i32 {
  let newlines = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) {
    if (s.charCodeAt(i) == 10 && ++newlines > 1) {
      break;
    }
    i++;
  }
  return i;
}

/** A label for matching references: trimmed, inner whitespace collapsed to one space, case folded. */
export function normalizeLabel(label: string): string {
  const words = new Array<string>();
  let from = -1;
  for (let i = 0; i <= label.length; i++) {
    const space = i == label.length || isSpace(label.charCodeAt(i));
    if (space && from >= 0) {
      words.push(label.substring(from, i));
      from = -1;
    } else if (!space && from < 0) {
      from = i;
    }
  }
  return words.join(" ").toLowerCase();
}

/** Backslash escapes removed: "\*" is "*". */
function unescape(s: string): string {
  if (s.indexOf("\\") < 0) {
    return s;
  }
  const parts = new Array<string>();
  let from = 0;
  for (let i = 0; i + 1 < s.length; i++) {
    if (s.charCodeAt(i) == 92 && isPunct(s.charCodeAt(i + 1))) {
      parts.push(s.substring(from, i));
      from = i + 1;
      i++;
    }
  }
  parts.push(s.substring(from));
  return parts.join("");
}

/** The end of a link label "[...]" starting at `i` (the index after ]), or -1. */
export function labelEnd(s: string, i: i32): i32 {
  if (i >= s.length || s.charCodeAt(i) != 91) {
    return -1;
  }
  for (let j = i + 1; j < s.length && j - i <= 1000; j++) {
    const c = s.charCodeAt(j);
    if (c == 92) {
      j++;
    } else if (c == 91) {
      return -1;
    } else if (c == 93) {
      return j + 1;
    }
  }
  return -1;
}

/** A link destination at `i`: <...> or a run without spaces and with balanced parentheses. */
export function scanDestination(s: string, i: i32): Scanned | null {
  if (i < s.length && s.charCodeAt(i) == 60) { // <
    for (let j = i + 1; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c == 92) {
        j++;
      } else if (c == 10 || c == 60) {
        return null;
      } else if (c == 62) {
        return new Scanned(unescape(s.substring(i + 1, j)), j + 1);
      }
    }
    return null;
  }
  let depth = 0;
  let j = i;
  for (; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c == 92 && j + 1 < s.length && isPunct(s.charCodeAt(j + 1))) {
      j++;
    } else if (c == 40) {
      depth++;
    } else if (c == 41) {
      if (depth == 0) {
        break;
      }
      depth--;
    } else if (c <= 32) {
      break;
    }
  }
  return j == i || depth != 0 ? null : new Scanned(unescape(s.substring(i, j)), j);
}

/** A link title at `i`: "...", '...' or (...). */
export function scanTitle(s: string, i: i32): Scanned | null {
  if (i >= s.length) {
    return null;
  }
  const open = s.charCodeAt(i);
  const close = open == 40 ? 41 : open;
  if (open != 34 && open != 39 && open != 40) {
    return null;
  }
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c == 92) {
      j++;
    } else if (c == close) {
      return new Scanned(unescape(s.substring(i + 1, j)), j + 1);
    } else if (open == 40 && c == 40) {
      return null;
    }
  }
  return null;
}

/** A link reference definition at the start of `s` ("[label]: /url 'title'" and its line end), or null. */
export function parseLinkDefinition(s: string): LinkDefinition | null {
  const end = labelEnd(s, 0);
  if (end < 0 || end >= s.length || s.charCodeAt(end) != 58) { // :
    return null;
  }
  const destination = scanDestination(s, skipSpaces(s, end + 1));
  if (destination == null) {
    return null;
  }
  const definition = new LinkDefinition();
  definition.label = s.substring(1, end - 1);
  definition.destination = destination.value;
  const afterDestination = lineEndAfter(s, destination.end);
  const titleStart = skipSpaces(s, destination.end);
  const title = titleStart > destination.end ? scanTitle(s, titleStart) : null;
  if (title != null && lineEndAfter(s, title.end) >= 0) {
    definition.title = title.value;
    definition.length = lineEndAfter(s, title.end);
    return definition;
  }
  if (afterDestination < 0) {
    return null;
  }
  definition.length = afterDestination;
  return definition;
}

/** Past the line end when only spaces follow `i` on its line (the text's end counts), else -1. */
function lineEndAfter(s: string, i: i32): i32 {
  while (i < s.length && (s.charCodeAt(i) == 32 || s.charCodeAt(i) == 9)) {
    i++;
  }
  if (i == s.length) {
    return i;
  }
  return s.charCodeAt(i) == 10 ? i + 1 : -1;
}

/** A URL for an attribute: unsafe schemes disabled, characters outside URLs percent-encoded, HTML-escaped. */
export function safeUrl(url: string, image: bool): string {
  const lower = trim(url).toLowerCase();
  if (lower.startsWith("javascript:") || lower.startsWith("vbscript:")
    || (lower.startsWith("data:") && !(image && lower.startsWith("data:image/")))) {
    return "";
  }
  const parts = new Array<string>();
  const bytes = Uint8Array.wrap(String.UTF8.encode(url));
  const hex = "0123456789ABCDEF";
  let from = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = <i32>bytes[i];
    if (isAlnum(b) || "-_.!~*'();/?:@&=+$,%#".indexOf(String.fromCharCode(b)) >= 0) {
      continue;
    }
    parts.push(String.UTF8.decode(bytes.slice(from, i).buffer));
    parts.push("%" + hex.charAt(b >> 4) + hex.charAt(b & 15));
    from = i + 1;
  }
  parts.push(String.UTF8.decode(bytes.slice(from).buffer));
  return escapeHtml(parts.join(""));
}

/** The length of an entity (&amp; &#123; &#x1F;) at `i`, 0 when there is none. */
export function entityLength(s: string, i: i32): i32 {
  let j = i + 1;
  if (j < s.length && s.charCodeAt(j) == 35) { // #
    j++;
    const hexadecimal = j < s.length && (s.charCodeAt(j) == 120 || s.charCodeAt(j) == 88);
    if (hexadecimal) {
      j++;
    }
    const start = j;
    while (j < s.length && j - start < 8 && (hexadecimal ? isHexDigit(s.charCodeAt(j)) : isDigit(s.charCodeAt(j)))) {
      j++;
    }
    const digits = j - start;
    if (digits == 0 || digits > (hexadecimal ? 6 : 7)) {
      return 0;
    }
  } else {
    const start = j;
    while (j < s.length && j - start < 33 && isAlnum(s.charCodeAt(j))) {
      j++;
    }
    if (j - start < 2) {
      return 0;
    }
  }
  return j < s.length && s.charCodeAt(j) == 59 ? j + 1 - i : 0;
}

function isDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: i32): bool {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** An autolink <scheme:...> or <user@host> at `i`: its HTML and end, or null. */
export function autolink(s: string, i: i32): Scanned | null {
  const close = s.indexOf(">", i);
  if (close < 0) {
    return null;
  }
  const inner = s.substring(i + 1, close);
  for (let j = 0; j < inner.length; j++) {
    const c = inner.charCodeAt(j);
    if (c <= 32 || c == 60) {
      return null;
    }
  }
  const colon = inner.indexOf(":");
  if (colon >= 2 && colon <= 32 && isScheme(inner.substring(0, colon))) {
    return new Scanned("<a href=\"" + safeUrl(inner, false) + "\">" + escapeHtml(inner) + "</a>", close + 1);
  }
  if (isEmail(inner)) {
    return new Scanned("<a href=\"mailto:" + safeUrl(inner, false) + "\">" + escapeHtml(inner) + "</a>", close + 1);
  }
  return null;
}

function isScheme(scheme: string): bool {
  const first = scheme.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) {
    return false;
  }
  for (let i = 1; i < scheme.length; i++) {
    const c = scheme.charCodeAt(i);
    if (!isAlnum(c) && c != 43 && c != 46 && c != 45) {
      return false;
    }
  }
  return true;
}

function isEmail(s: string): bool {
  const at = s.indexOf("@");
  if (at <= 0 || at == s.length - 1 || s.indexOf("@", at + 1) >= 0) {
    return false;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isAlnum(c) && ".-_+@!#$%&'*/=?^`{|}~".indexOf(String.fromCharCode(c)) < 0) {
      return false;
    }
  }
  return s.charCodeAt(at + 1) != 46 && s.charCodeAt(s.length - 1) != 46;
}
