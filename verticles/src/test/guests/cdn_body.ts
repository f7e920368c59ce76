// A body rewrite: the response body's "origin" becomes "edge", and the request body gets a prefix.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  BufferTypeValues,
  Context,
  FilterDataStatusValues,
  FilterHeadersStatusValues,
  get_buffer_bytes,
  registerRootContext,
  RootContext,
  set_buffer_bytes,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";

class BodyRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new BodyFilter(context_id, this);
  }
}

class BodyFilter extends Context {
  constructor(context_id: u32, root: BodyRoot) {
    super(context_id, root);
  }

  onRequestBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) {
      return FilterDataStatusValues.StopIterationAndBuffer;
    }
    set_buffer_bytes(BufferTypeValues.HttpRequestBody, 0, 0, String.UTF8.encode("filtered:"));
    return FilterDataStatusValues.Continue;
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    stream_context.headers.response.remove("content-length");
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) {
      return FilterDataStatusValues.StopIterationAndBuffer;
    }
    const body = String.UTF8.decode(get_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length));
    const changed = body.replaceAll("origin", "edge");
    set_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length, String.UTF8.encode(changed));
    return FilterDataStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new BodyRoot(context_id), "body");
