// A rendered Markdown document as a whole HTML page, for md2html (an origin's Markdown answer) and markdown-render
// (Markdown fetched by an http app). No SDK here: each template reads its TITLE and HEAD its own way.
import { escapeHtml } from "./html";
import { withoutQuery } from "./http";
import { render } from "./markdown";

/** The last segment of the path, for a title when the document has no heading. */
function fileName(path: string): string {
  const bare = withoutQuery(path);
  return bare.substring(bare.lastIndexOf("/") + 1);
}

/**
 * The page for a Markdown document served at `path`: titled `title` (plain text), else by the document's first
 * heading, else by its file name; `head` (HTML, as configured) put into the head as it is.
 */
export function markdownPage(markdown: string, path: string, title: string, head: string): string {
  const document = render(markdown);
  let shown = escapeHtml(title);
  if (shown.length == 0) {
    shown = document.title.length > 0 ? document.title : escapeHtml(fileName(path));
  }
  return "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    + "<title>" + shown + "</title>\n" + (head.length > 0 ? head + "\n" : "") + "</head>\n<body>\n"
    + document.html + "</body>\n</html>\n";
}
