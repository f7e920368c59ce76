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
