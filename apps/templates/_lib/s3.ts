// What the s3 http templates share: their bucket settings and the object a request names, on the wedge SDK.
import { Config, Log, Request, Response, setUserDiag } from "../../../sdk/assemblyscript/assembly";
import { S3Target, percentDecode } from "./sigv4";

/** A setting (env var, or a secret when `secret`); empty counts as absent. */
export function setting(name: string, secret: bool = false): string | null {
  const value = secret ? Config.secret(name) : Config.env(name);
  return value !== null && value.length > 0 ? value : null;
}

/** Answers `status` with a line of text (logged as the request's diagnostic too) and ends the request. */
export function answer(status: i32, text: string): i32 {
  setUserDiag(text);
  if (status >= 500) Log.error(text);
  Response.send(status, "text/plain; charset=utf-8", text + "\n");
  return 0;
}

/** The bucket from the settings, or null after answering 500 naming what is missing (the owner's mistake). */
export function bucketFromSettings(): S3Target | null {
  const endpoint = setting("S3_ENDPOINT"), bucket = setting("S3_BUCKET");
  const accessKey = setting("S3_ACCESS_KEY_ID"), secretKey = setting("S3_SECRET_ACCESS_KEY", true);
  const region = setting("S3_REGION");
  let missing = "";
  if (endpoint === null) missing += " S3_ENDPOINT";
  if (bucket === null) missing += " S3_BUCKET";
  if (accessKey === null) missing += " S3_ACCESS_KEY_ID";
  if (secretKey === null) missing += " S3_SECRET_ACCESS_KEY";
  if (missing.length > 0) {
    answer(500, "the app is not configured: missing" + missing);
    return null;
  }
  return new S3Target(endpoint!, bucket!, region !== null ? region : "us-east-1", accessKey!, secretKey!);
}

const MAX_KEY_BYTES = 1024; // S3's limit on a key

/**
 * The object a request names: KEY_PREFIX plus the `name` query parameter, or else the last segment of the path
 * (percent-decoded). Null after answering 400 when there is none or it is not a usable key.
 */
export function objectKey(): string | null {
  let name = Request.queryParam("name");
  if (name === null) {
    const path = Request.path();
    name = percentDecode(path.substring(path.lastIndexOf("/") + 1));
    if (name === null) {
      answer(400, "the file name in the path is not UTF-8");
      return null;
    }
  }
  if (name.length == 0) {
    answer(400, "no file name: give it as the last part of the path (/files/report.pdf) or as ?name=");
    return null;
  }
  const prefix = setting("KEY_PREFIX");
  const key = prefix !== null ? prefix + name : name;
  if (String.UTF8.byteLength(key) > MAX_KEY_BYTES) {
    answer(400, "the file name is too long (S3 keys are at most 1024 bytes)");
    return null;
  }
  return key;
}

/** Text as a JSON string literal. */
export function jsonString(text: string): string {
  let out = "\"";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 34) out += "\\\"";
    else if (c == 92) out += "\\\\";
    else if (c < 32) out += "\\u00" + (c < 16 ? "0" : "1") + "0123456789abcdef".charAt(c & 15);
    else out += String.fromCharCode(c);
  }
  return out + "\"";
}
