// Upload authentication: PUT and POST (METHODS) reach the origin only with a valid, unexpired signature: the hex
// HMAC-SHA256 of "METHOD\nPATH\nEXPIRES" under the secret UPLOAD_SECRET (PATH as requested, without the query),
// given with its EXPIRES (Unix seconds) in the query (SIGNATURE_PARAM, EXPIRES_PARAM) or in headers
// (SIGNATURE_HEADER, EXPIRES_HEADER). No signature: 401; a wrong, expired or malformed one: 403. Other methods
// pass, or get 405 when OTHER_METHODS is "deny". The signature is taken off before the origin sees the request.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { commaList, nowSeconds, param, paramNumber, parseDigits, pathOf, queryOf, queryParam, refuse,
  withoutHeaders, withoutParams } from "../_lib/params";
import { checkSignature, refusedFor } from "../_lib/signed";

class UploadAuthRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new UploadAuth(context_id, this);
  }
}

class UploadAuth extends Context {
  constructor(context_id: u32, root: UploadAuthRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    const method = request.get(":method").toUpperCase();
    const guarded = commaList(param("METHODS", "PUT,POST").toUpperCase(), false);
    if (!guarded.includes(method)) {
      if (param("OTHER_METHODS", "pass").toLowerCase() == "deny") {
        refuse(405, "Method not allowed.", [makeHeaderPair("allow", guarded.join(", "))]);
        return FilterHeadersStatusValues.StopIteration;
      }
      return FilterHeadersStatusValues.Continue;
    }
    const signatureParam = param("SIGNATURE_PARAM", "signature");
    const expiresParam = param("EXPIRES_PARAM", "expires");
    const signatureHeader = param("SIGNATURE_HEADER", "x-upload-signature").toLowerCase();
    const expiresHeader = param("EXPIRES_HEADER", "x-upload-expires").toLowerCase();
    const target = request.get(":path");
    const query = queryOf(target);
    const signatureInQuery = queryParam(query, signatureParam);
    const expiresInQuery = queryParam(query, expiresParam);
    const signature = signatureInQuery != null ? signatureInQuery : request.get(signatureHeader);
    const expiresText = expiresInQuery != null ? expiresInQuery : request.get(expiresHeader);
    if (signature.length == 0) {
      refuse(401, "Unauthorized: an upload needs a signature.",
        [makeHeaderPair("www-authenticate", 'HMAC-SHA256 realm="upload"')]);
      return FilterHeadersStatusValues.StopIteration;
    }
    const expires = parseDigits(expiresText);
    if (expires < 0) {
      refuse(403, "Forbidden: the upload signature has no valid expiry.");
      return FilterHeadersStatusValues.StopIteration;
    }
    const message = method + "\n" + pathOf(target) + "\n" + expiresText;
    const verdict = checkSignature("UPLOAD_SECRET", message, signature, <u64>expires, nowSeconds(),
      paramNumber("MAX_TTL", 3600));
    if (refusedFor(verdict, "upload signature", "UPLOAD_SECRET")) {
      return FilterHeadersStatusValues.StopIteration;
    }
    request.set_headers(withoutHeaders(request.get_headers(), [signatureHeader, expiresHeader]));
    request.replace(":path", withoutParams(target, [signatureParam, expiresParam]));
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new UploadAuthRoot(context_id), "upload-auth");
