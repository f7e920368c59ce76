// order-stats-as: the AssemblyScript twin of apps/order-stats (C), a message app counting the orders apps/orders
// publishes, with the same behaviour, logs and return values. Each payload is a JSON object with "customer" (a
// non-empty string) and "amount" (a number).
//   - When env var STORE names a key-value store, adds to it: orders:CUSTOMER += 1, cents:CUSTOMER +=
//     round(amount * 100), orders:total += 1. Without STORE it only logs one line per order.
//   - Returns 0 (consumed) when done; 3 when the payload is unusable (the host retries, then dead-letters it);
//     4 when a key-value call fails (retried); 5 when the message has header x-fail: always (to exercise the
//     dead-letter topic).
//   - When env var FORWARD names a topic (and QUEUE a queue), publishes each counted order onward to it, keyed by
//     customer, as {"customer":...,"cents":...} (the C app has no such option; unset, the two behave the same).
import { CONSUMED, Config, Kv, Log, Message, Queue, Status } from "../../sdk/assemblyscript/assembly";
import { jsonNumber, jsonQuote, jsonString } from "./json";
export { wedge_abi_version_1 } from "../../sdk/assemblyscript/assembly";

const MAX_CUSTOMER = 1000; // bytes; keeps "orders:CUSTOMER" inside the 1024-byte key limit
const MAX_AMOUNT = 1e13; // so that the cents fit easily in an i64

/** C's llround: to the nearest integer, halves away from zero. */
function roundHalfAway(x: f64): i64 {
  const whole = Math.trunc(x);
  return <i64>(Math.abs(x - whole) >= 0.5 ? whole + Math.sign(x) : whole);
}

function incr(kv: Kv, prefix: string, customer: string, delta: i64): Status {
  const key = prefix + customer;
  const result = kv.incr(key, delta);
  if (!result.ok) Log.warn("kv_incr " + key + " failed: status " + result.status.toString());
  return result.status;
}

function forward(customer: string, cents: i64): i32 {
  const topic = Config.env("FORWARD");
  const queue = Config.env("QUEUE");
  if (topic === null || queue === null) return CONSUMED;
  const payload = "{\"customer\":" + jsonQuote(customer) + ",\"cents\":" + cents.toString() + "}";
  const status = Queue.publishString(queue, topic, payload, customer);
  return status == Status.OK ? CONSUMED : Message.retry("forwarding to " + topic + " failed: status "
    + status.toString(), 4);
}

function count(customer: string, cents: i64): i32 {
  const store = Config.env("STORE");
  const id = Message.id();
  if (store === null) {
    Log.info("order customer=" + customer + " cents=" + cents.toString() + " message=" + id);
    return forward(customer, cents);
  }
  const kv = Kv.open(store);
  if (!kv.ok) {
    Log.warn("kv_open " + store + " failed: status " + kv.status.toString());
    return 4;
  }
  let s = incr(kv.value, "orders:", customer, 1);
  if (s == Status.OK) s = incr(kv.value, "cents:", customer, cents);
  if (s == Status.OK) s = incr(kv.value, "orders:", "total", 1);
  if (s != Status.OK) return 4;
  Log.debug("counted customer=" + customer + " cents=" + cents.toString() + " message=" + id);
  return forward(customer, cents);
}

export function wedge_on_message(): i32 {
  const fail = Message.header("x-fail");
  if (fail !== null && fail == "always") return Message.retry("x-fail: always, failing on purpose", 5);

  const payload = Message.payload();
  const customer = jsonString(payload, "customer");
  const amount = jsonNumber(payload, "amount");
  if (customer === null || customer.length == 0 || customer.length > MAX_CUSTOMER || customer.includes(0)
      || isNaN(amount) || !(Math.abs(amount) <= MAX_AMOUNT)) {
    Log.error("bad order: the payload must be a JSON object with \"customer\" (a non-empty string of at most "
      + MAX_CUSTOMER.toString() + " bytes) and \"amount\" (a number)");
    return 3;
  }
  return count(String.UTF8.decode(customer.buffer), roundHalfAway(amount * 100));
}
