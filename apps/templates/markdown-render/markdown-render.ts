// Markdown render: an http app serving the Markdown documents of another server as web pages. A GET for PATH
// fetches BASE + PATH (INDEX appended to a path ending in "/") with outbound HTTP and answers it rendered into an
// HTML page (apps/templates/_lib/markdown_page.ts) with TITLE and the HEAD snippet. The origin's 404 is a 404 page;
// any other failure of the origin is 502. Parameters: README.md.
import { Config, Header, Log, Request, Response, fetch, setUserDiag } from "../../../sdk/assemblyscript/assembly";
export { wedge_abi_version_1 } from "../../../sdk/assemblyscript/assembly";
import { escapeHtml } from "../_lib/html";
import { markdownPage } from "../_lib/markdown_page";
import { trim } from "../_lib/text";

/** A parameter's value, trimmed; `fallback` when unset or blank. */
function param(name: string, fallback: string = ""): string {
  const value = Config.env(name);
  const trimmed = value !== null ? trim(value) : "";
  return trimmed.length > 0 ? trimmed : fallback;
}

/** A short HTML page for an answer that is not a document. */
function problem(status: i32, text: string): i32 {
  setUserDiag(text);
  Response.send(status, "text/html; charset=utf-8", "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
    + "<title>" + status.toString() + "</title>\n</head>\n<body>\n<p>" + escapeHtml(text) + "</p>\n</body>\n</html>\n");
  return 0;
}

/** Whether the path has a ".." segment (also percent-encoded): it would reach outside BASE on many servers. */
function climbs(path: string): bool {
  const segments = path.replaceAll("%2e", ".").replaceAll("%2E", ".").split("/");
  return segments.includes("..");
}

export function wedge_on_request(): i32 {
  const method = Request.method();
  if (method != "GET" && method != "HEAD") {
    Response.setHeader("allow", "GET, HEAD");
    return problem(405, "Only GET and HEAD are answered here.");
  }
  let base = param("BASE");
  if (base.length == 0) {
    Log.error("markdown-render: the parameter BASE is not set");
    return problem(500, "This site is not configured yet (BASE is missing).");
  }
  let path = Request.path();
  if (climbs(path)) {
    return problem(400, "A path with \"..\" is not served.");
  }
  if (path.endsWith("/")) {
    path += param("INDEX", "index.md");
  }
  if (base.endsWith("/")) {
    base = base.substring(0, base.length - 1);
  }
  const url = base + (path.startsWith("/") ? path : "/" + path);
  const fetched = fetch("GET", url, [new Header("accept", "text/markdown, text/plain;q=0.9, */*;q=0.1")]);
  if (!fetched.ok) {
    Log.warn("markdown-render: " + url + ": " + fetched.error);
    return problem(502, "The document could not be fetched (" + fetched.error + ").");
  }
  const answer = fetched.value;
  if (answer.status == 404 || answer.status == 410) {
    return problem(404, "There is no document at " + path + ".");
  }
  if (answer.status < 200 || answer.status > 299) {
    Log.warn("markdown-render: " + url + " answered " + answer.status.toString());
    return problem(502, "The document's server answered " + answer.status.toString() + ".");
  }
  Response.setHeader("cache-control", param("CACHE_CONTROL", "max-age=60"));
  Response.send(200, "text/html; charset=utf-8", markdownPage(answer.text(), path, param("TITLE"), param("HEAD")));
  return 0;
}
