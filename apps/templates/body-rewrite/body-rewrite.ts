// Response body rewrite: every "find=>replacement" pair of REPLACE is applied, in order, to the origin's response
// body when its content type is one of CONTENT_TYPES ("text/*" covers a whole family). Bytes are compared as
// they are, so any text encoding works. Compressed bodies (a Content-Encoding other than identity) pass
// unchanged; to get uncompressed ones, Accept-Encoding is taken off the request. The node frames the new body
// (its Content-Length is the node's, never the origin's).
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  BufferTypeValues,
  Context,
  FilterDataStatusValues,
  FilterHeadersStatusValues,
  get_buffer_bytes,
  registerRootContext,
  RootContext,
  set_buffer_bytes,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { utf8 } from "../_lib/crypto";
import { commaList, entries, param, withoutHeaders } from "../_lib/params";
import { trim } from "../_lib/text";
import { mediaType } from "../_lib/http";

const DEFAULT_TYPES = "text/*, application/javascript, application/json, application/xml, image/svg+xml";

class BodyRewriteRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new BodyRewrite(context_id, this);
  }
}

class BodyRewrite extends Context {
  constructor(context_id: u32, root: BodyRewriteRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    request.set_headers(withoutHeaders(request.get_headers(), ["accept-encoding"]));
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) {
      return FilterDataStatusValues.StopIterationAndBuffer;
    }
    const response = stream_context.headers.response;
    const encoding = trim(response.get("content-encoding")).toLowerCase();
    if (encoding.length > 0 && encoding != "identity" || !rewritable(response.get("content-type"))) {
      return FilterDataStatusValues.Continue;
    }
    const original = Uint8Array.wrap(get_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length));
    let body = original;
    const pairs = entries(param("REPLACE", ""));
    for (let i = 0; i < pairs.length; i++) {
      const arrow = pairs[i].indexOf("=>");
      if (arrow > 0) {
        body = replaceAll(body, utf8(trim(pairs[i].substring(0, arrow))),
          utf8(trim(pairs[i].substring(arrow + 2))));
      }
    }
    if (body !== original) {
      set_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length, body.buffer);
    }
    return FilterDataStatusValues.Continue;
  }
}

/** Whether a Content-Type's media type is one of CONTENT_TYPES (a "type/*" entry matches the family). */
function rewritable(contentType: string): bool {
  const media = mediaType(contentType);
  if (media.length == 0) {
    return false;
  }
  const types = commaList(param("CONTENT_TYPES", DEFAULT_TYPES), true);
  for (let i = 0; i < types.length; i++) {
    const wanted = types[i];
    if (wanted == media || wanted.endsWith("/*") && media.startsWith(wanted.substring(0, wanted.length - 1))) {
      return true;
    }
  }
  return false;
}

/** `body` with every occurrence of `find` replaced, left to right; the same array when nothing matched. */
function replaceAll(body: Uint8Array, find: Uint8Array, replacement: Uint8Array): Uint8Array {
  if (find.length == 0 || body.length < find.length) {
    return body;
  }
  const starts = new Array<i32>();
  for (let i = 0; i + find.length <= body.length;) {
    if (matchesAt(body, find, i)) {
      starts.push(i);
      i += find.length;
    } else {
      i++;
    }
  }
  if (starts.length == 0) {
    return body;
  }
  const out = new Uint8Array(body.length + starts.length * (replacement.length - find.length));
  let from = 0;
  let to = 0;
  for (let k = 0; k < starts.length; k++) {
    out.set(body.subarray(from, starts[k]), to);
    to += starts[k] - from;
    out.set(replacement, to);
    to += replacement.length;
    from = starts[k] + find.length;
  }
  out.set(body.subarray(from), to);
  return out;
}

function matchesAt(body: Uint8Array, find: Uint8Array, at: i32): bool {
  for (let j = 0; j < find.length; j++) {
    if (body[at + j] != find[j]) {
      return false;
    }
  }
  return true;
}

registerRootContext((context_id: u32) => new BodyRewriteRoot(context_id), "body-rewrite");
