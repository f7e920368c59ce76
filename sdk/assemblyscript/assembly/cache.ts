import * as raw from "./raw";
import { OUT, Utf8, argLen, argPtr, readOut, setArg } from "./buffers";
import { Result, Status } from "./status";

/** A found / not found answer as a Result<bool>; any other status is a failed result. */
function found(status: i32): Result<bool> {
  if (status == Status.OK) return Result.ok<bool>(true);
  if (status == Status.NOT_FOUND) return Result.ok<bool>(false);
  return Result.err<bool>(status);
}

/**
 * The PoP's cache, private to this app (docs/abi.md, "Imports: the cache"; FastEdge's cache-sync). Every node of
 * a clustered PoP sees the same values, and `incr` is atomic across them. A TTL of 0 means no expiry.
 */
export class Cache {
  /** The value; NOT_FOUND when the key is absent or expired. */
  static get(key: string): Result<Uint8Array> {
    const k = new Utf8(key);
    setArg(k.ptr, k.len);
    const r = readOut((b: usize, c: u32, o: usize): i32 => raw.cache_get(argPtr, argLen, b, c, o));
    return r.ok ? Result.ok<Uint8Array>(Uint8Array.wrap(r.value)) : Result.err<Uint8Array>(r.status);
  }

  /** The value as UTF-8 text. */
  static getString(key: string): Result<string> {
    const r = Cache.get(key);
    return r.ok ? Result.ok<string>(String.UTF8.decode(r.value.buffer)) : Result.err<string>(r.status);
  }

  static set(key: string, value: Uint8Array, ttlMs: i64 = 0): Status {
    const k = new Utf8(key);
    return raw.cache_set(k.ptr, k.len, value.dataStart, <u32>value.length, ttlMs);
  }

  static setString(key: string, value: string, ttlMs: i64 = 0): Status {
    const k = new Utf8(key), v = new Utf8(value);
    return raw.cache_set(k.ptr, k.len, v.ptr, v.len, ttlMs);
  }

  /** Whether there was such a key. */
  static delete(key: string): Result<bool> {
    const k = new Utf8(key);
    return found(raw.cache_delete(k.ptr, k.len));
  }

  static exists(key: string): Result<bool> {
    const k = new Utf8(key);
    return found(raw.cache_exists(k.ptr, k.len));
  }

  /** Adds `delta` atomically (a missing key counts as 0) and answers the new value. */
  static incr(key: string, delta: i64 = 1): Result<i64> {
    const k = new Utf8(key);
    const status = raw.cache_incr(k.ptr, k.len, delta, OUT);
    return status == Status.OK ? Result.ok<i64>(load<i64>(OUT)) : Result.err<i64>(status);
  }

  /** A new TTL from now (0: the key goes now); whether there was such a key. */
  static expire(key: string, ttlMs: i64): Result<bool> {
    const k = new Utf8(key);
    return found(raw.cache_expire(k.ptr, k.len, ttlMs));
  }

  /** Removes every key of this app; how many there were. */
  static purge(): Result<u64> {
    const status = raw.cache_purge(OUT);
    return status == Status.OK ? Result.ok<u64>(load<u64>(OUT)) : Result.err<u64>(status);
  }

  /** Removes this app's keys that start with `prefix`; how many there were. */
  static purgePrefix(prefix: string): Result<u64> {
    const p = new Utf8(prefix);
    const status = raw.cache_purge_prefix(p.ptr, p.len, OUT);
    return status == Status.OK ? Result.ok<u64>(load<u64>(OUT)) : Result.err<u64>(status);
  }
}
