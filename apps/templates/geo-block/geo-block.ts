// Geo-blocking at the edge: the client's country (request.country, located by the node) is checked against
// COUNTRIES, a list allowed (MODE allow) or denied (MODE deny); a client whose country is unknown follows
// UNKNOWN. A blocked client gets 403 with a short page, or a redirect to REDIRECT_URL when set, and the origin
// is not called. Parameters: README.md.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  get_property,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  send_http_response,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { escapeHtml } from "../_lib/html";
import { param, paramList } from "../_lib/params";
import { trim } from "../_lib/text";

class GeoRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new GeoFilter(context_id, this);
  }
}

function listed(countries: string[], country: string): bool {
  for (let i = 0; i < countries.length; i++) {
    if (countries[i].toUpperCase() == country) {
      return true;
    }
  }
  return false;
}

/** Whether the client may go on: by its country when known, else by UNKNOWN. */
function allowed(country: string): bool {
  if (country.length == 0) {
    return param("UNKNOWN", "allow").toLowerCase() != "deny";
  }
  const inList = listed(paramList("COUNTRIES"), country);
  return param("MODE", "deny").toLowerCase() == "allow" ? inList : !inList;
}

function block(country: string): void {
  const redirect = param("REDIRECT_URL");
  if (redirect.length > 0) {
    send_http_response(302, "geo-redirect", new ArrayBuffer(0),
      [makeHeaderPair("location", redirect), makeHeaderPair("cache-control", "no-store")]);
    return;
  }
  const message = param("MESSAGE", "This content is not available in your country.");
  const page = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Not available</title></head>\n"
    + "<body><h1>Not available</h1><p>" + escapeHtml(message) + "</p></body></html>\n";
  send_http_response(403, "geo-blocked", String.UTF8.encode(page),
    [makeHeaderPair("content-type", "text/html; charset=utf-8"), makeHeaderPair("cache-control", "no-store"),
      makeHeaderPair("x-blocked-country", country.length == 0 ? "unknown" : country)]);
}

class GeoFilter extends Context {
  constructor(context_id: u32, root: GeoRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const country = trim(String.UTF8.decode(get_property("request.country"))).toUpperCase();
    if (allowed(country)) {
      return FilterHeadersStatusValues.Continue;
    }
    block(country);
    return FilterHeadersStatusValues.StopIteration;
  }
}

registerRootContext((context_id: u32) => new GeoRoot(context_id), "geo-block");
