// s3-download: GET or HEAD /any/path/NAME (or ?name=NAME) answers 302 to a presigned URL of the object
// KEY_PREFIX + NAME in an S3-compatible bucket, valid URL_TTL seconds, signed here with AWS Signature V4. The
// client downloads from the storage directly: the node never carries the file. README.md says it for the person
// deploying it.
import { Request, Response } from "../../../sdk/assemblyscript/assembly";
import { answer, bucketFromSettings, objectKey, setting } from "../_lib/s3";
import { presignUrl, unixNow } from "../_lib/sigv4";
export { wedge_abi_version_1 } from "../../../sdk/assemblyscript/assembly";

const DEFAULT_TTL: i64 = 300;
const MAX_TTL: i64 = 604800; // S3's limit: a week

function urlTtl(): i64 {
  const text = setting("URL_TTL");
  const value = text !== null ? I64.parseInt(text, 10) : DEFAULT_TTL;
  return value < 1 ? DEFAULT_TTL : value > MAX_TTL ? MAX_TTL : value;
}

export function wedge_on_request(): i32 {
  const method = Request.method();
  if (method != "GET" && method != "HEAD") {
    Response.setHeader("allow", "GET, HEAD");
    return answer(405, "downloads are GET requests");
  }
  const target = bucketFromSettings();
  if (target === null) return 0;
  const key = objectKey();
  if (key === null) return 0;
  // Signed for the request's own method: a client following the redirect repeats it.
  const url = presignUrl(target, method, target.objectPath(key), unixNow(), urlTtl());
  Response.setStatus(302);
  Response.setHeader("location", url);
  // Each answer holds a fresh, expiring signature: no cache may keep it.
  Response.setHeader("cache-control", "no-store");
  Response.setHeader("content-type", "text/plain; charset=utf-8");
  if (method == "GET") Response.writeString("Found: " + url + "\n");
  return 0;
}
