// A callout before the origin: asks the upstream in the dictionary's AUTH_HOST (host:port) for /verdict, and
// passes its answer to the origin as x-verdict. A latch keeps FastEdge's re-run of the hook from calling again;
// the callback resumes the request for Envoy's model. A failed call (headers 0) is answered 502 locally.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  BaseContext,
  BufferTypeValues,
  Context,
  FilterHeadersStatusValues,
  get_buffer_bytes,
  HeaderPair,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  send_http_response,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { getDictionary } from "@gcoredev/proxy-wasm-sdk-as/assembly/fastedge";

class CalloutRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new CalloutFilter(context_id, this);
  }
}

class CalloutFilter extends Context {
  asked: bool = false;

  constructor(context_id: u32, root: CalloutRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    if (this.asked) {
      return FilterHeadersStatusValues.Continue;
    }
    this.asked = true;
    const host = getDictionary("AUTH_HOST");
    const call = new Array<HeaderPair>();
    call.push(makeHeaderPair(":method", "GET"));
    call.push(makeHeaderPair(":path", "/verdict?for=" + stream_context.headers.request.get(":path")));
    call.push(makeHeaderPair(":authority", host));
    call.push(makeHeaderPair(":scheme", "http"));
    (this.root_context as CalloutRoot).httpCall(host, call, new ArrayBuffer(0), [], 5000, this, answered);
    return FilterHeadersStatusValues.StopIteration;
  }
}

function answered(context: BaseContext, headers: u32, body_size: usize, trailers: u32): void {
  if (headers == 0) {
    send_http_response(502, "callout failed", String.UTF8.encode("callout failed\n"), []);
    return;
  }
  const verdict = String.UTF8.decode(get_buffer_bytes(BufferTypeValues.HttpCallResponseBody, 0, <u32>body_size));
  stream_context.headers.request.add("x-verdict", verdict);
  stream_context.headers.request.add("x-verdict-status", stream_context.headers.http_callback.get(":status"));
  context.continueRequest();
}

registerRootContext((context_id: u32) => new CalloutRoot(context_id), "callout");
