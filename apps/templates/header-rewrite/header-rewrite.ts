// Header rewrite: on the way to the origin, REQUEST_REMOVE drops headers, REQUEST_SET sets them (replacing any
// value) and REQUEST_ADD adds them (keeping any value); on the way back to the client, RESPONSE_REMOVE,
// RESPONSE_SET and RESPONSE_ADD do the same to the origin's response. Lists of "name: value" entries separated by
// ";" (or one per line), names comma-separated for the removals. Removals come first, so a name both removed and
// set ends with the value set.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  HeaderPair,
  Headers,
  log,
  LogLevelValues,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { commaList, entries, isToken, param, withoutHeaders } from "../_lib/params";
import { trim } from "../_lib/text";

class HeaderRewriteRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new HeaderRewrite(context_id, this);
  }
}

class HeaderRewrite extends Context {
  constructor(context_id: u32, root: HeaderRewriteRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    request.set_headers(rewrite(request.get_headers(), "REQUEST"));
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    response.set_headers(rewrite(response.get_headers(), "RESPONSE"));
    return FilterHeadersStatusValues.Continue;
  }
}

/** The pairs after PREFIX_REMOVE, PREFIX_SET and PREFIX_ADD, in that order. Pseudo-headers are left alone. */
function rewrite(pairs: Headers, prefix: string): Headers {
  const removed = pseudoFree(commaList(param(prefix + "_REMOVE", ""), true));
  const set = parsePairs(param(prefix + "_SET", ""));
  const added = parsePairs(param(prefix + "_ADD", ""));
  const setNames = new Array<string>();
  for (let i = 0; i < set.length; i++) {
    setNames.push(String.UTF8.decode(set[i].key));
  }
  const result = withoutHeaders(pairs, removed.concat(setNames));
  return result.concat(set).concat(added);
}

function pseudoFree(names: string[]): string[] {
  return names.filter((name: string) => !name.startsWith(":"));
}

/**
 * "name: value" entries (names lower-cased). An entry that is not one (no ":", a name that is not a header name
 * or is a pseudo-header, a value with a control character) is skipped and logged, so a typo never stops traffic.
 */
function parsePairs(text: string): HeaderPair[] {
  const out = new Array<HeaderPair>();
  const list = entries(text);
  for (let i = 0; i < list.length; i++) {
    const colon = list[i].indexOf(":");
    const name = colon <= 0 ? "" : trim(list[i].substring(0, colon)).toLowerCase();
    const value = colon <= 0 ? "" : trim(list[i].substring(colon + 1));
    if (!isToken(name) || hasControl(value)) {
      log(LogLevelValues.warn, "header-rewrite: skipped the entry \"" + list[i] + "\" (not \"name: value\")");
      continue;
    }
    out.push(makeHeaderPair(name, value));
  }
  return out;
}

function hasControl(value: string): bool {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 32 && code != 9 || code == 127) {
      return true;
    }
  }
  return false;
}

registerRootContext((context_id: u32) => new HeaderRewriteRoot(context_id), "header-rewrite");
