// HTML text escaping, shared by the templates that write HTML.

/** `text` safe inside HTML text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let entity = "";
    if (c == 38) entity = "&amp;";
    else if (c == 60) entity = "&lt;";
    else if (c == 62) entity = "&gt;";
    else if (c == 34) entity = "&quot;";
    if (entity.length > 0) {
      out += text.substring(from, i) + entity;
      from = i + 1;
    }
  }
  return from == 0 ? text : out + text.substring(from);
}

/** HTML without its tags, entities kept: the text of a heading for a title, of a link for an image's alt. */
export function stripTags(html: string): string {
  const parts = new Array<string>();
  let from = 0;
  let inTag = false;
  for (let i = 0; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (!inTag && c == 60) { // <
      parts.push(html.substring(from, i));
      inTag = true;
    } else if (inTag && c == 62) { // >
      inTag = false;
      from = i + 1;
    }
  }
  if (!inTag) {
    parts.push(html.substring(from));
  }
  return parts.join("");
}
