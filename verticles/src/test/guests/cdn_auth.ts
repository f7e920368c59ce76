// An API-key check answered locally: a request without the secret API_KEY in x-api-key gets 401 and never
// reaches the origin; a good one goes on without the key. The dictionary's REALM names the realm.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  send_http_response,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { getDictionary, getEnvVar, getSecretVar } from "@gcoredev/proxy-wasm-sdk-as/assembly/fastedge";

class AuthRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new AuthFilter(context_id, this);
  }
}

class AuthFilter extends Context {
  constructor(context_id: u32, root: AuthRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const given = stream_context.headers.request.get("x-api-key");
    const expected = getSecretVar("API_KEY");
    if (expected == "" || given != expected) {
      send_http_response(401, "unauthorized", String.UTF8.encode("no entry to " + getDictionary("REALM") + "\n"),
        [makeHeaderPair("www-authenticate", "ApiKey"), makeHeaderPair("x-env", getEnvVar("STAGE"))]);
      return FilterHeadersStatusValues.StopIteration;
    }
    stream_context.headers.request.remove("x-api-key");
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new AuthRoot(context_id), "auth");
