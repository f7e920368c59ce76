import * as raw from "./raw";
import { Utf8 } from "./buffers";
import { Status } from "./status";

/**
 * The response being built (http apps). Each call returns its status: BAD_ARGUMENT for a status outside
 * 200..599 or a bad header name or value, LIMIT_EXCEEDED past the app's response limits (the request then ends
 * in 533 `response-too-large`). A response whose status was never set is 200.
 */
export class Response {
  static setStatus(code: i32): Status {
    return raw.response_set_status(<u32>code);
  }

  /** Replaces every value of a header. */
  static setHeader(name: string, value: string): Status {
    const n = new Utf8(name), v = new Utf8(value);
    return raw.response_set_header(n.ptr, n.len, v.ptr, v.len);
  }

  /** Adds a value to a header. */
  static addHeader(name: string, value: string): Status {
    const n = new Utf8(name), v = new Utf8(value);
    return raw.response_add_header(n.ptr, n.len, v.ptr, v.len);
  }

  /** Appends bytes to the body. */
  static write(data: Uint8Array): Status {
    return raw.response_write(data.dataStart, <u32>data.length);
  }

  /** Appends text (as UTF-8) to the body. */
  static writeString(text: string): Status {
    const t = new Utf8(text);
    return raw.response_write(t.ptr, t.len);
  }

  /** Sets the status and content type and writes the whole body: the usual short answer. */
  static send(code: i32, contentType: string, body: string): Status {
    let status = Response.setStatus(code);
    if (status == Status.OK) status = Response.setHeader("content-type", contentType);
    if (status == Status.OK) status = Response.writeString(body);
    return status;
  }
}
