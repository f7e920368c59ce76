// s3-upload: stores the request's body as an object of an S3-compatible bucket. PUT or POST /any/path/NAME (or
// ?name=NAME) puts the bytes at KEY_PREFIX + NAME with AWS Signature V4 computed here, in the guest; the
// client gets 201 with the key, size and ETag as JSON. Bodies over MAX_FILE_SIZE: 413; storage refusing the
// credentials: 403; storage unreachable or failing: 502. With UPLOAD_TOKEN set, only requests carrying
// `Authorization: Bearer UPLOAD_TOKEN` upload (none: 401, another: 403). README.md says it for the person
// deploying it.
import { Header, Request, Response, fetch } from "../../../sdk/assemblyscript/assembly";
import { sameBytes, utf8 } from "../_lib/crypto";
import { answer, bucketFromSettings, jsonString, objectKey, setting } from "../_lib/s3";
import { signHeaders, unixNow } from "../_lib/sigv4";
export { wedge_abi_version_1 } from "../../../sdk/assemblyscript/assembly";

const DEFAULT_MAX_FILE_SIZE: i64 = 10485760; // 10 MiB

function maxFileSize(): i64 {
  const text = setting("MAX_FILE_SIZE");
  if (text === null) return DEFAULT_MAX_FILE_SIZE;
  const value = I64.parseInt(text, 10);
  return value > 0 ? value : DEFAULT_MAX_FILE_SIZE;
}

function tooLarge(limit: i64): i32 {
  return answer(413, "the file is larger than this upload allows (" + limit.toString() + " bytes)");
}

export function wedge_on_request(): i32 {
  const method = Request.method();
  if (method != "PUT" && method != "POST") {
    Response.setHeader("allow", "PUT, POST");
    return answer(405, "send the file with PUT or POST");
  }
  if (!authorized()) return 0;
  const limit = maxFileSize();
  // A declared length over the limit is refused before a byte of the body is read.
  const declared = Request.header("content-length");
  if (declared !== null && I64.parseInt(declared, 10) > limit) return tooLarge(limit);
  const target = bucketFromSettings();
  if (target === null) return 0;
  const key = objectKey();
  if (key === null) return 0;
  const body = Request.body();
  if (<i64>body.length > limit) return tooLarge(limit);

  const path = target.objectPath(key);
  const signed = signHeaders(target, "PUT", path, body, unixNow());
  let contentType = Request.header("content-type");
  // A form-encoded type makes some servers parse the body as parameters (and the signature then fails).
  if (contentType === null || contentType.startsWith("application/x-www-form-urlencoded")) {
    contentType = "application/octet-stream";
  }
  const headers: Header[] = [
    new Header("x-amz-date", signed.amzDate),
    new Header("x-amz-content-sha256", signed.payloadHash),
    new Header("authorization", signed.authorization),
    new Header("content-type", contentType),
  ];
  const stored = fetch("PUT", target.base + path, headers, body);
  if (!stored.ok) return answer(502, "the storage could not be reached: " + stored.error);
  const status = stored.value.status;
  if (status == 403) return answer(403, "the storage refused the upload (check the access key and secret)");
  if (status < 200 || status > 299) {
    return answer(502, "the storage answered " + status.toString() + ": " + errorCode(stored.value.text()));
  }
  const etag = stored.value.header("etag");
  Response.setStatus(201);
  Response.setHeader("content-type", "application/json");
  Response.writeString("{\"key\":" + jsonString(key) + ",\"size\":" + body.length.toString() + ",\"etag\":"
    + (etag !== null ? jsonString(etag) : "null") + "}\n");
  return 0;
}

/** Whether the request may upload; answers 401 or 403 when not. */
function authorized(): bool {
  const token = setting("UPLOAD_TOKEN", true);
  if (token === null) return true;
  const given = Request.header("authorization");
  if (given === null || !given.startsWith("Bearer ")) {
    Response.setHeader("www-authenticate", "Bearer realm=\"upload\"");
    answer(401, "this upload needs an Authorization: Bearer token");
    return false;
  }
  // Compared in time that does not depend on where the tokens differ.
  if (!sameBytes(utf8(given.substring(7)), utf8(token))) {
    answer(403, "the upload token is wrong");
    return false;
  }
  return true;
}

/** The <Code> of an S3 error document, or "no error code". */
function errorCode(document: string): string {
  const start = document.indexOf("<Code>");
  const end = document.indexOf("</Code>");
  return start >= 0 && end > start ? document.substring(start + 6, end) : "no error code";
}
