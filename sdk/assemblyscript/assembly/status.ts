import * as raw from "./raw";

/** The status every wedge import returns (docs/abi.md, "Status codes"). Stable: new codes are appended. */
export enum Status {
  OK = 0,
  NOT_FOUND = 1,
  BAD_ARGUMENT = 2,
  INVALID_MEMORY = 3,
  BUFFER_TOO_SMALL = 4,
  LIMIT_EXCEEDED = 5,
  UNSUPPORTED = 6,
  ACCESS_DENIED = 7,
  TIMEOUT = 8,
  UNAVAILABLE = 9,
  INTERNAL = 10,
  NO_SUCH_STORE = 11,
  VALUE_TOO_LARGE = 12,
  CONFLICT = 13,
  DESTINATION_NOT_ALLOWED = 14,
  INVALID_URL = 15,
  REQUEST_ERROR = 16,
  TOO_MANY_REQUESTS = 17,
  RESPONSE_TOO_LARGE = 18,
}

const NAMES: string[] = [
  "OK", "NOT_FOUND", "BAD_ARGUMENT", "INVALID_MEMORY", "BUFFER_TOO_SMALL", "LIMIT_EXCEEDED", "UNSUPPORTED",
  "ACCESS_DENIED", "TIMEOUT", "UNAVAILABLE", "INTERNAL", "NO_SUCH_STORE", "VALUE_TOO_LARGE", "CONFLICT",
  "DESTINATION_NOT_ALLOWED", "INVALID_URL", "REQUEST_ERROR", "TOO_MANY_REQUESTS", "RESPONSE_TOO_LARGE",
];

/** The name of a status, e.g. "NOT_FOUND"; "STATUS_<n>" for a code this SDK does not know yet. */
export function statusName(status: i32): string {
  return status >= 0 && status < NAMES.length ? NAMES[status] : "STATUS_" + status.toString();
}

/**
 * Ends the request as failed: writes the reason to the app's log at error level, then traps (the node answers
 * 533 `trap`). Used for errors a handler cannot recover from, such as a host call given invalid memory.
 */
export function fail(message: string): void {
  const text = String.UTF8.encode("wedge: " + message);
  raw.log(4, changetype<usize>(text), <u32>text.byteLength);
  unreachable();
}

/** AssemblyScript's abort (a failed assert, an index out of range, `throw`): logged, then a trap. */
export function wedgeAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  fail((message !== null ? message : "abort") + " at " + (fileName !== null ? fileName : "?") + ":"
    + line.toString() + ":" + column.toString());
}

// @ts-ignore: decorator
@inline function zero<T>(): T {
  if (isReference<T>()) return changetype<T>(<usize>0);
  return <T>0;
}

/**
 * The outcome of a call that can fail for reasons a handler may want to handle (a missing key, a refused
 * destination, an unreachable store): `ok` and `value`, or `status` and `error`. Reading `value` of a failed
 * result ends the request with the status in the log; check `ok` first where failure is expected.
 */
export class Result<T> {
  constructor(public readonly status: Status, private readonly _value: T) {}

  static ok<T>(value: T): Result<T> {
    return new Result<T>(Status.OK, value);
  }

  static err<T>(status: Status): Result<T> {
    return new Result<T>(status, zero<T>());
  }

  get ok(): bool {
    return this.status == Status.OK;
  }

  /** The status's name ("NOT_FOUND", ...), "" for a success. */
  get error(): string {
    return this.ok ? "" : statusName(this.status);
  }

  get value(): T {
    if (!this.ok) fail("value of a failed result: " + statusName(this.status));
    return this._value;
  }

  /** The value, or `fallback` when the call failed. */
  valueOr(fallback: T): T {
    return this.ok ? this._value : fallback;
  }
}
