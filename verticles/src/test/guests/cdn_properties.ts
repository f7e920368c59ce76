// Properties: /old/... goes to the origin as /new/...; request facts travel as headers; the response reports
// its status (a 2-byte big-endian property); the client's country comes from the node's geolocation; and whether a property set while the request headers were filtered
// is still there (FastEdge: no; Envoy: yes).
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  get_property,
  registerRootContext,
  RootContext,
  set_property,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";

class PropertiesRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new PropertiesFilter(context_id, this);
  }
}

function text(name: string): string {
  return String.UTF8.decode(get_property(name));
}

class PropertiesFilter extends Context {
  constructor(context_id: u32, root: PropertiesRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const path = text("request.path");
    if (path.startsWith("/old/")) {
      set_property("request.path", String.UTF8.encode("/new/" + path.substring(5)));
    }
    const request = stream_context.headers.request;
    request.add("x-seen-host", text("request.host"));
    request.add("x-seen-method", text("request.method"));
    request.add("x-seen-extension", text("request.extension"));
    request.add("x-seen-query", text("request.query"));
    request.add("x-seen-url", text("request.url"));
    request.add("x-seen-country", text("request.country"));
    set_property("carried", String.UTF8.encode("from-request"));
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const status = Uint8Array.wrap(get_property("response.status"));
    const code: u32 = status.length == 2 ? ((<u32>status[0]) << 8) | status[1] : 0;
    const response = stream_context.headers.response;
    response.add("x-status", code.toString());
    const carried = text("carried");
    response.add("x-carried", carried == "" ? "absent" : carried);
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new PropertiesRoot(context_id), "properties");
