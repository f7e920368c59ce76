// Custom error pages: when the origin answers a status of ERROR_STATUSES (default 400-599), the client gets an
// HTML page instead of the origin's body, with the same status. The page is the first set of ERROR_PAGE_<status>
// (ERROR_PAGE_404), ERROR_PAGE_<class> (ERROR_PAGE_5XX), ERROR_PAGE and a built-in one; "{status}" in it becomes
// the status. The origin's body is never read; of its headers only those that give the status its meaning
// (KEPT_HEADERS) are kept.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  Headers,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  send_http_response,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { commaList, param, parseDigits } from "../_lib/params";
import { trim } from "../_lib/text";

const DEFAULT_PAGE = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error {status}</title>"
  + "</head>\n<body><h1>Error {status}</h1><p>Sorry, this page is not available right now.</p></body></html>\n";
const KEPT_HEADERS = ["retry-after", "www-authenticate", "allow", "cache-control"];

class ErrorPagesRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new ErrorPages(context_id, this);
  }
}

class ErrorPages extends Context {
  constructor(context_id: u32, root: ErrorPagesRoot) {
    super(context_id, root);
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    const status = parseDigits(trim(response.get(":status")));
    if (status < 100 || status > 599 || !listed(<i32>status, param("ERROR_STATUSES", "400-599"))) {
      return FilterHeadersStatusValues.Continue;
    }
    const code = status.toString();
    const page = param("ERROR_PAGE_" + code, param("ERROR_PAGE_" + code.charAt(0) + "XX",
      param("ERROR_PAGE", DEFAULT_PAGE)));
    const out: Headers = [makeHeaderPair("content-type", "text/html; charset=utf-8")];
    for (let i = 0; i < KEPT_HEADERS.length; i++) {
      const value = response.get(KEPT_HEADERS[i]);
      if (value.length > 0) {
        out.push(makeHeaderPair(KEPT_HEADERS[i], value));
      }
    }
    // A local answer ends the request here: the origin's body is dropped unread, and an empty one gets a page too.
    send_http_response(<u32>status, "error-page", String.UTF8.encode(page.replaceAll("{status}", code)), out);
    return FilterHeadersStatusValues.StopIteration;
  }
}

/** Whether `status` is in a list like "404, 500-599" (items that are neither are ignored). */
function listed(status: i32, list: string): bool {
  const items = commaList(list, false);
  for (let i = 0; i < items.length; i++) {
    const dash = items[i].indexOf("-");
    const low = parseDigits(dash < 0 ? items[i] : trim(items[i].substring(0, dash)));
    const high = dash < 0 ? low : parseDigits(trim(items[i].substring(dash + 1)));
    if (low >= 0 && <i64>status >= low && <i64>status <= high) {
      return true;
    }
  }
  return false;
}

registerRootContext((context_id: u32) => new ErrorPagesRoot(context_id), "error-pages");
