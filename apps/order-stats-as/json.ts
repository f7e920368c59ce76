// A small JSON reader with the rules of the C SDK's wedge_json_* (sdk/c/wedge_util.h), so that order-stats-as
// accepts and refuses the same payloads as order-stats: the text must be exactly one object (whitespace around it
// allowed), values are validated and nested arrays/objects skipped (up to 64 levels), the last member of a name
// wins, names are compared after decoding escapes, UTF-8 is not checked, a lone surrogate escape is invalid.

const MAX_DEPTH = 64;

/** The value of the last member of that name in a valid object: where it starts, or -1 (absent or invalid). */
class Found {
  valid: bool = false;
  start: i32 = -1;
}

/** Reads one JSON text (bytes); positions are byte offsets, -1 means "invalid here". */
class Reader {
  constructor(private readonly text: Uint8Array) {}

  at(p: i32): i32 {
    return p < this.text.length ? <i32>this.text[p] : 0;
  }

  skipWs(p: i32): i32 {
    while (this.at(p) == 0x20 || this.at(p) == 0x09 || this.at(p) == 0x0a || this.at(p) == 0x0d) p++;
    return p;
  }

  /** A string starting at its quote: the position after it; its decoded bytes go to `out` when not null. */
  string(p: i32, out: Array<u8> | null): i32 {
    p++;
    for (;;) {
      const c = this.at(p);
      if (p >= this.text.length || c < 0x20) return -1; // the end of the text, or a control character
      p++;
      if (c == 0x22) return p;
      if (c != 0x5c) {
        if (out !== null) out.push(<u8>c);
        continue;
      }
      const e = this.at(p++);
      let simple = -1;
      if (e == 0x22 || e == 0x5c || e == 0x2f) simple = e;
      else if (e == 0x62) simple = 0x08;
      else if (e == 0x66) simple = 0x0c;
      else if (e == 0x6e) simple = 0x0a;
      else if (e == 0x72) simple = 0x0d;
      else if (e == 0x74) simple = 0x09;
      else if (e != 0x75) return -1;
      if (simple >= 0) {
        if (out !== null) out.push(<u8>simple);
        continue;
      }
      let cp = this.hex4(p);
      if (cp < 0 || (cp >= 0xdc00 && cp <= 0xdfff)) return -1; // not hex, or a lone low surrogate
      p += 4;
      if (cp >= 0xd800 && cp <= 0xdbff) {
        const low = this.at(p) == 0x5c && this.at(p + 1) == 0x75 ? this.hex4(p + 2) : -1;
        if (low < 0xdc00 || low > 0xdfff) return -1;
        p += 6;
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
      }
      if (out !== null) putUtf8(out, cp);
    }
    return -1; // not reached (the loop only returns)
  }

  hex4(p: i32): i32 {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.at(p + i);
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      if (d < 0) return -1;
      value = (value << 4) | d;
    }
    return value;
  }

  digits(p: i32): i32 {
    while (this.at(p) >= 0x30 && this.at(p) <= 0x39) p++;
    return p;
  }

  /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  number(p: i32): i32 {
    if (this.at(p) == 0x2d) p++;
    if (this.at(p) == 0x30) p++;
    else if (this.digits(p) > p) p = this.digits(p);
    else return -1;
    if (this.at(p) == 0x2e) {
      if (this.digits(p + 1) == p + 1) return -1;
      p = this.digits(p + 1);
    }
    if (this.at(p) == 0x65 || this.at(p) == 0x45) {
      p++;
      if (this.at(p) == 0x2b || this.at(p) == 0x2d) p++;
      if (this.digits(p) == p) return -1;
      p = this.digits(p);
    }
    return p;
  }

  literal(p: i32, word: string): i32 {
    for (let i = 0; i < word.length; i++) {
      if (this.at(p + i) != word.charCodeAt(i)) return -1;
    }
    return p + word.length;
  }

  value(p: i32, depth: i32): i32 {
    const c = this.at(p);
    if (c == 0x22) return this.string(p, null);
    if (c == 0x7b || c == 0x5b) return this.container(p, depth);
    if (c == 0x74) return this.literal(p, "true");
    if (c == 0x66) return this.literal(p, "false");
    if (c == 0x6e) return this.literal(p, "null");
    return this.number(p);
  }

  container(p: i32, depth: i32): i32 {
    const close = this.at(p) == 0x5b ? 0x5d : 0x7d;
    if (depth >= MAX_DEPTH) return -1;
    p = this.skipWs(p + 1);
    if (this.at(p) == close) return p + 1;
    for (;;) {
      if (close == 0x7d) {
        if (this.at(p) != 0x22 || (p = this.string(p, null)) < 0) return -1;
        p = this.skipWs(p);
        if (this.at(p) != 0x3a) return -1;
        p = this.skipWs(p + 1);
      }
      if ((p = this.value(p, depth + 1)) < 0) return -1;
      p = this.skipWs(p);
      if (this.at(p) == close) return p + 1;
      if (this.at(p) != 0x2c) return -1;
      p = this.skipWs(p + 1);
    }
    return -1; // not reached (the loop only returns)
  }

  /** Validates the whole text as one object and finds the last member named `field` (UTF-8 bytes). */
  member(field: Uint8Array): Found {
    const found = new Found();
    let p = this.skipWs(0);
    if (this.at(p) != 0x7b) return found;
    p = this.skipWs(p + 1);
    if (this.at(p) == 0x7d) {
      found.valid = this.skipWs(p + 1) == this.text.length;
      return found;
    }
    for (;;) {
      const name = new Array<u8>();
      if (this.at(p) != 0x22 || (p = this.string(p, name)) < 0) return found;
      p = this.skipWs(p);
      if (this.at(p) != 0x3a) return found;
      p = this.skipWs(p + 1);
      const start = p;
      if ((p = this.value(p, 1)) < 0) return found;
      if (sameBytes(name, field)) found.start = start;
      p = this.skipWs(p);
      if (this.at(p) == 0x7d) {
        found.valid = this.skipWs(p + 1) == this.text.length;
        return found;
      }
      if (this.at(p) != 0x2c) return found;
      p = this.skipWs(p + 1);
    }
    return found; // not reached (the loop only returns)
  }
}

function sameBytes(a: Array<u8>, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

function putUtf8(out: Array<u8>, cp: i32): void {
  if (cp < 0x80) {
    out.push(<u8>cp);
  } else if (cp < 0x800) {
    out.push(<u8>(0xc0 | (cp >> 6)));
    out.push(<u8>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push(<u8>(0xe0 | (cp >> 12)));
    out.push(<u8>(0x80 | ((cp >> 6) & 0x3f)));
    out.push(<u8>(0x80 | (cp & 0x3f)));
  } else {
    out.push(<u8>(0xf0 | (cp >> 18)));
    out.push(<u8>(0x80 | ((cp >> 12) & 0x3f)));
    out.push(<u8>(0x80 | ((cp >> 6) & 0x3f)));
    out.push(<u8>(0x80 | (cp & 0x3f)));
  }
}

function find(json: Uint8Array, field: string): Found {
  return new Reader(json).member(Uint8Array.wrap(String.UTF8.encode(field)));
}

/** Member `field` of the object `json` when it is a string, decoded to bytes; null otherwise (or invalid text). */
export function jsonString(json: Uint8Array, field: string): Uint8Array | null {
  const found = find(json, field);
  if (!found.valid || found.start < 0 || json[found.start] != 0x22) return null;
  const bytes = new Array<u8>();
  new Reader(json).string(found.start, bytes);
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
  return out;
}

/** Member `field` of the object `json` when it is a number; NaN otherwise (or invalid text). */
export function jsonNumber(json: Uint8Array, field: string): f64 {
  const found = find(json, field);
  if (!found.valid || found.start < 0) return NaN;
  const c = json[found.start];
  if (c != 0x2d && (c < 0x30 || c > 0x39)) return NaN;
  const end = new Reader(json).number(found.start);
  return parseFloat(String.UTF8.decode(json.slice(found.start, end).buffer));
}

/** `text` as a JSON string literal, quotes included. */
export function jsonQuote(text: string): string {
  let out = "\"";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 0x22) out += "\\\"";
    else if (c == 0x5c) out += "\\\\";
    else if (c < 0x20) out += "\\u00" + (c < 0x10 ? "0" : "") + c.toString(16);
    else out += text.charAt(i);
  }
  return out + "\"";
}
