// A forgiving HTML tokenizer for html2md: text, start tags with their attributes, end tags; comments, doctypes
// and processing instructions are skipped. Not a full HTML5 parser (no tree repair): html2md only needs the
// sequence of tags, and a stray "<" that opens no tag is text.

export enum TokenKind { Text, Start, End }

export class Token {
  kind: TokenKind;
  /** The tag name, lower case ("" for text). */
  name: string;
  /** The text, raw (entities not decoded), for Text. */
  text: string;
  attributes: Map<string, string>;
  selfClosing: bool;

  constructor(kind: TokenKind, name: string, text: string, attributes: Map<string, string>, selfClosing: bool) {
    this.kind = kind;
    this.name = name;
    this.text = text;
    this.attributes = attributes;
    this.selfClosing = selfClosing;
  }
}

function isNameChar(c: i32): bool {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 45 || c == 58 || c == 95;
}

function isSpace(c: i32): bool {
  return c == 32 || c == 9 || c == 10 || c == 13 || c == 12;
}

/** The tokens of `html`. The content of script and style elements is skipped whole, as their end tag ends it. */
export function tokenize(html: string): Token[] {
  const tokens = new Array<Token>();
  const none = new Map<string, string>();
  let i = 0;
  let textFrom = 0;
  const n = html.length;
  while (i < n) {
    if (html.charCodeAt(i) != 60) { // <
      i++;
      continue;
    }
    const next = i + 1 < n ? html.charCodeAt(i + 1) : 0;
    let end = -1;
    if (next == 33 || next == 63) { // <! or <?: comment, doctype, CDATA, processing instruction
      end = html.startsWith("<!--", i) ? html.indexOf("-->", i + 4) : html.indexOf(">", i);
      if (end >= 0 && html.startsWith("<!--", i)) end += 2;
      if (end < 0) end = n - 1;
      if (i > textFrom) tokens.push(new Token(TokenKind.Text, "", html.substring(textFrom, i), none, false));
      i = end + 1;
      textFrom = i;
      continue;
    }
    const closing = next == 47; // </
    let j = closing ? i + 2 : i + 1;
    const nameFrom = j;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    if (j == nameFrom || !((html.charCodeAt(nameFrom) | 32) >= 97 && (html.charCodeAt(nameFrom) | 32) <= 122)) {
      i++; // "<" that opens no tag: text
      continue;
    }
    const name = html.substring(nameFrom, j).toLowerCase();
    const attributes = new Map<string, string>();
    let selfClosing = false;
    // Attributes: name, name=value, name="value", name='value', until ">".
    while (j < n && html.charCodeAt(j) != 62) {
      const c = html.charCodeAt(j);
      if (isSpace(c)) { j++; continue; }
      if (c == 47) { selfClosing = true; j++; continue; }
      const attrFrom = j;
      while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) != 62 && html.charCodeAt(j) != 61
        && html.charCodeAt(j) != 47) j++;
      const attrName = html.substring(attrFrom, j).toLowerCase();
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      let value = "";
      if (j < n && html.charCodeAt(j) == 61) { // =
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        const quote = j < n ? html.charCodeAt(j) : 0;
        if (quote == 34 || quote == 39) {
          const close = html.indexOf(String.fromCharCode(quote), j + 1);
          const stop = close < 0 ? n : close;
          value = html.substring(j + 1, stop);
          j = stop + 1;
        } else {
          const valueFrom = j;
          while (j < n && !isSpace(html.charCodeAt(j)) && html.charCodeAt(j) != 62) j++;
          value = html.substring(valueFrom, j);
        }
      }
      if (attrName.length > 0 && !attributes.has(attrName)) attributes.set(attrName, value);
      if (attrName.length == 0) j++;
    }
    if (i > textFrom) tokens.push(new Token(TokenKind.Text, "", html.substring(textFrom, i), none, false));
    tokens.push(new Token(closing ? TokenKind.End : TokenKind.Start, name, "", attributes, selfClosing));
    i = j + 1;
    textFrom = i;
    if (!closing && (name == "script" || name == "style")) {
      const close = html.toLowerCase().indexOf("</" + name, i);
      i = close < 0 ? n : close;
      textFrom = i;
    }
  }
  if (n > textFrom) tokens.push(new Token(TokenKind.Text, "", html.substring(textFrom, n), none, false));
  return tokens;
}

/** Text with its character references decoded (the common named ones and every numeric one). */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  let out = "";
  let from = 0;
  let i = text.indexOf("&");
  while (i >= 0) {
    const semi = text.indexOf(";", i);
    let decoded: string | null = null;
    if (semi > i + 1 && semi - i <= 10) {
      decoded = entity(text.substring(i + 1, semi));
    }
    if (decoded !== null) {
      out += text.substring(from, i) + decoded;
      from = semi + 1;
      i = text.indexOf("&", from);
    } else {
      i = text.indexOf("&", i + 1);
    }
  }
  return out + text.substring(from);
}

function entity(name: string): string | null {
  if (name.startsWith("#")) {
    const hex = name.startsWith("#x") || name.startsWith("#X");
    const digits = name.substring(hex ? 2 : 1);
    if (digits.length == 0) return null;
    let code: i32 = 0;
    for (let k = 0; k < digits.length; k++) {
      const c = digits.charCodeAt(k) | (hex ? 32 : 0);
      const v = c >= 48 && c <= 57 ? c - 48 : (hex && c >= 97 && c <= 102 ? c - 87 : -1);
      if (v < 0 || code > 0x10ffff) return null;
      code = code * (hex ? 16 : 10) + v;
    }
    return code == 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? "\uFFFD" : String.fromCodePoint(code);
  }
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  if (name == "nbsp") return "\u00A0";
  if (name == "copy") return "\u00A9";
  if (name == "reg") return "\u00AE";
  if (name == "trade") return "\u2122";
  if (name == "hellip") return "\u2026";
  if (name == "mdash") return "\u2014";
  if (name == "ndash") return "\u2013";
  if (name == "lsquo") return "\u2018";
  if (name == "rsquo") return "\u2019";
  if (name == "ldquo") return "\u201C";
  if (name == "rdquo") return "\u201D";
  if (name == "euro") return "\u20AC";
  return null;
}
