// echo-as: answers with the request as a JSON object (method, path, query, url, headers, body), like apps/echo.
import { Header, Request, Response } from "../../sdk/assemblyscript/assembly";
export { wedge_abi_version_1 } from "../../sdk/assemblyscript/assembly";

const HEX = "0123456789abcdef";

function json(s: string): string {
  const out = new Array<string>();
  out.push('"');
  let run = 0; // start of the characters not yet copied that need no escape
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c != 0x22 && c != 0x5c && c >= 0x20) continue;
    out.push(s.substring(run, i));
    run = i + 1;
    out.push(c == 0x22 || c == 0x5c ? "\\" + String.fromCharCode(c) : "\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15));
  }
  out.push(s.substring(run));
  out.push('"');
  return out.join("");
}

// A name that repeats becomes one key with its values joined by ", ".
function headersJson(headers: Header[]): string {
  const names = new Array<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (values.has(h.name)) {
      values.set(h.name, values.get(h.name) + ", " + h.value);
    } else {
      names.push(h.name);
      values.set(h.name, h.value);
    }
  }
  const fields = new Array<string>();
  for (let i = 0; i < names.length; i++) fields.push(json(names[i]) + ":" + json(values.get(names[i])));
  return "{" + fields.join(",") + "}";
}

export function wedge_on_request(): i32 {
  const body = "{\"method\":" + json(Request.method()) + ",\"path\":" + json(Request.path())
    + ",\"query\":" + json(Request.query()) + ",\"url\":" + json(Request.url())
    + ",\"headers\":" + headersJson(Request.headers()) + ",\"body\":" + json(Request.text()) + "}";
  Response.setStatus(200);
  Response.setHeader("Content-Type", "application/json");
  return Response.writeString(body) == 0 ? 0 : 1;
}
