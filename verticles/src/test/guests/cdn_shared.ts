// Shared data with compare-and-set and a metric: every request counts itself in the node-wide "hits" (retrying
// on a CAS mismatch) and in the counter "requests"; the origin's response carries the count.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  Counter,
  FilterHeadersStatusValues,
  get_shared_data,
  registerRootContext,
  RootContext,
  set_shared_data,
  stream_context,
  WasmResultValues,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";

class SharedRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new SharedFilter(context_id, this);
  }
}

class SharedFilter extends Context {
  constructor(context_id: u32, root: SharedRoot) {
    super(context_id, root);
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    let count: u32 = 0;
    for (let attempt = 0; attempt < 100; attempt++) {
      const current = get_shared_data("hits");
      const value = current.value;
      const seen: u32 = value != null && value.byteLength == 4 ? Uint32Array.wrap(value)[0] : 0;
      const next = new Uint32Array(1);
      next[0] = seen + 1;
      if (set_shared_data("hits", next.buffer, current.cas) == WasmResultValues.Ok) {
        count = seen + 1;
        break;
      }
    }
    new Counter("requests").increment(1);
    stream_context.headers.response.add("x-hits", count.toString());
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new SharedRoot(context_id), "shared");
