import * as raw from "./raw";
import {
  Header, OUT, Utf8, argLen, argPtr, optionalString, parseHeaderMap, readBody, readOut, requiredString, setArg,
} from "./buffers";
import { Status, fail, statusName } from "./status";

/** The request being handled (http apps). */
export class Request {
  /** The method, e.g. "GET". */
  static method(): string {
    return requiredString("request_method", readOut((b: usize, c: u32, o: usize): i32 => raw.request_method(b, c, o)));
  }

  /** The full URL as the node saw it: `http://host/path?query`. */
  static url(): string {
    return requiredString("request_url", readOut((b: usize, c: u32, o: usize): i32 => raw.request_url(b, c, o)));
  }

  /** The path, percent-encoding kept. */
  static path(): string {
    return requiredString("request_path", readOut((b: usize, c: u32, o: usize): i32 => raw.request_path(b, c, o)));
  }

  /** The query without `?`; "" when there is none. */
  static query(): string {
    return requiredString("request_query", readOut((b: usize, c: u32, o: usize): i32 => raw.request_query(b, c, o)));
  }

  /**
   * The first `name=` parameter of the query, `%XX`-decoded (a `+` stays a `+`, as in the C SDK's
   * `wedge_query_param`); "" for `name=`; null when there is none.
   */
  static queryParam(name: string): string | null {
    const pieces = Request.query().split("&");
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i].startsWith(name + "=")) return percentDecode(pieces[i].substring(name.length + 1));
    }
    return null;
  }

  /** One header (any case); repeated headers joined with ", "; null when absent. */
  static header(name: string): string | null {
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    return optionalString("request_header", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.request_header(argPtr, argLen, b, c, o)));
  }

  /** Every header, in order, names in lower case. */
  static headers(): Header[] {
    const map = readOut((b: usize, c: u32, o: usize): i32 => raw.request_headers(b, c, o));
    if (!map.ok) fail("request_headers failed: " + statusName(map.status));
    return parseHeaderMap(map.value);
  }

  /** The whole body. */
  static body(): Uint8Array {
    const status = raw.request_body_size(OUT);
    if (status != Status.OK) fail("request_body_size failed: " + statusName(status));
    const body = readBody(load<u32>(OUT), (off: u32, b: usize, c: u32, o: usize): i32 => raw.request_body_read(off, b, c, o));
    if (!body.ok) fail("request_body_read failed: " + statusName(body.status));
    return body.value;
  }

  /** The body decoded as UTF-8. */
  static text(): string {
    return String.UTF8.decode(Request.body().buffer);
  }
}

function hexDigit(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Decodes `%XX` escapes; a `%` not followed by two hex digits stays as it is. */
function percentDecode(text: string): string {
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const high = i + 2 < bytes.length ? hexDigit(bytes[i + 1]) : -1;
    const low = i + 2 < bytes.length ? hexDigit(bytes[i + 2]) : -1;
    if (bytes[i] == 0x25 && high >= 0 && low >= 0) {
      out[n++] = <u8>((high << 4) | low);
      i += 2;
    } else {
      out[n++] = bytes[i];
    }
  }
  return String.UTF8.decode(out.slice(0, n).buffer);
}
