// FastEdge's key-value extension: the store "default" answers locally. /get/KEY gives a value, /scan/PATTERN
// the matching keys, /zrange/KEY the members scored 0..10, /zscan/KEY members matching "a*", /bf/KEY/ITEM
// whether a Bloom filter holds the item. The request never reaches the origin.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  registerRootContext,
  RootContext,
  send_http_response,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { KvStore } from "@gcoredev/proxy-wasm-sdk-as/assembly/fastedge";

class KvRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new KvFilter(context_id, this);
  }
}

function answer(status: u32, body: string): FilterHeadersStatusValues {
  send_http_response(status, "kv", String.UTF8.encode(body), []);
  return FilterHeadersStatusValues.StopIteration;
}

class KvFilter extends Context {
  constructor(context_id: u32, root: KvRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const parts = stream_context.headers.request.get(":path").split("/");
    const store = KvStore.open("default");
    if (store == null) {
      return answer(500, "no store");
    }
    const kv = store as KvStore;
    const op = parts[1];
    const arg = parts.length > 2 ? parts[2] : "";
    if (op == "get") {
      const value = kv.get(arg);
      return value == null ? answer(404, "absent") : answer(200, String.UTF8.decode(value as ArrayBuffer));
    }
    if (op == "scan") {
      const keys = kv.scan(arg);
      keys.sort();
      return answer(200, keys.join(","));
    }
    if (op == "zrange" || op == "zscan") {
      const members = op == "zrange" ? kv.zrangeByScore(arg, 0, 10) : kv.zscan(arg, "a*");
      const out = new Array<string>();
      for (let i = 0; i < members.length; i++) {
        out.push(String.UTF8.decode(members[i].value) + "=" + members[i].score.toString());
      }
      return answer(200, out.join(","));
    }
    if (op == "bf") {
      return answer(200, kv.bfExists(arg, parts[3]) ? "maybe" : "no");
    }
    return answer(400, "unknown operation");
  }
}

registerRootContext((context_id: u32) => new KvRoot(context_id), "kv");
