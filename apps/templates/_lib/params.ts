// What the templates share besides hashing: parameters (the app's env, read through the dictionary, which falls
// back to env), lists, the clock, query strings, header maps rewritten whole, and local refusals.
import {
  get_current_time_nanoseconds,
  HeaderPair,
  Headers,
  makeHeaderPair,
  send_http_response,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { getDictionary } from "@gcoredev/proxy-wasm-sdk-as/assembly/fastedge";
import { trim } from "./text";

/** A parameter's value, trimmed; `fallback` when it is unset or blank. */
export function param(name: string, fallback: string = ""): string {
  const value = trim(getDictionary(name));
  return value.length > 0 ? value : fallback;
}

/** A whole-number parameter; `fallback` when unset or not a non-negative number. */
export function paramNumber(name: string, fallback: u64): u64 {
  const text = param(name, "");
  const value = parseDigits(text);
  return value < 0 ? fallback : <u64>value;
}

/** The value of a text of decimal digits (at most 18), or -1. */
export function parseDigits(text: string): i64 {
  if (text.length == 0 || text.length > 18) {
    return -1;
  }
  let value: i64 = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) {
      return -1;
    }
    value = value * 10 + (code - 48);
  }
  return value;
}

/** A comma-separated list, each item trimmed (and lower-cased when asked), empty items dropped. */
export function commaList(text: string, lower: bool): string[] {
  const out = new Array<string>();
  const parts = text.split(",");
  for (let i = 0; i < parts.length; i++) {
    const item = lower ? trim(parts[i]).toLowerCase() : trim(parts[i]);
    if (item.length > 0) {
      out.push(item);
    }
  }
  return out;
}

/**
 * Entries of a parameter: one per line when the text has line breaks, otherwise separated by ";" (so a value
 * holding ";" is written one entry per line). Trimmed, empty ones dropped.
 */
export function entries(text: string): string[] {
  const lines = text.includes("\n") ? text.split("\n") : text.split(";");
  const out = new Array<string>();
  for (let i = 0; i < lines.length; i++) {
    const entry = trim(lines[i]);
    if (entry.length > 0) {
      out.push(entry);
    }
  }
  return out;
}

/** Unix time in seconds. */
export function nowSeconds(): u64 {
  return get_current_time_nanoseconds() / 1_000_000_000;
}

/** The path of a request target (`:path`), without its query. */
export function pathOf(target: string): string {
  const mark = target.indexOf("?");
  return mark < 0 ? target : target.substring(0, mark);
}

/** The query of a request target, without the "?" ("" when none). */
export function queryOf(target: string): string {
  const mark = target.indexOf("?");
  return mark < 0 ? "" : target.substring(mark + 1);
}

/** The first value of a query parameter, percent-decoded; null when absent. */
export function queryParam(query: string, name: string): string | null {
  if (query.length == 0) {
    return null;
  }
  const parts = query.split("&");
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i].indexOf("=");
    const key = eq < 0 ? parts[i] : parts[i].substring(0, eq);
    if (decodeURIComponentSafe(key) == name) {
      return eq < 0 ? "" : decodeURIComponentSafe(parts[i].substring(eq + 1));
    }
  }
  return null;
}

/** The request target without the query parameters named (the rest kept as sent, in order). */
export function withoutParams(target: string, names: string[]): string {
  const query = queryOf(target);
  if (query.length == 0) {
    return target;
  }
  const kept = new Array<string>();
  const parts = query.split("&");
  for (let i = 0; i < parts.length; i++) {
    const eq = parts[i].indexOf("=");
    const key = decodeURIComponentSafe(eq < 0 ? parts[i] : parts[i].substring(0, eq));
    if (!names.includes(key)) {
      kept.push(parts[i]);
    }
  }
  const path = pathOf(target);
  return kept.length == 0 ? path : path + "?" + kept.join("&");
}

function decodeURIComponentSafe(text: string): string {
  // "+" is a space in form-encoded queries; a malformed escape is kept as written rather than trapping.
  const spaced = text.replaceAll("+", " ");
  if (!spaced.includes("%")) {
    return spaced;
  }
  const bytes = Uint8Array.wrap(String.UTF8.encode(spaced));
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] == 37 && i + 2 < bytes.length && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
      out[length++] = <u8>((hexValue(bytes[i + 1]) << 4) | hexValue(bytes[i + 2]));
      i += 2;
    } else {
      out[length++] = bytes[i];
    }
  }
  return String.UTF8.decode(out.slice(0, length).buffer);
}

function hexValue(code: u8): i32 {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * The pairs without the names given (lower case). Writing a map back whole deletes headers in both phase
 * models: FastEdge's single "remove" leaves an empty value behind.
 */
export function withoutHeaders(pairs: Headers, names: string[]): Headers {
  const kept: Headers = [];
  for (let i = 0; i < pairs.length; i++) {
    if (!names.includes(String.UTF8.decode(pairs[i].key).toLowerCase())) {
      kept.push(pairs[i]);
    }
  }
  return kept;
}

/** Ends the request here with a short plain-text answer the origin never sees. */
export function refuse(status: u32, text: string, extra: HeaderPair[] = []): void {
  const headers: Headers = [
    makeHeaderPair("content-type", "text/plain; charset=utf-8"),
    makeHeaderPair("cache-control", "no-store"),
  ];
  for (let i = 0; i < extra.length; i++) {
    headers.push(extra[i]);
  }
  send_http_response(status, "refused", String.UTF8.encode(text + "\n"), headers);
}

/** Whether text is an HTTP token (a valid header name): letters, digits and !#$%&'*+-.^_`|~. */
export function isToken(text: string): bool {
  if (text.length == 0) {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (!alnum && !"!#$%&'*+-.^_`|~".includes(String.fromCharCode(code))) {
      return false;
    }
  }
  return true;
}

/** A comma-separated list parameter: its items trimmed, blanks dropped; `fallback` when absent. */
export function paramList(name: string, fallback: string = ""): string[] {
  return splitTrimmed(param(name, fallback), ",");
}

/** An integer parameter within [min, max]; `fallback` when absent or not a number. */
export function paramInt(name: string, fallback: i32, min: i32, max: i32): i32 {
  const digits = parseDigits(param(name));
  if (digits < 0) {
    return fallback;
  }
  const value = digits > <i64>max ? max : <i32>digits;
  return value < min ? min : value > max ? max : value;
}

/** A boolean parameter: true, yes, on or 1 (any case) are true; `fallback` when absent. */
export function paramBool(name: string, fallback: bool): bool {
  const text = param(name).toLowerCase();
  if (text.length == 0) {
    return fallback;
  }
  return text == "true" || text == "yes" || text == "on" || text == "1";
}

/** `text` cut at each `separator`, each piece trimmed, empty pieces dropped. */
export function splitTrimmed(text: string, separator: string): string[] {
  const items = new Array<string>();
  const parts = text.split(separator);
  for (let i = 0; i < parts.length; i++) {
    const item = trim(parts[i]);
    if (item.length > 0) {
      items.push(item);
    }
  }
  return items;
}
