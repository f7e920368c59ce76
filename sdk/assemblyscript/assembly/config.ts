import * as raw from "./raw";
import { Utf8, argAt, argLen, argPtr, optionalString, readOut, setArg, setAt } from "./buffers";
import { Status, fail } from "./status";

/** The app's configuration: env vars, dictionary, secrets (docs/config.md). Each getter answers null when absent. */
export class Config {
  /** The app's env var (`--env`, config `env:`). */
  static env(name: string): string | null {
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    return optionalString("env_get", readOut((b: usize, c: u32, o: usize): i32 => raw.env_get(argPtr, argLen, b, c, o)));
  }

  /** The app's dictionary entry, else its env var of that name. */
  static dictionary(name: string): string | null {
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    return optionalString("dictionary_get", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.dictionary_get(argPtr, argLen, b, c, o)));
  }

  /** The secret's value in force now; null when there is none (yet). */
  static secret(name: string): string | null {
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    return optionalString("secret_get", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.secret_get(argPtr, argLen, b, c, o)));
  }

  /** The secret's value in force at `unixSeconds` (its slot with the largest effective-from not after it). */
  static secretAt(name: string, unixSeconds: i64): string | null {
    if (unixSeconds < 0) fail("secret_get_effective_at: negative time " + unixSeconds.toString());
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    setAt(unixSeconds);
    return optionalString("secret_get_effective_at", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.secret_get_effective_at(argPtr, argLen, argAt, b, c, o)));
  }

  /**
   * What the node knows about the client and the PoP, by FastEdge's header name: "x-real-ip", "geoip-country-code",
   * "geoip-city", "pop-city", ... (docs/abi.md, "the client and the PoP").
   */
  static clientInfo(name: string): string | null {
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    return optionalString("client_info", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.client_info(argPtr, argLen, b, c, o)));
  }
}

/** Log levels of `Log.write`. */
export enum Level {
  TRACE = 0,
  DEBUG = 1,
  INFO = 2,
  WARN = 3,
  ERROR = 4,
}

/** The app's log (values of the app's secrets are shown as `***`). */
export class Log {
  static write(level: Level, message: string): Status {
    const m = new Utf8(message);
    return raw.log(<u32>level, m.ptr, m.len);
  }
  static trace(message: string): Status { return Log.write(Level.TRACE, message); }
  static debug(message: string): Status { return Log.write(Level.DEBUG, message); }
  static info(message: string): Status { return Log.write(Level.INFO, message); }
  static warn(message: string): Status { return Log.write(Level.WARN, message); }
  static error(message: string): Status { return Log.write(Level.ERROR, message); }
}

/** One short diagnostic text for this request, kept in its log line and counted in the metrics; the last wins. */
export function setUserDiag(text: string): Status {
  const t = new Utf8(text);
  return raw.set_user_diag(t.ptr, t.len);
}
