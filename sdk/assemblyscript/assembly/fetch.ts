import * as raw from "./raw";
import {
  Header, OUT, Utf8, argHandle, argLen, argPtr, headerMap, optionalString, parseHeaderMap, readBody, readOut, setArg,
  setHandle,
} from "./buffers";
import { Result, Status, fail, statusName } from "./status";

/** A response of an outbound call, buffered in the host and read by handle for the rest of the request. */
export class FetchResponse {
  constructor(public readonly handle: u32, public readonly status: i32) {}

  /** One header (any case), repeated ones joined with ", "; null when absent. */
  header(name: string): string | null {
    const n = new Utf8(name);
    setHandle(this.handle);
    setArg(n.ptr, n.len);
    return optionalString("http_response_header", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.http_response_header(argHandle, argPtr, argLen, b, c, o)));
  }

  headers(): Header[] {
    setHandle(this.handle);
    const map = readOut((b: usize, c: u32, o: usize): i32 => raw.http_response_headers(argHandle, b, c, o));
    if (!map.ok) fail("http_response_headers failed: " + statusName(map.status));
    return parseHeaderMap(map.value);
  }

  body(): Uint8Array {
    const status = raw.http_response_body_size(this.handle, OUT);
    if (status != Status.OK) fail("http_response_body_size failed: " + statusName(status));
    setHandle(this.handle);
    const body = readBody(load<u32>(OUT), (off: u32, b: usize, c: u32, o: usize): i32 =>
      raw.http_response_body_read(argHandle, off, b, c, o));
    if (!body.ok) fail("http_response_body_read failed: " + statusName(body.status));
    return body.value;
  }

  text(): string {
    return String.UTF8.decode(this.body().buffer);
  }
}

/**
 * Calls another server and waits for the whole response (docs/abi.md, "outbound HTTP"). A failed call is a
 * failed result: DESTINATION_NOT_ALLOWED, INVALID_URL, REQUEST_ERROR, TIMEOUT, TOO_MANY_REQUESTS,
 * RESPONSE_TOO_LARGE, ... (the reason is also in the app's log). Any HTTP status is a successful call.
 */
export function fetch(method: string, url: string, headers: Header[] | null = null,
                      body: Uint8Array | null = null): Result<FetchResponse> {
  const m = new Utf8(method), u = new Utf8(url), map = headerMap(headers);
  const status = raw.http_send(m.ptr, m.len, u.ptr, u.len, changetype<usize>(map), <u32>map.byteLength,
    body !== null ? body.dataStart : 0, body !== null ? <u32>body.length : 0, OUT);
  if (status != Status.OK) return Result.err<FetchResponse>(status);
  const handle = load<u32>(OUT);
  const code = raw.http_response_status(handle, OUT);
  if (code != Status.OK) return Result.err<FetchResponse>(code);
  return Result.ok<FetchResponse>(new FetchResponse(handle, <i32>load<u32>(OUT)));
}
