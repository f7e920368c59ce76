import * as raw from "./raw";
import { Header, Utf8, headerMap, optionalString, readOut } from "./buffers";
import { Status } from "./status";

/** Publishing to the queues bound to this app (docs/abi.md, "queues"). */
export class Queue {
  /**
   * Publishes a message and waits until it is durable. `key` null publishes without a key. ACCESS_DENIED for a
   * topic not bound to the app, NO_SUCH_STORE for an unknown queue, TIMEOUT (may or may not be stored), ...
   */
  static publish(queue: string, topic: string, payload: Uint8Array, key: string | null = null,
                 headers: Header[] | null = null): Status {
    const q = new Utf8(queue), t = new Utf8(topic), map = headerMap(headers);
    const k = key !== null ? new Utf8(key) : null;
    return raw.queue_publish(q.ptr, q.len, t.ptr, t.len, k !== null ? k.ptr : 0, k !== null ? k.len : 0xFFFFFFFF,
      payload.dataStart, <u32>payload.length, changetype<usize>(map), <u32>map.byteLength);
  }

  static publishString(queue: string, topic: string, payload: string, key: string | null = null,
                       headers: Header[] | null = null): Status {
    return Queue.publish(queue, topic, Uint8Array.wrap(String.UTF8.encode(payload)), key, headers);
  }

  /** The id of this request's last successful publish; null before one. */
  static lastId(): string | null {
    return optionalString("queue_last_id", readOut((b: usize, c: u32, o: usize): i32 => raw.queue_last_id(b, c, o)));
  }
}
