import * as raw from "./raw";
import {
  Header, OUT, Utf8, argLen, argPtr, optionalString, parseHeaderMap, readBody, readOut, requiredString, setArg,
} from "./buffers";
import { Log } from "./config";
import { Status, fail, statusName } from "./status";

/** What `wedge_on_message` returns to consume the message. Any other value is a failure (docs/abi.md). */
export const CONSUMED: i32 = 0;

/**
 * The queue message being handled (message handlers: an app exporting `wedge_on_message(): i32`). Outside a
 * handler the host answers UNSUPPORTED, and these getters end the run with that in the log.
 */
export class Message {
  /** The topic, without the namespace, e.g. "orders". */
  static topic(): string {
    return requiredString("message_topic", readOut((b: usize, c: u32, o: usize): i32 => raw.message_topic(b, c, o)));
  }

  /** The key; null when the message was published without one. */
  static key(): string | null {
    return optionalString("message_key", readOut((b: usize, c: u32, o: usize): i32 => raw.message_key(b, c, o)));
  }

  /** The backend's id of the message, unique per topic. */
  static id(): string {
    return requiredString("message_id", readOut((b: usize, c: u32, o: usize): i32 => raw.message_id(b, c, o)));
  }

  /** 1 on the first delivery, then 2, 3, ... (counted again from 1 after a node restart). */
  static attempt(): u32 {
    const status = raw.message_attempt(OUT);
    if (status != Status.OK) fail("message_attempt failed: " + statusName(status));
    return load<u32>(OUT);
  }

  /** One header (any case); null when absent. */
  static header(name: string): string | null {
    const n = new Utf8(name);
    setArg(n.ptr, n.len);
    return optionalString("message_header", readOut((b: usize, c: u32, o: usize): i32 =>
      raw.message_header(argPtr, argLen, b, c, o)));
  }

  /** Every header, in the order published, names in lower case. */
  static headers(): Header[] {
    const map = readOut((b: usize, c: u32, o: usize): i32 => raw.message_headers(b, c, o));
    if (!map.ok) fail("message_headers failed: " + statusName(map.status));
    return parseHeaderMap(map.value);
  }

  /** The whole payload. */
  static payload(): Uint8Array {
    const status = raw.message_payload_size(OUT);
    if (status != Status.OK) fail("message_payload_size failed: " + statusName(status));
    const payload = readBody(load<u32>(OUT), (off: u32, b: usize, c: u32, o: usize): i32 =>
      raw.message_payload_read(off, b, c, o));
    if (!payload.ok) fail("message_payload_read failed: " + statusName(payload.status));
    return payload.value;
  }

  /** The payload decoded as UTF-8. */
  static text(): string {
    return String.UTF8.decode(Message.payload().buffer);
  }

  /**
   * Logs `reason` at warn level and answers `code` for `wedge_on_message` to return: the message is delivered
   * again after the trigger's backoff, and dead-lettered after its `max-attempts`. A `code` of 0 (which would
   * consume the message) is turned into 1.
   */
  static retry(reason: string, code: i32 = 1): i32 {
    Log.warn(reason);
    return code != CONSUMED ? code : 1;
  }
}
