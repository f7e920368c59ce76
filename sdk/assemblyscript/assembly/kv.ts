import * as raw from "./raw";
import { OUT, Utf8, argHandle, argLen, argPtr, readOut, setArg, setHandle } from "./buffers";
import { Result, Status } from "./status";

// Further arguments of the call being made (see buffers.ts: AssemblyScript has no closures).
let arg2Ptr: usize = 0;
let arg2Len: u32 = 0;
let arg3Ptr: usize = 0;
let arg3Len: u32 = 0;
let argLimit: u32 = 0;
let argMin: f64 = 0;
let argMax: f64 = 0;

/** A page of keys of a scan; `cursor` is "" once the scan is complete. */
export class KvKeys {
  constructor(public cursor: string, public keys: string[]) {}
}

/** A sorted-set member and its score. */
export class ZEntry {
  constructor(public score: f64, public member: Uint8Array) {}
  get memberString(): string {
    return String.UTF8.decode(this.member.buffer);
  }
}

/** A page of sorted-set entries; `cursor` is "" once complete (always "" from zrangeByScore). */
export class ZPage {
  constructor(public cursor: string, public entries: ZEntry[]) {}
}


function zentries(bytes: Uint8Array, from: i32): ZEntry[] {
  const entries = new Array<ZEntry>();
  let i = from;
  while (i + 12 <= bytes.length) {
    const score = load<f64>(bytes.dataStart + i);
    const len = <i32>load<u32>(bytes.dataStart + i + 8);
    entries.push(new ZEntry(score, bytes.slice(i + 12, i + 12 + len)));
    i += 12 + len;
  }
  return entries;
}

function cursorEnd(bytes: Uint8Array): i32 {
  const end = bytes.indexOf(0);
  return end < 0 ? bytes.length : end;
}

/**
 * A key-value store bound to this app (docs/abi.md, "key-value stores"). Keys live in the app's own namespace.
 * Every call answers a Status or a Result: NOT_FOUND, TIMEOUT, UNAVAILABLE, VALUE_TOO_LARGE, CONFLICT, ...
 */
export class Kv {
  private constructor(public readonly handle: u32) {}

  /** Opens a store by name: NO_SUCH_STORE, or ACCESS_DENIED when the store is not bound to this app. */
  static open(name: string): Result<Kv> {
    const n = new Utf8(name);
    const status = raw.kv_open(n.ptr, n.len, OUT);
    return status == Status.OK ? Result.ok<Kv>(new Kv(load<u32>(OUT))) : Result.err<Kv>(status);
  }

  /** The value; NOT_FOUND when there is no such key. */
  get(key: string): Result<Uint8Array> {
    const k = new Utf8(key);
    setHandle(this.handle);
    setArg(k.ptr, k.len);
    const r = readOut((b: usize, c: u32, o: usize): i32 => raw.kv_get(argHandle, argPtr, argLen, b, c, o));
    return r.ok ? Result.ok<Uint8Array>(Uint8Array.wrap(r.value)) : Result.err<Uint8Array>(r.status);
  }

  /** The value as UTF-8 text. */
  getString(key: string): Result<string> {
    const r = this.get(key);
    return r.ok ? Result.ok<string>(String.UTF8.decode(r.value.buffer)) : Result.err<string>(r.status);
  }

  /** The values of up to 1000 keys, in order; null for an absent key. */
  getMany(keys: string[]): Result<Array<Uint8Array | null>> {
    const list = new Utf8(keys.join("\0") + (keys.length > 0 ? "\0" : ""));
    setHandle(this.handle);
    setArg(list.ptr, list.len);
    const r = readOut((b: usize, c: u32, o: usize): i32 => raw.kv_get_many(argHandle, argPtr, argLen, b, c, o));
    if (!r.ok) return Result.err<Array<Uint8Array | null>>(r.status);
    const bytes = Uint8Array.wrap(r.value);
    const values = new Array<Uint8Array | null>();
    let i = 0;
    while (i + 4 <= bytes.length) {
      const len = load<u32>(bytes.dataStart + i);
      i += 4;
      if (len == 0xFFFFFFFF) {
        values.push(null);
      } else {
        values.push(bytes.slice(i, i + <i32>len));
        i += <i32>len;
      }
    }
    return Result.ok<Array<Uint8Array | null>>(values);
  }

  /** Sets a value; `ttlMs` 0 keeps it until deleted. */
  set(key: string, value: Uint8Array, ttlMs: i64 = 0): Status {
    const k = new Utf8(key);
    return raw.kv_set(this.handle, k.ptr, k.len, value.dataStart, <u32>value.length, ttlMs);
  }

  setString(key: string, value: string, ttlMs: i64 = 0): Status {
    const k = new Utf8(key), v = new Utf8(value);
    return raw.kv_set(this.handle, k.ptr, k.len, v.ptr, v.len, ttlMs);
  }

  /** OK, or NOT_FOUND when there was no such key. */
  delete(key: string): Status {
    const k = new Utf8(key);
    return raw.kv_delete(this.handle, k.ptr, k.len);
  }

  /** Whether the key exists (a failed call is a failed result). */
  exists(key: string): Result<bool> {
    const k = new Utf8(key);
    const status = raw.kv_exists(this.handle, k.ptr, k.len);
    if (status == Status.OK) return Result.ok<bool>(true);
    if (status == Status.NOT_FOUND) return Result.ok<bool>(false);
    return Result.err<bool>(status);
  }

  /** Adds `delta` atomically (a missing key counts as 0) and answers the new value. */
  incr(key: string, delta: i64 = 1): Result<i64> {
    const k = new Utf8(key);
    const status = raw.kv_incr(this.handle, k.ptr, k.len, delta, OUT);
    return status == Status.OK ? Result.ok<i64>(load<i64>(OUT)) : Result.err<i64>(status);
  }

  /** Sets `value` only if the current value is `expected` (null: only if the key is absent); OK or CONFLICT. */
  cas(key: string, expected: Uint8Array | null, value: Uint8Array): Status {
    const k = new Utf8(key);
    const expectedPtr: usize = expected !== null ? expected.dataStart : 0;
    const expectedLen: u32 = expected !== null ? <u32>expected.length : 0xFFFFFFFF;
    return raw.kv_cas(this.handle, k.ptr, k.len, expectedPtr, expectedLen, value.dataStart, <u32>value.length);
  }

  /** One page of keys matching a glob; start with cursor "" and stop when the answered cursor is "". */
  scan(pattern: string, cursor: string = "", limit: u32 = 100): Result<KvKeys> {
    const p = new Utf8(pattern), cur = new Utf8(cursor);
    setHandle(this.handle);
    setArg(p.ptr, p.len);
    arg2Ptr = cur.ptr;
    arg2Len = cur.len;
    argLimit = limit;
    const r = readOut((b: usize, c: u32, o: usize): i32 =>
      raw.kv_scan(argHandle, argPtr, argLen, arg2Ptr, arg2Len, argLimit, b, c, o));
    if (!r.ok) return Result.err<KvKeys>(r.status);
    const bytes = Uint8Array.wrap(r.value);
    const end = cursorEnd(bytes);
    const keys = new Array<string>();
    let start = end + 1;
    for (let i = start; i < bytes.length; i++) {
      if (bytes[i] != 0) continue;
      keys.push(String.UTF8.decode(r.value.slice(start, i)));
      start = i + 1;
    }
    return Result.ok<KvKeys>(new KvKeys(String.UTF8.decode(r.value.slice(0, end)), keys));
  }

  /** Adds a member to a sorted set, or updates its score. */
  zadd(key: string, score: f64, member: string): Status {
    const k = new Utf8(key), m = new Utf8(member);
    return raw.kv_zadd(this.handle, k.ptr, k.len, score, m.ptr, m.len);
  }

  /** Members with min <= score <= max (infinities allowed), lowest first, at most `limit`. */
  zrangeByScore(key: string, min: f64, max: f64, limit: u32 = 100): Result<ZEntry[]> {
    const k = new Utf8(key);
    setHandle(this.handle);
    setArg(k.ptr, k.len);
    argMin = min;
    argMax = max;
    argLimit = limit;
    const r = readOut((b: usize, c: u32, o: usize): i32 =>
      raw.kv_zrange_by_score(argHandle, argPtr, argLen, argMin, argMax, argLimit, b, c, o));
    return r.ok ? Result.ok<ZEntry[]>(zentries(Uint8Array.wrap(r.value), 0)) : Result.err<ZEntry[]>(r.status);
  }

  /** One page of a sorted set's entries whose member matches a glob. */
  zscan(key: string, pattern: string, cursor: string = "", limit: u32 = 100): Result<ZPage> {
    const k = new Utf8(key), p = new Utf8(pattern), cur = new Utf8(cursor);
    setHandle(this.handle);
    setArg(k.ptr, k.len);
    arg2Ptr = p.ptr;
    arg2Len = p.len;
    arg3Ptr = cur.ptr;
    arg3Len = cur.len;
    argLimit = limit;
    const r = readOut((b: usize, c: u32, o: usize): i32 =>
      raw.kv_zscan(argHandle, argPtr, argLen, arg2Ptr, arg2Len, arg3Ptr, arg3Len, argLimit, b, c, o));
    if (!r.ok) return Result.err<ZPage>(r.status);
    const bytes = Uint8Array.wrap(r.value);
    const end = cursorEnd(bytes);
    return Result.ok<ZPage>(new ZPage(String.UTF8.decode(r.value.slice(0, end)), zentries(bytes, end + 1)));
  }
}

