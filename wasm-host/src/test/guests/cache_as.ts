// cache_as: an http test guest for the AssemblyScript SDK's Cache: runs every call once and answers 200 with
// "name=RESULT" for each, space-separated (RESULT the value, or "!" and the status's name on failure).
import { Cache, Response, Result, Status, statusName } from "../../../../sdk/assemblyscript/assembly";
export { wedge_abi_version_1 } from "../../../../sdk/assemblyscript/assembly";

const out = new Array<string>();

function status(name: string, s: Status): void {
  out.push(name + "=" + (s == Status.OK ? "ok" : "!" + statusName(s)));
}

function flag(name: string, r: Result<bool>): void {
  out.push(name + "=" + (r.ok ? (r.value ? "yes" : "no") : "!" + statusName(r.status)));
}

export function wedge_on_request(): i32 {
  status("set", Cache.setString("greeting", "hello", 0));
  const got = Cache.getString("greeting");
  out.push("get=" + (got.ok ? got.value : "!" + statusName(got.status)));
  const missing = Cache.get("missing");
  out.push("get-missing=" + (missing.ok ? "found" : "!" + statusName(missing.status)));
  flag("exists", Cache.exists("greeting"));
  const n = Cache.incr("n", 5);
  out.push("incr=" + (n.ok ? n.value.toString() : "!" + statusName(n.status)));
  const bad = Cache.incr("greeting");
  out.push("incr-text=" + (bad.ok ? bad.value.toString() : "!" + statusName(bad.status)));
  flag("expire", Cache.expire("n", 60000));
  flag("delete", Cache.delete("greeting"));
  flag("delete-again", Cache.delete("greeting"));
  status("set-more", Cache.set("user:1", Uint8Array.wrap(String.UTF8.encode("x")), 1000));
  const prefixed = Cache.purgePrefix("user:");
  out.push("purge-prefix=" + (prefixed.ok ? prefixed.value.toString() : "!" + statusName(prefixed.status)));
  const all = Cache.purge();
  out.push("purge=" + (all.ok ? all.value.toString() : "!" + statusName(all.status)));
  Response.send(200, "text/plain", out.join(" "));
  return 0;
}
