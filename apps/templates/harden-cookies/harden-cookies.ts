// Harden cookies: every Set-Cookie of the origin's answer (or only those of the cookies named in COOKIE_NAME)
// reaches the client with Secure, HttpOnly and SameSite=SAME_SITE (default Strict). An attribute already there is
// kept once; a SameSite the origin chose is replaced, since the point is that the edge decides. Parameters:
// README.md.
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  Context,
  FilterHeadersStatusValues,
  Headers,
  makeHeaderPair,
  registerRootContext,
  RootContext,
  stream_context,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { paramList, param } from "../_lib/params";
import { trim } from "../_lib/text";

class HardenCookiesRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new HardenCookies(context_id, this);
  }
}

class HardenCookies extends Context {
  constructor(context_id: u32, root: HardenCookiesRoot) {
    super(context_id, root);
  }

  onResponseHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const response = stream_context.headers.response;
    const names = paramList("COOKIE_NAME");
    const sameSite = sameSiteValue(param("SAME_SITE", "Strict"));
    const pairs = response.get_headers();
    const out: Headers = [];
    let changed = false;
    for (let i = 0; i < pairs.length; i++) {
      const name = String.UTF8.decode(pairs[i].key);
      if (name.toLowerCase() != "set-cookie") {
        out.push(pairs[i]);
        continue;
      }
      const value = String.UTF8.decode(pairs[i].value);
      if (names.length > 0 && !names.includes(cookieName(value))) {
        out.push(pairs[i]);
        continue;
      }
      out.push(makeHeaderPair(name, harden(value, sameSite)));
      changed = true;
    }
    if (changed) {
      response.set_headers(out); // written back whole, so every Set-Cookie keeps its place
    }
    return FilterHeadersStatusValues.Continue;
  }
}

/** The cookie's name: what precedes the first "=" of its first part. */
function cookieName(setCookie: string): string {
  const semi = setCookie.indexOf(";");
  const pair = semi < 0 ? setCookie : setCookie.substring(0, semi);
  const eq = pair.indexOf("=");
  return trim(eq < 0 ? pair : pair.substring(0, eq));
}

/** Strict, Lax or None as browsers spell it; anything else is Strict (the safe reading of a typo). */
function sameSiteValue(text: string): string {
  const lower = text.toLowerCase();
  if (lower == "lax") return "Lax";
  if (lower == "none") return "None";
  return "Strict";
}

/** The Set-Cookie value with Secure and HttpOnly added when missing and SameSite set to `sameSite`. */
function harden(setCookie: string, sameSite: string): string {
  const parts = setCookie.split(";");
  const kept = new Array<string>();
  kept.push(trim(parts[0]));
  let secure = false;
  let httpOnly = false;
  for (let i = 1; i < parts.length; i++) {
    const attribute = trim(parts[i]);
    const eq = attribute.indexOf("=");
    const key = trim(eq < 0 ? attribute : attribute.substring(0, eq)).toLowerCase();
    if (key == "samesite" || attribute.length == 0) {
      continue;
    }
    if (key == "secure") secure = true;
    if (key == "httponly") httpOnly = true;
    kept.push(attribute);
  }
  if (!secure) kept.push("Secure");
  if (!httpOnly) kept.push("HttpOnly");
  kept.push("SameSite=" + sameSite);
  return kept.join("; ");
}

registerRootContext((context_id: u32) => new HardenCookiesRoot(context_id), "harden-cookies");
