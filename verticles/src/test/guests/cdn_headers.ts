// A header filter (FastEdge's SDK, unchanged host semantics): adds, replaces and removes request headers before
// the origin, adds a response header while the request headers are filtered, and reshapes the response headers.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  registerRootContext,
  RootContext,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";

class HeadersRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new HeadersFilter(context_id, this);
  }
}

class HeadersFilter extends Context {
  constructor(context_id: u32, root: HeadersRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    request.add("x-filter", "on");
    request.replace("x-replace-me", "replaced");
    request.remove("x-remove-me");
    stream_context.headers.response.add("x-added-early", "yes");
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    response.add("x-filtered", "yes");
    response.remove("x-origin-secret");
    response.replace("x-origin-header", response.get("x-origin-header") + "+filtered");
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new HeadersRoot(context_id), "headers");
