// A/B split by cookie: a client whose cookie COOKIE_NAME says "b" goes to variant B, "a" to variant A; a client
// without one (or with another value) is assigned B with probability PERCENT_B % and gets a Set-Cookie so it
// stays. Variant B reaches the origin with the Host B_HOST and/or its path under B_PATH_PREFIX; variant A
// unchanged. The variant travels to the origin in VARIANT_HEADER. Parameters and routing: README.md.
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
import { param, paramInt } from "../_lib/params";
import { trim } from "../_lib/text";

class SplitRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new SplitFilter(context_id, this);
  }
}

/** The value of cookie `name` in a Cookie header ("a=1; name=b"), or "". */
function cookie(header: string, name: string): string {
  const pairs = header.split(";");
  for (let i = 0; i < pairs.length; i++) {
    const pair = trim(pairs[i]);
    const equals = pair.indexOf("=");
    if (equals > 0 && trim(pair.substring(0, equals)) == name) {
      return trim(pair.substring(equals + 1));
    }
  }
  return "";
}

/** `prefix` as "/x" (a leading slash, no trailing one); "" stays "". */
function normalizedPrefix(prefix: string): string {
  let result = prefix.startsWith("/") ? prefix : "/" + prefix;
  while (result.endsWith("/")) {
    result = result.substring(0, result.length - 1);
  }
  return result;
}

function routeToB(): void {
  const host = param("B_HOST");
  if (host.length > 0) {
    set_property("request.host", String.UTF8.encode(host));
  }
  const prefix = normalizedPrefix(param("B_PATH_PREFIX"));
  if (prefix.length > 0) {
    const path = String.UTF8.decode(get_property("request.path"));
    set_property("request.path", String.UTF8.encode(prefix + (path.startsWith("/") ? path : "/" + path)));
  }
}

class SplitFilter extends Context {
  constructor(context_id: u32, root: SplitRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    const name = param("COOKIE_NAME", "ab_variant");
    let variant = cookie(request.get("cookie"), name).toLowerCase();
    if (variant != "a" && variant != "b") {
      const percent = paramInt("PERCENT_B", 50, 0, 100);
      variant = Math.random() * 100 < <f64>percent ? "b" : "a";
      const maxAge = paramInt("COOKIE_MAX_AGE", 2592000, 0, 0x7fffffff);
      // Added to the response while the request is filtered: the host adds it to the origin's answer.
      stream_context.headers.response.add("set-cookie",
        name + "=" + variant + "; Path=/; Max-Age=" + maxAge.toString() + "; SameSite=Lax");
    }
    if (variant == "b") {
      routeToB();
    }
    const header = param("VARIANT_HEADER", "x-ab-variant");
    if (header.toLowerCase() != "none") {
      request.replace(header.toLowerCase(), variant);
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new SplitRoot(context_id), "ab-split");
