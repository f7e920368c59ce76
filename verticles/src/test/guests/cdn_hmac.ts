// The templates' SHA-256 and HMAC-SHA256 (apps/templates/_lib) answering locally, for known-answer tests:
// GET /?key=HEX&data=HEX answers "SHA256(data) HMAC-SHA256(key, data)" in hex; bad hex answers 400.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  registerRootContext,
  RootContext,
  send_http_response,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { fromHex, hmacSha256, sha256, toHex } from "../../../../apps/templates/_lib/crypto";
import { queryOf, queryParam } from "../../../../apps/templates/_lib/params";

class HmacRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new HmacFilter(context_id, this);
  }
}

class HmacFilter extends Context {
  constructor(context_id: u32, root: HmacRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const query = queryOf(stream_context.headers.request.get(":path"));
    const keyText = queryParam(query, "key");
    const dataText = queryParam(query, "data");
    const key = fromHex(keyText != null ? keyText : "");
    const data = fromHex(dataText != null ? dataText : "");
    if (key == null || data == null) {
      send_http_response(400, "bad-hex", String.UTF8.encode("bad hex\n"), []);
    } else {
      const answer = toHex(sha256(data)) + " " + toHex(hmacSha256(key, data));
      send_http_response(200, "digest", String.UTF8.encode(answer), []);
    }
    return FilterHeadersStatusValues.StopIteration;
  }
}

registerRootContext((context_id: u32) => new HmacRoot(context_id), "hmac");
