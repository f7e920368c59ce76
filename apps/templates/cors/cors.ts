// CORS at the edge: a browser's preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered
// here, 204 for an allowed origin and method, 403 otherwise, and never reaches the origin; other requests go on,
// and the response of an allowed origin gets Access-Control-Allow-Origin (and Vary: Origin when it names the
// origin). A disallowed origin gets no CORS headers from this filter. Parameters: README.md.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  HeaderPair,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  send_http_response,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { param, paramBool, paramInt, paramList } from "../_lib/params";

const DEFAULT_METHODS = "GET, HEAD, POST";

class CorsRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new CorsFilter(context_id, this);
  }
}

/** The policy, read from the parameters for each phase (FastEdge runs each phase in a fresh instance). */
class Policy {
  origins: string[] = paramList("ALLOWED_ORIGINS", "*");
  methods: string[] = paramList("ALLOWED_METHODS", DEFAULT_METHODS);
  headers: string = param("ALLOWED_HEADERS");
  expose: string = param("EXPOSE_HEADERS");
  maxAge: i32 = paramInt("MAX_AGE", 600, 0, 86400);
  credentials: bool = paramBool("ALLOW_CREDENTIALS", false);

  anyOrigin(): bool {
    return this.origins.includes("*");
  }

  allows(origin: string): bool {
    if (origin.length == 0) {
      return false;
    }
    if (this.anyOrigin()) {
      return true;
    }
    const given = origin.toLowerCase();
    for (let i = 0; i < this.origins.length; i++) {
      if (originMatches(this.origins[i].toLowerCase(), given)) {
        return true;
      }
    }
    return false;
  }

  allowsMethod(method: string): bool {
    const wanted = method.toUpperCase();
    for (let i = 0; i < this.methods.length; i++) {
      if (this.methods[i].toUpperCase() == wanted) {
        return true;
      }
    }
    return false;
  }

  /** `*` only when any origin may call without credentials; otherwise the caller's origin, which varies. */
  allowOriginValue(origin: string): string {
    return this.anyOrigin() && !this.credentials ? "*" : origin;
  }
}

/** `https://*.example.com` matches any subdomain of example.com over https; anything else matches exactly. */
function originMatches(pattern: string, origin: string): bool {
  const star = pattern.indexOf("://*.");
  if (star < 0) {
    return pattern == origin;
  }
  const scheme = pattern.substring(0, star + 3);
  const suffix = pattern.substring(star + 4); // ".example.com"
  return origin.startsWith(scheme) && origin.endsWith(suffix) && origin.length > scheme.length + suffix.length;
}

class CorsFilter extends Context {
  constructor(context_id: u32, root: CorsRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    const method = request.get(":method").toUpperCase();
    const origin = request.get("origin");
    const wanted = request.get("access-control-request-method");
    if (method != "OPTIONS" || origin.length == 0 || wanted.length == 0) {
      return FilterHeadersStatusValues.Continue; // not a preflight: the origin answers
    }
    const policy = new Policy();
    if (!policy.allows(origin) || !policy.allowsMethod(wanted)) {
      send_http_response(403, "cors-refused", String.UTF8.encode("CORS preflight refused\n"),
        [makeHeaderPair("content-type", "text/plain; charset=utf-8"), makeHeaderPair("vary", "Origin")]);
      return FilterHeadersStatusValues.StopIteration;
    }
    const answer: HeaderPair[] = [
      makeHeaderPair("access-control-allow-origin", policy.allowOriginValue(origin)),
      makeHeaderPair("access-control-allow-methods", policy.methods.join(", ")),
      makeHeaderPair("access-control-max-age", policy.maxAge.toString()),
      makeHeaderPair("vary", "Origin"),
    ];
    // Without a list, the headers the browser asks for are allowed (the usual default of CORS middleware).
    const allowHeaders = policy.headers.length > 0 ? policy.headers : request.get("access-control-request-headers");
    if (allowHeaders.length > 0) {
      answer.push(makeHeaderPair("access-control-allow-headers", allowHeaders));
    }
    if (policy.credentials) {
      answer.push(makeHeaderPair("access-control-allow-credentials", "true"));
    }
    send_http_response(204, "cors-preflight", new ArrayBuffer(0), answer);
    return FilterHeadersStatusValues.StopIteration;
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const origin = stream_context.headers.request.get("origin");
    const policy = new Policy();
    if (!policy.allows(origin)) {
      return FilterHeadersStatusValues.Continue;
    }
    const response = stream_context.headers.response;
    const value = policy.allowOriginValue(origin);
    response.replace("access-control-allow-origin", value);
    if (value != "*") {
      const vary = response.get("vary");
      if (vary.length == 0) {
        response.replace("vary", "Origin");
      } else if (!vary.toLowerCase().includes("origin") && vary != "*") {
        response.replace("vary", vary + ", Origin");
      }
    }
    if (policy.credentials) {
      response.replace("access-control-allow-credentials", "true");
    }
    if (policy.expose.length > 0) {
      response.replace("access-control-expose-headers", policy.expose);
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new CorsRoot(context_id), "cors");
