// conformance-as: the conformance app (apps/conformance-c/README.md gives the routes and the exact answers) on the
// AssemblyScript SDK. The SDK's failures are values (Result, Status), so /error answers the 500 itself.
import { Config, Header, Kv, Queue, Request, Response, Status, fetch, statusName }
  from "../../sdk/assemblyscript/assembly";
export { wedge_abi_version_1 } from "../../sdk/assemblyscript/assembly";

function answer(status: i32, body: string): i32 {
  return answerBytes(status, Uint8Array.wrap(String.UTF8.encode(body)));
}

function answerBytes(status: i32, body: Uint8Array): i32 {
  Response.setStatus(status);
  Response.setHeader("content-type", "text/plain; charset=utf-8");
  Response.setHeader("x-conformance", "1");
  Response.write(body);
  return 0;
}

function failed(status: i32, what: string, code: i32): i32 {
  return answer(status, what + " failed: " + statusName(code) + "\n");
}

function dash(value: string | null): string {
  return value !== null ? value : "-";
}

function concat(head: string, tail: Uint8Array): Uint8Array {
  const first = Uint8Array.wrap(String.UTF8.encode(head));
  const out = new Uint8Array(first.length + tail.length);
  out.set(first, 0);
  out.set(tail, first.length);
  return out;
}

function echo(): i32 {
  const head = "method=" + Request.method() + "\npath=" + Request.path() + "\nquery=" + Request.query()
    + "\nx-echo=" + dash(Request.header("x-echo")) + "\nbody=";
  const body = concat(head, Request.body());
  const out = new Uint8Array(body.length + 1);
  out.set(body, 0);
  out[body.length] = 0x0a;
  return answerBytes(200, out);
}

function counter(): i32 {
  const store = Kv.open("conformance");
  if (!store.ok) return failed(503, "store", store.status);
  const current = store.value.getString("counter");
  if (!current.ok && current.status != Status.NOT_FOUND) return failed(503, "store", current.status);
  const next = ((current.ok ? I64.parseInt(current.value, 10) : 0) + 1).toString();
  const status = store.value.setString("counter", next);
  if (status != Status.OK) return failed(503, "store", status);
  return answer(200, "counter=" + next + "\n");
}

function publish(): i32 {
  const status = Queue.publish("bus", "conformance", Request.body(), "conformance-key",
    [new Header("x-conformance", "1")]);
  if (status != Status.OK) return failed(503, "publish", status);
  return answer(202, "published\n");
}

function fetchUrl(): i32 {
  const url = Request.queryParam("url");
  if (url === null) return answer(400, "missing url\n");
  const response = fetch("GET", url);
  if (!response.ok) return failed(502, "fetch", response.status);
  return answerBytes(200, concat("status=" + response.value.status.toString() + "\n", response.value.body()));
}

function secret(): i32 {
  const atText = Request.queryParam("at");
  const at: i64 = atText !== null ? I64.parseInt(atText, 10) : 0;
  return answer(200, "now=" + dash(Config.secret("TOKEN")) + ";at=" + dash(Config.secretAt("TOKEN", at)) + "\n");
}

export function wedge_on_request(): i32 {
  const path = Request.path();
  if (path == "/hello") return answer(200, "hello from wedge\n");
  if (path == "/echo") return echo();
  if (path == "/counter") return counter();
  if (path == "/publish") return publish();
  if (path == "/fetch") return fetchUrl();
  if (path == "/secret") return secret();
  if (path == "/env") return answer(200, "GREETING=" + dash(Config.env("GREETING")) + "\n");
  if (path == "/error") {
    Response.send(500, "text/plain; charset=utf-8", "conformance error");
    return 0;
  }
  return answer(404, "no such route\n");
}
