// HTTP values the templates read.
import { trim } from "./text";

/** The media type alone, lower-cased: "Text/HTML; charset=utf-8" is "text/html"; "" for none. */
export function mediaType(contentType: string): string {
  const semicolon = contentType.indexOf(";");
  return trim(semicolon < 0 ? contentType : contentType.substring(0, semicolon)).toLowerCase();
}

/** A request path without its query. */
export function withoutQuery(path: string): string {
  const query = path.indexOf("?");
  return query < 0 ? path : path.substring(0, query);
}
