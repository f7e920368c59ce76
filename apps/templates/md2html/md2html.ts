// Markdown to HTML on the response body: a response of Markdown (content type text/markdown, or a path ending
// in .md served as plain text or bytes) becomes an HTML page: TITLE (default: the document's first heading) and
// the HEAD snippet in its <head>, the rendered document in its <body>. Anything else passes untouched.
// The page is apps/templates/_lib/markdown_page.ts. Parameters: README.md.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  BufferTypeValues,
  Context,
  FilterDataStatusValues,
  get_buffer_bytes,
  get_property,
  registerRootContext,
  RootContext,
  set_buffer_bytes,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { markdownPage } from "../_lib/markdown_page";
import { param } from "../_lib/params";
import { mediaType, withoutQuery } from "../_lib/http";

class MarkdownRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new MarkdownFilter(context_id, this);
  }
}

/** Whether the origin's answer is Markdown: by its content type, or by a .md path served as untyped text. */
function isMarkdown(contentType: string, path: string): bool {
  const type = mediaType(contentType);
  if (type == "text/markdown" || type == "text/x-markdown") {
    return true;
  }
  return withoutQuery(path).toLowerCase().endsWith(".md") && (type == "" || type == "text/plain" || type == "application/octet-stream");
}

class MarkdownFilter extends Context {
  constructor(context_id: u32, root: MarkdownRoot) {
    super(context_id, root);
  }

  onResponseBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) {
      return FilterDataStatusValues.StopIterationAndBuffer;
    }
    const response = stream_context.headers.response;
    const path = String.UTF8.decode(get_property("request.path"));
    const encoding = response.get("content-encoding").toLowerCase();
    if (!isMarkdown(response.get("content-type"), path) || (encoding != "" && encoding != "identity")) {
      return FilterDataStatusValues.Continue; // not Markdown, or compressed: passed on as it is
    }
    const markdown = String.UTF8.decode(get_buffer_bytes(BufferTypeValues.HttpResponseBody, 0,
      <u32>body_buffer_length));
    set_buffer_bytes(BufferTypeValues.HttpResponseBody, 0, <u32>body_buffer_length,
      String.UTF8.encode(markdownPage(markdown, path, param("TITLE"), param("HEAD"))));
    response.replace("content-type", "text/html; charset=utf-8");
    return FilterDataStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => new MarkdownRoot(context_id), "md2html");
