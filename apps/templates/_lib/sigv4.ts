// AWS Signature Version 4 (the S3 flavour) for the s3 templates: header-signed requests and presigned URLs,
// on crypto.ts's SHA-256 and HMAC. Plain AssemblyScript, no SDK: the http templates link it with the wedge SDK.
import { hmacSha256, sameBytes, sha256, toHex, utf8 } from "./crypto";

/** Where and as whom to reach a bucket: path-style URLs `ENDPOINT/BUCKET/KEY`. */
export class S3Target {
  /** `scheme://authority` of the endpoint, without a trailing slash. */
  base: string;
  /** The Host header the outbound client sends: lower case, the port only when not the scheme's. */
  host: string;

  constructor(endpoint: string, public bucket: string, public region: string,
              public accessKey: string, public secretKey: string) {
    const scheme = endpoint.indexOf("://");
    const rest = scheme < 0 ? endpoint : endpoint.substring(scheme + 3);
    const slash = rest.indexOf("/");
    let authority = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase();
    const https = endpoint.substring(0, 5).toLowerCase() == "https";
    this.base = (https ? "https://" : "http://") + authority;
    if (https && authority.endsWith(":443")) authority = authority.substring(0, authority.length - 4);
    if (!https && authority.endsWith(":80")) authority = authority.substring(0, authority.length - 3);
    this.host = authority;
  }

  /** The canonical (and sent) path of an object: each segment of bucket and key URI-encoded once. */
  objectPath(key: string): string {
    return "/" + uriEncode(this.bucket, false) + "/" + uriEncode(key, true);
  }
}

/** The headers of a header-signed request; `authorization` is the last one to add. */
export class SignedHeaders {
  constructor(public amzDate: string, public payloadHash: string, public authorization: string) {}
}

/**
 * Signs `method path` with the payload's hash in headers (x-amz-date, x-amz-content-sha256, Authorization); the
 * signed headers are host and those two, so the client may add any other header unsigned.
 */
export function signHeaders(target: S3Target, method: string, path: string, payload: Uint8Array,
                            unixSeconds: i64): SignedHeaders {
  const amzDate = formatAmzDate(unixSeconds);
  const payloadHash = toHex(sha256(payload));
  const signed = "host;x-amz-content-sha256;x-amz-date";
  const canonical = method + "\n" + path + "\n\n"
    + "host:" + target.host + "\n" + "x-amz-content-sha256:" + payloadHash + "\n" + "x-amz-date:" + amzDate + "\n"
    + "\n" + signed + "\n" + payloadHash;
  const scope = credentialScope(target, amzDate);
  const signature = sign(target, amzDate, scope, canonical);
  return new SignedHeaders(amzDate, payloadHash, "AWS4-HMAC-SHA256 Credential=" + target.accessKey + "/" + scope
    + ", SignedHeaders=" + signed + ", Signature=" + signature);
}

/** A presigned URL for `method path`, valid `expiresSeconds` from `unixSeconds` (S3 allows 1 to 604800). */
export function presignUrl(target: S3Target, method: string, path: string, unixSeconds: i64,
                           expiresSeconds: i64): string {
  const amzDate = formatAmzDate(unixSeconds);
  const scope = credentialScope(target, amzDate);
  // Already in the canonical order: sorted by name.
  const query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
    + "&X-Amz-Credential=" + uriEncode(target.accessKey + "/" + scope, false)
    + "&X-Amz-Date=" + amzDate
    + "&X-Amz-Expires=" + expiresSeconds.toString()
    + "&X-Amz-SignedHeaders=host";
  const canonical = method + "\n" + path + "\n" + query + "\n" + "host:" + target.host + "\n\nhost\nUNSIGNED-PAYLOAD";
  return target.base + path + "?" + query + "&X-Amz-Signature=" + sign(target, amzDate, scope, canonical);
}

function credentialScope(target: S3Target, amzDate: string): string {
  return amzDate.substring(0, 8) + "/" + target.region + "/s3/aws4_request";
}

function sign(target: S3Target, amzDate: string, scope: string, canonical: string): string {
  const toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + toHex(sha256(utf8(canonical)));
  let key = hmacSha256(utf8("AWS4" + target.secretKey), utf8(amzDate.substring(0, 8)));
  key = hmacSha256(key, utf8(target.region));
  key = hmacSha256(key, utf8("s3"));
  key = hmacSha256(key, utf8("aws4_request"));
  return toHex(hmacSha256(key, utf8(toSign)));
}

const UPPER_HEX = "0123456789ABCDEF";

/** URI-encodes UTF-8 text as SigV4 says: all but A-Z a-z 0-9 - . _ ~ (and `/` when kept) become %XX. */
export function uriEncode(text: string, keepSlash: bool): string {
  const bytes = utf8(text);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const c = <i32>bytes[i];
    const plain = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
      || c == 45 || c == 46 || c == 95 || c == 126 || (keepSlash && c == 47);
    out += plain ? String.fromCharCode(c) : "%" + UPPER_HEX.charAt(c >> 4) + UPPER_HEX.charAt(c & 15);
  }
  return out;
}

/** `%XX`-decodes a path as UTF-8 (a malformed escape stays as it is); null when the result is not UTF-8. */
export function percentDecode(path: string): string | null {
  const bytes = utf8(path);
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] == 37 && i + 2 < bytes.length) {
      const high = hexValue(bytes[i + 1]), low = hexValue(bytes[i + 2]);
      if (high >= 0 && low >= 0) {
        out[n++] = <u8>((high << 4) | low);
        i += 2;
        continue;
      }
    }
    out[n++] = bytes[i];
  }
  const decoded = out.subarray(0, n);
  const text = String.UTF8.decode(decoded.slice().buffer);
  // Invalid UTF-8 decodes to U+FFFD, which does not encode back to the same bytes.
  return sameBytes(utf8(text), decoded) ? text : null;
}

function hexValue(c: u8): i32 {
  if (c >= 48 && c <= 57) return <i32>c - 48;
  if (c >= 97 && c <= 102) return <i32>c - 87;
  if (c >= 65 && c <= 70) return <i32>c - 55;
  return -1;
}

/** `YYYYMMDDTHHMMSSZ` of a Unix time (UTC). */
export function formatAmzDate(unixSeconds: i64): string {
  const days = floorDiv(unixSeconds, 86400);
  const second = <i32>(unixSeconds - days * 86400);
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil, inverted).
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const day = doy - (153 * mp + 2) / 5 + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(second / 3600, 2) + pad(second / 60 % 60, 2)
    + pad(second % 60, 2) + "Z";
}

function floorDiv(a: i64, b: i64): i64 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

function pad(value: i64, width: i32): string {
  let text = value.toString();
  while (text.length < width) text = "0" + text;
  return text;
}

@external("wasi_snapshot_preview1", "clock_time_get")
declare function clock_time_get(id: u32, precision: u64, time: usize): u16;

/** The node's clock, in Unix seconds (WASI's realtime clock). */
export function unixNow(): i64 {
  const at = memory.data(8);
  clock_time_get(0, 1000000000, at);
  return <i64>(load<u64>(at) / 1000000000);
}
