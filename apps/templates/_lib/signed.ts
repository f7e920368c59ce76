// Signature checks that survive a secret's rotation: a signature is accepted when it was made with any slot of
// the secret that could have been in force for it (see checkSignature).
import { getSecret, getSecretEffectiveAt } from "@gcoredev/proxy-wasm-sdk-as/assembly/fastedge";
import { fromHex, hmacSha256, sameBytes, utf8 } from "./crypto";
import { refuse } from "./params";

export enum Verdict { Valid, Expired, TooLong, Bad, NoSecret }

/**
 * Checks `signatureHex` = hex HMAC-SHA256(secret, message) for a signature that expires at `expires` and may
 * have been made at most `maxTtl` seconds before it. The slots tried are the secret's in force now, at the
 * expiry, and at the earliest moment it could have been signed (expires - maxTtl): with at most one rotation in
 * that window, whichever key the signer used is among them, and a retired key stops working `maxTtl` after
 * the rotation.
 */
export function checkSignature(secretName: string, message: string, signatureHex: string, expires: u64, now: u64,
    maxTtl: u64): Verdict {
  if (expires < now) {
    return Verdict.Expired;
  }
  if (expires - now > maxTtl) {
    return Verdict.TooLong;
  }
  const given = fromHex(signatureHex);
  if (given == null || given.length != 32) {
    return Verdict.Bad;
  }
  const keys = new Array<string>();
  addKey(keys, getSecret(secretName));
  addKey(keys, getSecretEffectiveAt(secretName, clampU32(expires)));
  addKey(keys, getSecretEffectiveAt(secretName, clampU32(expires > maxTtl ? expires - maxTtl : 0)));
  if (keys.length == 0) {
    return Verdict.NoSecret;
  }
  const data = utf8(message);
  let valid = false;
  for (let i = 0; i < keys.length; i++) {
    valid = sameBytes(hmacSha256(utf8(keys[i]), data), given) || valid; // every key tried: no early exit
  }
  return valid ? Verdict.Valid : Verdict.Bad;
}

function addKey(keys: string[], key: string): void {
  if (key.length > 0 && !keys.includes(key)) {
    keys.push(key);
  }
}

function clampU32(value: u64): u32 {
  return value > <u64>u32.MAX_VALUE ? u32.MAX_VALUE : <u32>value;
}

/**
 * Answers the client for any verdict but Valid (403 with the reason; 500 when the secret is missing, a
 * configuration error) and tells whether it did. `what` names the credential: "download token".
 */
export function refusedFor(verdict: Verdict, what: string, secretName: string): bool {
  switch (verdict) {
    case Verdict.Valid:
      return false;
    case Verdict.Expired:
      refuse(403, "Forbidden: the " + what + " has expired.");
      break;
    case Verdict.TooLong:
      refuse(403, "Forbidden: the " + what + " is not valid: it expires too far ahead.");
      break;
    case Verdict.NoSecret:
      refuse(500, "Not configured: the secret " + secretName + " is not set.");
      break;
    default:
      refuse(403, "Forbidden: the " + what + " is not valid.");
  }
  return true;
}
