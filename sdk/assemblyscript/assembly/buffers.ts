import { Result, Status, fail, statusName } from "./status";

// Helpers every binding shares: arguments as UTF-8 bytes, out-buffers grown on BUFFER_TOO_SMALL, header maps.

/** Where the host writes an out-length, handle or number (8 bytes: an i64 fits). */
export const OUT: usize = memory.data(8);

/** A header (of the request, a response or a message), in the order it came. */
export class Header {
  constructor(public name: string, public value: string) {}
}

/** Bytes of a string as UTF-8, for passing to the host. */
export class Utf8 {
  readonly bytes: ArrayBuffer;
  constructor(s: string) {
    this.bytes = String.UTF8.encode(s);
  }
  get ptr(): usize {
    return changetype<usize>(this.bytes);
  }
  get len(): u32 {
    return <u32>this.bytes.byteLength;
  }
}

// The arguments of the call being made. AssemblyScript has no closures: the lambdas passed to readOut read these.
export let argPtr: usize = 0;
export let argLen: u32 = 0;
export let argHandle: u32 = 0;
export let argAt: i64 = 0;

export function setArg(ptr: usize, len: u32): void {
  argPtr = ptr;
  argLen = len;
}

export function setHandle(handle: u32): void {
  argHandle = handle;
}

export function setAt(at: i64): void {
  argAt = at;
}

const FIRST_CAP: u32 = 256;

/** Calls an out-buffer import, retrying once with the size the host asked for. */
export function readOut(call: (buf: usize, cap: u32, outLen: usize) => i32): Result<ArrayBuffer> {
  let cap = FIRST_CAP;
  for (;;) {
    const buf = new ArrayBuffer(cap);
    const status = call(changetype<usize>(buf), cap, OUT);
    const len = load<u32>(OUT);
    if (status == Status.BUFFER_TOO_SMALL && len > cap) {
      cap = len;
      continue;
    }
    if (status != Status.OK) return Result.err<ArrayBuffer>(status);
    return Result.ok<ArrayBuffer>(len == cap ? buf : buf.slice(0, len));
  }
}

/** The result of a getter as a string: null for NOT_FOUND; any other failure ends the request with its reason. */
export function optionalString(what: string, result: Result<ArrayBuffer>): string | null {
  if (result.status == Status.NOT_FOUND) return null;
  if (!result.ok) fail(what + " failed: " + statusName(result.status));
  return String.UTF8.decode(result.value);
}

/** The result of a getter that cannot be absent (the method, the path, ...). */
export function requiredString(what: string, result: Result<ArrayBuffer>): string {
  const s = optionalString(what, result);
  if (s === null) {
    fail(what + " failed: NOT_FOUND");
    return "";
  }
  return s;
}

/** Reads a body of `size` bytes in chunks (bodies never answer BUFFER_TOO_SMALL). */
export function readBody(size: u32, read: (offset: u32, buf: usize, cap: u32, outLen: usize) => i32): Result<Uint8Array> {
  const body = new Uint8Array(size);
  let offset: u32 = 0;
  while (offset < size) {
    const status = read(offset, body.dataStart + offset, size - offset, OUT);
    if (status != Status.OK) return Result.err<Uint8Array>(status);
    const n = load<u32>(OUT);
    if (n == 0) break;
    offset += n;
  }
  return Result.ok<Uint8Array>(offset == size ? body : body.subarray(0, offset));
}

/** Parses a header map: `name NUL value NUL` pairs. */
export function parseHeaderMap(map: ArrayBuffer): Header[] {
  const bytes = Uint8Array.wrap(map);
  const headers = new Array<Header>();
  let start = 0;
  let name: string | null = null;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] != 0) continue;
    const text = String.UTF8.decode(map.slice(start, i));
    if (name === null) {
      name = text;
    } else {
      headers.push(new Header(name, text));
      name = null;
    }
    start = i + 1;
  }
  return headers;
}

/** Serialises headers as a header map. */
export function headerMap(headers: Header[] | null): ArrayBuffer {
  if (headers === null) return new ArrayBuffer(0);
  let text = "";
  for (let i = 0; i < headers.length; i++) {
    text += headers[i].name + "\0" + headers[i].value + "\0";
  }
  return String.UTF8.encode(text);
}
