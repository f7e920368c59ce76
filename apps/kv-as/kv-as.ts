// kv-as: the AssemblyScript twin of apps/kv-go, as an http app. Counts the visits of each path in a key-value
// store and publishes each visit to a queue; a request with an `x-fetch: URL` header also fetches that URL and
// reports its status and body. Settings: env STORE (default "visits"), QUEUE (no publishing without it), TOPIC
// (default "visits").
import { Config, Header, Kv, Log, Queue, Request, Response, Status, fetch, setUserDiag, statusName }
  from "../../sdk/assemblyscript/assembly";
export { wedge_abi_version_1 } from "../../sdk/assemblyscript/assembly";

function setting(name: string, fallback: string): string {
  const value = Config.env(name);
  return value !== null && value.length > 0 ? value : fallback;
}

function fail(status: i32, what: string, error: string): i32 {
  Log.error(what + ": " + error);
  setUserDiag(what + ": " + error);
  Response.send(status, "text/plain", what + ": " + error + "\n");
  return 0;
}

export function wedge_on_request(): i32 {
  const path = Request.path();
  const store = Kv.open(setting("STORE", "visits"));
  if (!store.ok) return fail(503, "opening the store", store.error);
  const count = store.value.incr("visits:" + path, 1);
  if (!count.ok) return fail(503, "counting", count.error);
  let body = "visit " + count.value.toString() + " of " + path + "\n";

  const queue = Config.env("QUEUE");
  if (queue !== null && queue.length > 0) {
    const payload = "{\"path\":\"" + path + "\",\"count\":" + count.value.toString() + "}";
    const status = Queue.publishString(queue, setting("TOPIC", "visits"), payload, path,
      [new Header("content-type", "application/json")]);
    if (status != Status.OK) return fail(503, "publishing", statusName(status));
    body += "published " + Queue.lastId()! + "\n";
  }

  const url = Request.header("x-fetch");
  if (url !== null) {
    const response = fetch("GET", url, [new Header("accept", "text/plain")]);
    if (!response.ok) return fail(502, "fetching " + url, response.error);
    const type = response.value.header("content-type");
    body += "fetched " + response.value.status.toString() + " " + (type !== null ? type : "-") + ": "
      + response.value.text();
  }
  Response.send(200, "text/plain; charset=utf-8", body);
  return 0;
}
