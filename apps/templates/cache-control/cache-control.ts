// Cache-Control by content type: the response of the origin gets the value of the first rule whose pattern
// matches its content type (RULES, "image/*=public, max-age=86400; text/html=no-cache"), else DEFAULT; with
// ONLY_IF_MISSING a Cache-Control the origin sent is kept. Only successful and redirect answers (200-399) are
// changed: an error page is not made cacheable. Parameters: README.md.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  get_property,
  registerRootContext,
  RootContext,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { param, paramBool, splitTrimmed } from "../_lib/params";
import { mediaType } from "../_lib/http";
import { trim } from "../_lib/text";

class CacheRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new CacheFilter(context_id, this);
  }
}

/** "image/*" matches any image type, "*" or "*\/*" anything, otherwise the type must be equal. */
function typeMatches(pattern: string, type: string): bool {
  if (pattern == "*" || pattern == "*/*") {
    return true;
  }
  if (pattern.endsWith("/*")) {
    return type.startsWith(pattern.substring(0, pattern.length - 1));
  }
  return pattern == type;
}

/** The Cache-Control value for `type`: the first matching rule's, else DEFAULT (empty: leave it). */
function valueFor(type: string): string {
  const rules = splitTrimmed(param("RULES"), ";");
  for (let i = 0; i < rules.length; i++) {
    const equals = rules[i].indexOf("=");
    if (equals <= 0) {
      continue; // not "pattern=value": ignored
    }
    if (type.length > 0 && typeMatches(trim(rules[i].substring(0, equals)).toLowerCase(), type)) {
      return trim(rules[i].substring(equals + 1));
    }
  }
  return param("DEFAULT");
}

function status(): u32 {
  const bytes = Uint8Array.wrap(get_property("response.status"));
  return bytes.length == 2 ? ((<u32>bytes[0]) << 8) | bytes[1] : 0;
}

class CacheFilter extends Context {
  constructor(context_id: u32, root: CacheRoot) {
    super(context_id, root);
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const code = status();
    if (code < 200 || code > 399) {
      return FilterHeadersStatusValues.Continue;
    }
    const response = stream_context.headers.response;
    if (paramBool("ONLY_IF_MISSING", false) && response.get("cache-control").length > 0) {
      return FilterHeadersStatusValues.Continue;
    }
    const value = valueFor(mediaType(response.get("content-type")));
    if (value.length > 0) {
      response.replace("cache-control", value);
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new CacheRoot(context_id), "cache-control");
