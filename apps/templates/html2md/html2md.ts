// HTML to Markdown for clients that ask for it: when a request's Accept names text/markdown, an HTML answer of
// the origin (text/html, or application/xhtml+xml) reaches the client as Markdown (text/markdown; charset=utf-8),
// converted by apps/templates/_lib/html2md.ts. Other clients, and answers that are not HTML, pass untouched.
// Answers that can be converted say "Vary: Accept", so a cache keeps the two forms apart. To get bodies it can
// read, the filter takes Accept-Encoding off the requests it converts; a compressed answer passes unchanged.
// Parameters: README.md.
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
import { htmlToMarkdown } from "../_lib/html2md";
import { mediaType } from "../_lib/http";
import { withoutHeaders } from "../_lib/params";
import { trim } from "../_lib/text";

class Html2MdRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new Html2Md(context_id, this);
  }
}

/** Whether an Accept header names text/markdown (or text/x-markdown) with a quality above zero. */
function wantsMarkdown(accept: string): bool {
  const ranges = accept.split(",");
  for (let i = 0; i < ranges.length; i++) {
    const type = mediaType(ranges[i]);
    if (type != "text/markdown" && type != "text/x-markdown") {
      continue;
    }
    const params = ranges[i].split(";");
    let refused = false;
    for (let k = 1; k < params.length; k++) {
      const param = trim(params[k]).toLowerCase();
      if (param.startsWith("q=")) {
        const q = trim(param.substring(2));
        refused = q == "0" || q == "0." || q == "0.0" || q == "0.00" || q == "0.000";
      }
    }
    if (!refused) return true;
  }
  return false;
}

function isHtml(contentType: string): bool {
  const type = mediaType(contentType);
  return type == "text/html" || type == "application/xhtml+xml";
}

class Html2Md extends Context {
  constructor(context_id: u32, root: Html2MdRoot) {
    super(context_id, root);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const request = stream_context.headers.request;
    if (wantsMarkdown(request.get("accept"))) {
      request.set_headers(withoutHeaders(request.get_headers(), ["accept-encoding"]));
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    if (isHtml(response.get("content-type"))) {
      const vary = trim(response.get("vary"));
      const names = vary.toLowerCase().split(",").map<string>((name: string) => trim(name));
      if (!names.includes("accept") && !names.includes("*")) {
        response.replace("vary", vary.length > 0 ? vary + ", Accept" : "Accept");
      }
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    // Phases may run in instances of their own (FastEdge's model): the request is asked again, not remembered.
    if (!wantsMarkdown(stream_context.headers.request.get("accept"))) {
      return FilterDataStatusValues.Continue;
    }
    if (!end_of_stream) {
      return FilterDataStatusValues.StopIterationAndBuffer;
    }
    const response = stream_context.headers.response;
    const encoding = trim(response.get("content-encoding")).toLowerCase();
    if (!isHtml(response.get("content-type")) || (encoding != "" && encoding != "identity")) {
      return FilterDataStatusValues.Continue;
    }
    const html = String.UTF8.decode(get_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length));
    set_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length,
      String.UTF8.encode(htmlToMarkdown(html)));
    response.replace("content-type", "text/markdown; charset=utf-8");
    return FilterDataStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new Html2MdRoot(context_id), "html2md");
