// Download authorization: a request goes on to the origin only with a valid, unexpired token, in the query
// (TOKEN_PARAM) or a header (TOKEN_HEADER). A token is EXPIRES-SIGNATURE: EXPIRES in Unix seconds, SIGNATURE the
// hex HMAC-SHA256 of "PATH\nEXPIRES" under the secret TOKEN_SECRET (PATH as requested, without the query).
// Anything else: 403, and the origin is not called. The token is taken off before the origin sees the request.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  registerRootContext,
  RootContext,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { nowSeconds, param, paramNumber, parseDigits, pathOf, queryOf, queryParam, refuse, withoutHeaders,
  withoutParams } from "../_lib/params";
import { checkSignature, refusedFor } from "../_lib/signed";

class DownloadAuthRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new DownloadAuth(context_id, this);
  }
}

class DownloadAuth extends Context {
  constructor(context_id: u32, root: DownloadAuthRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const tokenParam = param("TOKEN_PARAM", "token");
    const tokenHeader = param("TOKEN_HEADER", "x-download-token").toLowerCase();
    const request = stream_context.headers.request;
    const target = request.get(":path");
    const fromQuery = queryParam(queryOf(target), tokenParam);
    const token = fromQuery != null ? fromQuery : request.get(tokenHeader);
    if (token.length == 0) {
      refuse(403, "Forbidden: this link needs a download token.");
      return FilterHeadersStatusValues.StopIteration;
    }
    const dash = token.indexOf("-");
    const expires = dash < 0 ? -1 : parseDigits(token.substring(0, dash));
    if (expires < 0) {
      refuse(403, "Forbidden: the download token is malformed.");
      return FilterHeadersStatusValues.StopIteration;
    }
    const message = pathOf(target) + "\n" + token.substring(0, dash);
    const verdict = checkSignature("TOKEN_SECRET", message, token.substring(dash + 1), <u64>expires, nowSeconds(),
      paramNumber("MAX_TTL", 86400));
    if (refusedFor(verdict, "download token", "TOKEN_SECRET")) {
      return FilterHeadersStatusValues.StopIteration;
    }
    // The origin (and its cache key) sees the plain URL, without the token.
    request.set_headers(withoutHeaders(request.get_headers(), [tokenHeader]));
    request.replace(":path", withoutParams(target, [tokenParam]));
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new DownloadAuthRoot(context_id), "download-auth");
